#include "src/engine/campaign_test_env.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "src/engine/executor.h"

namespace renumber {

TempCampaignFiles::TempCampaignFiles(Clock* clock) {
  char tmpl[] = "/tmp/renumber-campaign-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return;
  }
  dir_ = tmpl;
  auto journal = JournalWriter::Open(PosixFileSystem(), journal_path(), clock);
  if (!journal.ok()) {
    ADD_FAILURE() << journal.status().ToString();
    return;
  }
  journal_ = std::move(*journal);
  locks_ = std::make_unique<AccountLocks>(
      PosixFileSystem(), dir_ + "/locks",
      LockHolder{"me", "", "test", "c", 1, "h", ""}, clock);
}

TempCampaignFiles::~TempCampaignFiles() {
  if (!dir_.empty()) {
    EXPECT_EQ(system(("rm -rf '" + dir_ + "'").c_str()), 0);
  }
}

std::vector<nlohmann::json> TempCampaignFiles::Records() const {
  auto contents = ReadJournal(PosixFileSystem(), journal_path());
  return contents.ok() ? contents->records : std::vector<nlohmann::json>{};
}

CampaignTestEnv::CampaignTestEnv(Clock* clock, CredentialSource* credentials,
                                 AdapterMaker make_adapter)
    : clock_(clock),
      credentials_(credentials),
      make_adapter_(std::move(make_adapter)) {}

CampaignResult CampaignTestEnv::Run(const std::vector<PlanRow>& rows,
                                    const TestRun& run, JournalSink* journal,
                                    AccountLocker* locks,
                                    std::vector<nlohmann::json> records) {
  const Command cmd = run.options.command;
  const bool writes = cmd != Command::kPlan && cmd != Command::kVerify;
  EngineDeps deps;
  deps.clock = clock_;
  deps.credentials = credentials_;
  deps.make_adapter = make_adapter_;
  // As the CLI composes a dry run: no journal, no locks, the dry executor.
  deps.journal = writes && !run.dry ? journal : nullptr;
  deps.observations = run.dry ? nullptr : journal;
  deps.locks = writes && !run.dry ? locks : nullptr;
  deps.journal_records = &records;
  deps.run = {"run" + std::to_string(++runs_), "c", CommandName(cmd), "me", ""};
  std::unique_ptr<Executor> exec;
  if (writes)
    exec = run.dry ? NewDryRunExecutor() : NewLiveExecutor(journal, deps.run);
  if (run.before) run.before();
  return RunCampaign(deps, run.options, rows, run.jobs, exec.get(), run.confirm,
                     nullptr);
}

FakeEssCampaign::FakeEssCampaign(Clock* clock, int accounts,
                                 Timestamp maintenance_end)
    : vendor_(std::make_shared<FakeVendorState>()) {
  std::vector<Credentials> credentials;
  for (int i = 1; i <= accounts; ++i) {
    const std::string customer = "C-" + std::to_string(i);
    vendor_->accounts[customer];
    Credentials cr;
    cr.account = {customer, Service("ess")};
    cr.api_base = "https://ess.example.net";
    cr.fields["username"] = "u";
    cr.secrets["password"] = Secret("pw");
    credentials.push_back(cr);
    PlanRow row;
    row.target.account = cr.account;
    row.target.old_ip = *IpAddress::Parse("203.0.113.10");
    row.target.new_ip = *IpAddress::Parse("198.51.100.20");
    row.target.maintenance_end = maintenance_end;
    rows_.push_back(row);
  }
  credentials_ = NewMemoryCredentialSource(credentials);
  env_ = std::make_unique<CampaignTestEnv>(
      clock, credentials_.get(),
      [vendor =
           vendor_](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
        return NewFakeAdapter(vendor, c.account.customer);
      });
}

CampaignResult FakeEssCampaign::Run(const TestRun& run, JournalSink* journal,
                                    AccountLocker* locks,
                                    std::vector<nlohmann::json> records) {
  return env_->Run(rows_, run, journal, locks, std::move(records));
}

}  // namespace renumber
