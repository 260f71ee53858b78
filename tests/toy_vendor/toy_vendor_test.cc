// A vendor registered only here goes through every generic path a shipped
// vendor does: its service is parsed and ordered from the registry, its
// credentials are read by the generic credentials-file and vault code,
// and the real engine plans, prepares, verifies and cuts it over through
// the adapter registry (NewAdapter), against its simulator.
#include <gtest/gtest.h>

#include "src/core/fs.h"
#include "src/core/random.h"
#include "src/core/resolver.h"
#include "src/engine/campaign_test_env.h"
#include "src/engine/journal.h"
#include "src/http/fake_transport.h"
#include "src/model/credential_source.h"
#include "src/vault/entry.h"
#include "tests/toy_vendor/toy_simulator.h"
#include "tests/toy_vendor/toy_vendor.h"

namespace renumber {
namespace {

using json = nlohmann::json;
using std::chrono::hours;

constexpr char kKey[] = "toy-key-5ecret-value";

class ToyVendorTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(RegisterToyVendor().ok()); }

  static std::string CredentialsJson(const std::string& key) {
    return json{{"version", 1},
                {"accounts",
                 {{{"customer", "C-1"},
                   {"service", "toy"},
                   {"api_base", "https://toy.example.net"},
                   {"login", "op@c1"},
                   {"key", key}}}}}
        .dump();
  }
};

TEST_F(ToyVendorTest, ItsServiceIsParsedAndOrderedAfterTheBuiltInOnes) {
  auto toy = ParseService("toy");
  ASSERT_TRUE(toy.ok()) << toy.status().ToString();
  EXPECT_STREQ(ServiceName(*toy), "toy");
  std::vector<std::string> names;
  for (Service s : RegisteredServices()) names.push_back(s.name());
  EXPECT_EQ(names, (std::vector<std::string>{"ess", "cdn", "toy"}));
  AccountKey ess{"C-1", Service("ess")}, cdn{"C-1", Service("cdn")},
      t{"C-1", *toy};
  EXPECT_TRUE(ess < cdn && cdn < t);
  EXPECT_EQ(t.ToString(), "C-1/toy");
  auto unknown = ParseService("dns");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("expected ess, cdn or toy"),
            std::string::npos)
      << unknown.status().message();
  EXPECT_NE(unknown.status().message_ja().find("ess、cdn か toy"),
            std::string::npos)
      << unknown.status().message_ja();
}

TEST_F(ToyVendorTest, ANameIsRegisteredOnce) {
  EXPECT_FALSE(RegisterVendor(ToyServiceSpec(), NewToyAdapter).ok());
  EXPECT_FALSE(RegisterVendor({"ess", {}}, NewToyAdapter).ok());
  EXPECT_FALSE(RegisterVendor({"Bad Name", {}}, NewToyAdapter).ok());
}

TEST_F(ToyVendorTest, ItsCredentialsAreReadByTheGenericParser) {
  auto creds = ParseCredentialsJson(CredentialsJson(kKey), "creds.json");
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  ASSERT_EQ(creds->size(), 1u);
  const Credentials& c = (*creds)[0];
  EXPECT_EQ(c.account.ToString(), "C-1/toy");
  EXPECT_EQ(c.field("login"), "op@c1");
  EXPECT_EQ(c.secret("key").reveal(), kKey);
  EXPECT_TRUE(c.fields.count("key") == 0) << "a secret field is no plain one";
  EXPECT_EQ(CredentialsEntryKeys(c.account.service),
            (std::vector<std::string>{"customer", "service", "api_base",
                                      "login", "key", "ca_file"}));

  // Another vendor's field is refused, naming the toy's own.
  json wrong = json::parse(CredentialsJson(kKey));
  wrong["accounts"][0]["password"] = "pw";
  auto refused = ParseCredentialsJson(wrong.dump(), "creds.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(
                "unknown field \"password\" (known here: customer, service, "
                "api_base, login, key, ca_file)"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(refused.status().message().find(kKey), std::string::npos);

  // A required secret: missing or empty is refused.
  json missing = json::parse(CredentialsJson(kKey));
  missing["accounts"][0].erase("key");
  EXPECT_NE(ParseCredentialsJson(missing.dump(), "c")
                .status()
                .message()
                .find("missing \"key\""),
            std::string::npos);
  EXPECT_NE(ParseCredentialsJson(CredentialsJson(""), "c")
                .status()
                .message()
                .find("\"key\" is empty"),
            std::string::npos);
}

TEST_F(ToyVendorTest, TheVaultKeepsItsFieldsByName) {
  auto creds = ParseCredentialsJson(CredentialsJson(kKey), "creds.json");
  ASSERT_TRUE(creds.ok());
  vault::VaultBody body;
  body.vault_key = Secret(std::string(32, 'k'));
  body.created_at = *Timestamp::ParseRfc3339("2026-12-01T00:00:00Z");
  vault::VaultEntry e;
  e.creds = (*creds)[0];
  e.ticket = "T-1";
  e.created_at = body.created_at;
  e.created_by = "tester";
  e.expires_at = *Timestamp::ParseRfc3339("2026-12-31T00:00:00Z");
  body.entries.push_back(e);
  Secret encoded = vault::EncodeBody(body);
  json stored = json::parse(encoded.reveal());
  EXPECT_EQ(stored["entries"][0]["login"], "op@c1");
  EXPECT_EQ(stored["entries"][0]["key"], kKey);
  auto decoded = vault::DecodeBody(encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->entries.size(), 1u);
  EXPECT_EQ(decoded->entries[0].creds.account.ToString(), "C-1/toy");
  EXPECT_EQ(decoded->entries[0].creds.field("login"), "op@c1");
  EXPECT_EQ(decoded->entries[0].creds.secret("key").reveal(), kKey);

  // The toy's required secret is required in the vault too.
  stored["entries"][0].erase("key");
  auto bad = vault::DecodeBody(Secret(stored.dump()));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("missing \"key\""), std::string::npos)
      << bad.status().message();
}

// The engine, as the CLI composes it (src/cli/migration.cc): credentials
// from a credentials file's text, the plan from CSV, adapters from the
// registry, a journal and locks; the vendor is the toy simulator behind a
// fake transport.
class ToyCampaignTest : public ToyVendorTest {
 protected:
  void SetUp() override {
    ToyVendorTest::SetUp();
    sim_.AddAccount("C-1", {"op@c1", kKey, {"203.0.113.10"}, 0});
    transport_.SetHandler([this](const HttpRequest& r) -> Result<HttpResponse> {
      return sim_.Handle(r);
    });
    auto creds = ParseCredentialsJson(CredentialsJson(kKey), "creds.json");
    ASSERT_TRUE(creds.ok()) << creds.status().ToString();
    source_ = NewMemoryCredentialSource(std::move(*creds));
    auto rows = ParsePlanCsv(
        "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
        "C-1,toy,203.0.113.10,198.51.100.20,2026-12-10T06:00:00+09:00,ZL-1\n",
        "plan.csv", {});
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    rows_ = *rows;
    clock_.Set(*Timestamp::ParseRfc3339("2026-12-01T00:00:00Z"));
    env_ = std::make_unique<CampaignTestEnv>(
        &clock_, source_.get(),
        [this](const Credentials& c) -> Result<std::unique_ptr<Adapter>> {
          return NewAdapter(
              c, AdapterDeps{&transport_, &clock_, &resolver_, &random_});
        });
  }

  AccountReport Run(Command cmd, Expectation expect = {}) {
    TestRun run;
    run.options.command = cmd;
    run.options.expect = expect;
    run.confirm = [](const ConfirmRequest&) { return true; };
    auto r = env_->Run(rows_, run, files_.journal(), files_.locks(),
                       files_.Records());
    EXPECT_EQ(r.accounts.size(), 1u);
    return r.accounts.empty() ? AccountReport{} : r.accounts[0];
  }

  ToySimulator sim_;
  FakeTransport transport_;
  FakeClock clock_;
  TempCampaignFiles files_{&clock_};
  const std::string& dir_ = files_.dir();
  FakeResolver resolver_;
  FakeRandom random_;
  std::unique_ptr<CredentialSource> source_;
  std::unique_ptr<CampaignTestEnv> env_;
  std::vector<PlanRow> rows_;
};

TEST_F(ToyCampaignTest, PlanPrepareVerifyAndCutOverThroughTheRegistry) {
  AccountReport plan = Run(Command::kPlan);
  EXPECT_EQ(plan.result, AccountResult::kOk) << plan.error.ToString();
  ASSERT_TRUE(plan.state_before.has_value());
  EXPECT_EQ(*plan.state_before, AccountState::kNotStarted);
  EXPECT_EQ(sim_.Get("C-1").writes, 0) << "plan reads only";

  AccountReport prepare = Run(Command::kPrepare);
  EXPECT_EQ(prepare.result, AccountResult::kDone) << prepare.error.ToString();
  ASSERT_TRUE(prepare.state_after.has_value());
  EXPECT_EQ(*prepare.state_after, AccountState::kPrepared);
  EXPECT_EQ(sim_.Get("C-1").targets,
            (std::vector<std::string>{"203.0.113.10", "198.51.100.20"}));
  EXPECT_EQ(Run(Command::kPrepare).result, AccountResult::kNothingToDo);
  EXPECT_EQ(sim_.Get("C-1").writes, 1);

  Expectation prepared;
  prepared.states = {AccountState::kPrepared};
  AccountReport verify = Run(Command::kVerify, prepared);
  EXPECT_EQ(verify.result, AccountResult::kOk) << verify.error.ToString();

  clock_.Advance(hours(24 * 10));  // past maintenance_end
  AccountReport cutover = Run(Command::kCutover);
  EXPECT_EQ(cutover.result, AccountResult::kDone) << cutover.error.ToString();
  ASSERT_TRUE(cutover.state_after.has_value());
  EXPECT_EQ(*cutover.state_after, AccountState::kCutOver);
  EXPECT_EQ(sim_.Get("C-1").targets,
            (std::vector<std::string>{"198.51.100.20"}));

  // Every request carried the credentials; the journal names the account
  // and never holds the secret.
  for (const HttpRequest& r : transport_.requests())
    EXPECT_EQ(r.headers.GetOr("X-Toy-Key", ""), kKey);
  auto journal = ReadJournal(PosixFileSystem(), dir_ + "/j.journal");
  ASSERT_TRUE(journal.ok());
  int toy_records = 0;
  for (const json& rec : journal->records) {
    EXPECT_EQ(rec.dump().find(kKey), std::string::npos);
    toy_records += rec.value("account", "") == "C-1/toy";
  }
  EXPECT_GT(toy_records, 0);
}

TEST_F(ToyCampaignTest, AWrongKeyFailsTheAccountWithoutWriting) {
  sim_.AddAccount("C-1", {"op@c1", "another-key", {"203.0.113.10"}, 0});
  AccountReport prepare = Run(Command::kPrepare);
  EXPECT_EQ(prepare.result, AccountResult::kFailed);
  EXPECT_EQ(prepare.error.code(), Code::kUnauthorized)
      << prepare.error.ToString();
  EXPECT_EQ(prepare.error.ToString().find(kKey), std::string::npos);
  EXPECT_EQ(sim_.Get("C-1").writes, 0);
}

}  // namespace
}  // namespace renumber
