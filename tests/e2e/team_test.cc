// Team mode (issue 18) through the real binary, with a real PostgreSQL
// server as the campaign store (src/store/test_pg_server.h) — never a mock.
// Each operator has a state directory of their own; only the store is
// shared, as on two workstations.
//
// Skipped, with the reason, only when the PostgreSQL server binaries are
// not installed (.ci/bootstrap installs them).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <thread>

#include "src/core/fs.h"

#include "src/sim/dns_sim.h"
#include "src/store/test_pg_server.h"
#include "src/store/test_pg_setup.h"
#include "tests/e2e/e2e_env.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace {

using json = nlohmann::json;

bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

class TeamE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    UseSharedTestPgServer(&server_);
    if (!server_) return;
    auto spec = FreshTestDatabase();
    ASSERT_TRUE(spec.ok()) << spec.status().message();
    spec_ = *spec;
    db_ = TestPgServer::DatabaseOf(spec_);
  }

  // `renumber <args> --store <spec>` with the store's password file.
  RunResult Store(const E2eEnv& env, std::vector<std::string> args) const {
    args.insert(args.end(), {"--store", spec_});
    return env.Run(args, server_->ClientEnv());
  }
  void Init(const E2eEnv& env) const {
    RunResult r = Store(env, {"store", "init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // `operator`'s workstation: its own state directory.
  std::vector<std::string> As(const E2eEnv& env, const std::string& op,
                              const std::string& command,
                              std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {command,
                                     "--plan",
                                     env.plan(),
                                     "--credentials",
                                     env.credentials(),
                                     "--state-dir",
                                     env.dir() + "/" + op + "-state",
                                     "--hosts",
                                     env.hosts(),
                                     "--operator",
                                     op,
                                     "--store",
                                     spec_};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  RunResult Run(const E2eEnv& env, const std::string& op,
                const std::string& command, std::vector<std::string> more = {},
                std::vector<std::string> extra_env = {}) const {
    std::vector<std::string> e = server_->ClientEnv();
    e.insert(e.end(), extra_env.begin(), extra_env.end());
    return env.Run(As(env, op, command, std::move(more)), e);
  }
  // `renumber status` on `op`'s workstation.
  RunResult Status(const E2eEnv& env, const std::string& op,
                   std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {"status", "--state-dir",
                                     env.dir() + "/" + op + "-state", "--store",
                                     spec_};
    args.insert(args.end(), more.begin(), more.end());
    return env.Run(args, server_->ClientEnv());
  }
  long JournalRows() {
    auto n = server_->AdminQuery(db_, "SELECT count(*) FROM renumber_journal");
    return n.ok() ? std::stol((*n)[0]) : -1;
  }

  TestPgServer* server_ = nullptr;
  std::string spec_, db_;
};

TEST_F(TeamE2eTest, StoreInitMigrateAndStatus) {
  E2eEnv env(Customers(1));
  RunResult before = Store(env, {"store", "status"});
  EXPECT_EQ(before.exit_code, 3) << before.err;
  EXPECT_TRUE(Has(before.out, "renumber store init")) << before.out;
  // A store without the schema refuses every command the same way
  // (exit_codes.h: precondition-failed is 4, refused, nothing changed):
  // a migration command, a vault command and `store migrate` (before
  // issue 13 they exited 1, 4 and 3).
  RunResult prepare = Run(env, "alice", "prepare", {"--yes"});
  EXPECT_EQ(prepare.exit_code, 4) << prepare.err;
  EXPECT_TRUE(Has(prepare.err, "renumber store init")) << prepare.err;
  EXPECT_EQ(env.Writes(), 0);
  const std::string pass = env.dir() + "/pass";
  std::ofstream(pass) << "correct horse battery staple\n";
  chmod(pass.c_str(), 0600);
  const std::string vault_path = env.dir() + "/alice-state/vault.bin";
  RunResult vault =
      Store(env, {"vault", "init", "--vault", vault_path, "--passphrase-file",
                  pass, "--operator", "alice"});
  EXPECT_EQ(vault.exit_code, prepare.exit_code) << vault.err;
  EXPECT_TRUE(Has(vault.err, "renumber store init")) << vault.err;
  EXPECT_FALSE(PosixFileSystem()->Exists(vault_path)) << "nothing created";
  RunResult early_migrate = Store(env, {"store", "migrate"});
  EXPECT_EQ(early_migrate.exit_code, prepare.exit_code) << early_migrate.err;

  RunResult init = Store(env, {"store", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(Has(init.out, "initialized, schema version 3")) << init.out;
  RunResult again = Store(env, {"store", "init"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Has(again.out, "already initialized")) << again.out;
  RunResult migrate = Store(env, {"store", "migrate"});
  EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_TRUE(Has(migrate.out, "is current")) << migrate.out;

  ASSERT_EQ(Run(env, "alice", "prepare", {"--yes"}).exit_code, 0);
  RunResult status = Store(env, {"store", "status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json doc = StdoutJson(status);
  EXPECT_EQ(doc["schema_version"], 3);
  EXPECT_EQ(doc["latest_schema_version"], 3);
  EXPECT_GE(doc["connections"].size(), 1u);  // status's own connection
  EXPECT_EQ(doc["locks"].size(), 0u);
  int accounts = 0;
  for (auto& [state, n] : doc["campaigns"]["plan"].items()) {
    EXPECT_EQ(state, "prepared");
    accounts += n.get<int>();
  }
  EXPECT_EQ(accounts, 2) << doc.dump();  // C-10001/ess and /cdn

  // Bad input: a password on the command line, a weak TLS mode.
  RunResult password =
      env.Run({"status", "--store", "postgresql://renumber:pw@127.0.0.1/x"});
  EXPECT_EQ(password.exit_code, 2);
  EXPECT_FALSE(Has(password.err, "pw@")) << password.err;
  RunResult weak = env.Run(
      {"status", "--store", "postgresql://127.0.0.1/x?sslmode=require"});
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_TRUE(Has(weak.err, "verify")) << weak.err;
  // A store nobody answers at: nothing is sent to a vendor.
  long writes = env.Writes();
  std::vector<std::string> down =
      As(env, "alice", "rollback", {"--phase", "prepare", "--yes"});
  down[down.size() - 4] = "postgresql://renumber@127.0.0.1:1/x";
  RunResult unreachable = env.Run(down, server_->ClientEnv());
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_TRUE(Has(unreachable.err, "cannot connect")) << unreachable.err;
  EXPECT_EQ(env.Writes(), writes);
}

// alice waits at her confirmation question holding her accounts' locks;
// bob, on another workstation, is told who holds them and writes nothing;
// everyone's status shows it.
TEST_F(TeamE2eTest, TwoWorkstationsNeverBothWriteOneAccount) {
  E2eEnv env(Customers(2));
  Init(env);
  TerminalOptions t;
  t.env = server_->ClientEnv();
  auto alice = env.StartAtTerminal(As(env, "alice", "prepare"), t);
  ASSERT_TRUE(alice->WaitFor("[y/N]")) << alice->tty();

  RunResult bob = Run(env, "bob", "prepare", {"--yes"});
  EXPECT_EQ(bob.exit_code, 4) << bob.out << bob.err;
  EXPECT_TRUE(Has(bob.out, "alice")) << bob.out;
  EXPECT_TRUE(Has(bob.out, "connected from 127.0.0.1")) << bob.out;
  EXPECT_EQ(env.Writes(), 0) << "bob wrote nothing";

  RunResult status = Status(env, "carol");
  EXPECT_TRUE(Has(status.out, "Being worked on now")) << status.out;
  EXPECT_TRUE(Has(status.out, "  C-10001/ess  ")) << status.out;
  EXPECT_TRUE(Has(status.out, "(operator alice), renumber prepare"))
      << status.out;
  RunResult store = Store(env, {"store", "status"});
  EXPECT_TRUE(Has(store.out, "locks held (3)")) << store.out;
  EXPECT_TRUE(Has(store.out, "renumber prepare alice@")) << store.out;

  alice->Type("y");
  RunResult a = alice->Finish();
  ASSERT_EQ(a.exit_code, 0) << a.tty;
  // Exactly one clean prepare's writes.
  E2eEnv clean(Customers(2));
  ASSERT_EQ(clean.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Writes(), clean.Writes());
  EXPECT_EQ(env.Normalized(), clean.Normalized());
  // bob again: nothing left to do; status shows who did what.
  RunResult bob2 = Run(env, "bob", "prepare", {"--yes"});
  EXPECT_EQ(bob2.exit_code, 0) << bob2.err;
  EXPECT_EQ(env.Writes(), clean.Writes());
  RunResult after = Status(env, "carol", {"--json"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  json doc = StdoutJson(after);
  ASSERT_EQ(doc["accounts"].size(), 3u);
  for (const json& acct : doc["accounts"]) {
    EXPECT_EQ(acct["changed_by"], "alice") << acct.dump();
    EXPECT_EQ(acct["operator"], "bob") << acct.dump();  // the last run
    EXPECT_EQ(acct["state"], "prepared");
  }
  EXPECT_EQ(doc["locks"].size(), 0u);
}

// kill -9 of the run holding the locks (the crash hook sends SIGKILL to
// itself mid-apply): the server drops its session and its locks; bob, on
// another workstation, is not kept out and finishes the phase.
TEST_F(TeamE2eTest, KillMinus9OfTheHolderReleasesItsLocks) {
  E2eEnv env(Customers(3));
  Init(env);
  RunResult killed = Run(env, "alice", "prepare", {"--yes", "--jobs", "1"},
                         {"RENUMBER_TEST_CRASH_AT=intent:2"});
  ASSERT_EQ(killed.signal, 9) << killed.err;
  ASSERT_GT(env.Writes(), 0);
  RunResult bob = Run(env, "bob", "prepare", {"--yes", "--wait-lock", "20"});
  EXPECT_EQ(bob.exit_code, 0) << bob.out << bob.err;
  E2eEnv clean(Customers(3));
  ASSERT_EQ(clean.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Normalized(), clean.Normalized());
  EXPECT_EQ(env.CdnVersionCounts(), clean.CdnVersionCounts());
}

// The rollback reads every operator's records: bob undoes alice's prepare
// from his own workstation. With separate local state directories he could
// not (his journal is empty).
TEST_F(TeamE2eTest, RollbackByBobUndoesAlicesPrepare) {
  E2eEnv env(Customers(3));
  Init(env);
  json start = env.Normalized();
  ASSERT_EQ(Run(env, "alice", "prepare", {"--yes"}).exit_code, 0);
  ASSERT_NE(env.Normalized(), start);

  std::vector<std::string> local =
      As(env, "bob", "rollback", {"--phase", "prepare", "--yes"});
  local.erase(local.end() - 5, local.end() - 3);  // no --store: bob's files
  RunResult alone = env.Run(local);
  EXPECT_EQ(alone.exit_code, 4) << alone.out;
  EXPECT_TRUE(Has(alone.out, "nothing to roll back")) << alone.out;

  RunResult rb =
      Run(env, "bob", "rollback", {"--phase", "prepare", "--yes", "--json"});
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  for (const json& a : Accounts(rb))
    EXPECT_EQ(a["state_after"], "not-started") << a.dump();
  EXPECT_EQ(env.Normalized(), start);
  RunResult verify =
      Run(env, "carol", "verify", {"--expect", "not-started", "--read-only"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  json status = StdoutJson(Status(env, "carol", {"--json"}));
  for (const json& a : status["accounts"]) {
    EXPECT_EQ(a["phase"], "rollback-prepare") << a.dump();
    EXPECT_EQ(a["changed_by"], "bob") << a.dump();
  }
}

// `renumber report` reads the store as `status` does: carol, whose own
// state directory holds nothing, reports alice's prepare; without the store
// the same report knows no run.
TEST_F(TeamE2eTest, ReportOnAThirdWorkstationShowsAlicesPrepare) {
  E2eEnv env(Customers(2));
  Init(env);
  ASSERT_EQ(Run(env, "alice", "prepare", {"--yes"}).exit_code, 0);
  std::vector<std::string> args = {"report",
                                   "--plan",
                                   env.plan(),
                                   "--format",
                                   "json",
                                   "--state-dir",
                                   env.dir() + "/carol-state"};
  RunResult alone = env.Run(args);
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  json local = StdoutJson(alone);
  ASSERT_FALSE(local["accounts"].empty()) << alone.out;
  for (const json& a : local["accounts"])
    EXPECT_EQ(a["result"], "not-run") << a.dump();
  args.insert(args.end(), {"--store", spec_});
  RunResult shared = env.Run(args, server_->ClientEnv());
  ASSERT_EQ(shared.exit_code, 0) << shared.err;
  json team = StdoutJson(shared);
  ASSERT_EQ(team["accounts"].size(), local["accounts"].size()) << shared.out;
  for (const json& a : team["accounts"]) {
    EXPECT_EQ(a["phase"], "prepare") << a.dump();
    EXPECT_EQ(a["result"], "done") << a.dump();
    EXPECT_EQ(a["state"], "prepared") << a.dump();
    EXPECT_EQ(a["changed_by"], "alice") << a.dump();
  }
}

// The server stops (immediate: like a crash) in the middle of a prepare:
// the run stops with a clear error, no write goes out without its intent
// on the server, and once the server is back the same command finishes
// the phase with the state a clean run gives.
TEST_F(TeamE2eTest, ServerStoppedAndRestartedMidCampaignLosesNothing) {
  E2eOptions o = Customers(8);
  o.faults.latency_ms = 40;
  E2eEnv env(o);
  Init(env);
  long stopped_at = -1;
  std::thread stopper([&] {
    // Wait for the event (records on the server), not for a time.
    WaitFor([&] { return JournalRows() >= 12; }, kWaitForDeadline,
            std::chrono::milliseconds(50));
    stopped_at = JournalRows();
    EXPECT_TRUE(server_->Stop(/*immediate=*/true).ok());
  });
  RunResult broken = Run(env, "alice", "prepare", {"--yes", "--jobs", "2"});
  stopper.join();
  ASSERT_GE(stopped_at, 12);
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  std::cerr << "the run the store left:\n"
            << broken.out.substr(broken.out.find("ACCOUNT  ")) << "\n";
  EXPECT_TRUE(Has(broken.out, "campaign store was lost") ||
              Has(broken.out, "connection to the campaign store"))
      << broken.out;
  ASSERT_TRUE(server_->Start().ok());
  // Nothing lost: every record committed before the stop is there.
  EXPECT_GE(JournalRows(), stopped_at);

  RunResult again = Run(env, "alice", "prepare", {"--yes"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  E2eEnv clean(Customers(8));
  ASSERT_EQ(clean.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Normalized(), clean.Normalized());
  EXPECT_EQ(env.CdnVersionCounts(), clean.CdnVersionCounts());
  RunResult verify = Run(env, "bob", "verify", {"--expect", "prepared"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

// The vault's audit records (init, import, every use by prepare) are also
// in the store's append-only table, line for line, so truncating the local
// log hides nothing; with the store down, no secret is handed out.
TEST_F(TeamE2eTest, VaultAuditRecordsAreCopiedToTheStore) {
  E2eEnv env(Customers(2));
  Init(env);
  const std::string state = env.dir() + "/alice-state";
  const std::string pass = env.dir() + "/pass";
  std::ofstream(pass) << "correct horse battery staple\n";
  chmod(pass.c_str(), 0600);
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--state-dir", state, "--passphrase-file", pass,
                             "--operator", "alice", "--store", spec_});
    return env.Run(args, server_->ClientEnv());
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  RunResult imp =
      vault({"vault", "import", env.credentials(), "--ticket", "T-1"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  RunResult prep =
      env.Run({"prepare", "--plan", env.plan(), "--state-dir", state,
               "--passphrase-file", pass, "--yes", "--operator", "alice",
               "--hosts", env.hosts(), "--store", spec_},
              server_->ClientEnv());
  ASSERT_EQ(prep.exit_code, 0) << prep.err;

  auto local = PosixFileSystem()->ReadFile(state + "/vault.audit.jsonl");
  ASSERT_TRUE(local.ok());
  auto copied =
      server_->AdminQuery(db_, "SELECT line FROM renumber_audit ORDER BY seq");
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  std::string joined;
  for (const std::string& line : *copied) joined += line + "\n";
  EXPECT_EQ(joined, *local);
  EXPECT_NE(joined.find("\"use\""), std::string::npos) << joined;
  for (const SimCustomer& c : env.cluster()->customers())
    for (const std::string& secret :
         {c.Credential("ess", "password"), c.Credential("cdn", "api_token")}) {
      if (!secret.empty()) {
        EXPECT_EQ(joined.find(secret), std::string::npos);
      }
    }

  // The store is down: the reveal is refused (its audit copy cannot be
  // written) and no secret is printed.
  ASSERT_TRUE(server_->Stop().ok());
  RunResult reveal = vault({"vault", "show", "C-10001/ess", "--reveal",
                            "--ticket", "T-1", "--reason", "test"});
  ASSERT_TRUE(server_->Start().ok());
  EXPECT_NE(reveal.exit_code, 0);
  for (const SimCustomer& c : env.cluster()->customers()) {
    if (!c.Credential("ess", "password").empty()) {
      EXPECT_EQ((reveal.out + reveal.err).find(c.Credential("ess", "password")),
                std::string::npos);
    }
  }
}

// Preflight reads the domains with the vault's logins; in team mode each
// use ("preflight: read the domains") is copied to the store like
// prepare's, and preflight writes nothing else there (no journal).
TEST_F(TeamE2eTest, PreflightVaultUsesAreCopiedToTheStore) {
  E2eEnv env(Customers(2));
  Init(env);
  auto dns = SimDns::Start(
      SimDnsZones(env.cluster()->customers(), env.cluster()->AccountDomains()),
      {});
  ASSERT_TRUE(dns.ok()) << dns.status().ToString();
  const std::string state = env.dir() + "/alice-state";
  const std::string pass = env.dir() + "/pass";
  std::ofstream(pass) << "correct horse battery staple\n";
  chmod(pass.c_str(), 0600);
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--state-dir", state, "--passphrase-file", pass,
                             "--operator", "alice", "--store", spec_});
    return env.Run(args, server_->ClientEnv());
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  ASSERT_EQ(vault({"vault", "import", env.credentials(), "--ticket", "T-1"})
                .exit_code,
            0);
  RunResult r = env.Run(
      {"preflight", "--plan", env.plan(), "--state-dir", state,
       "--passphrase-file", pass, "--operator", "alice", "--hosts", env.hosts(),
       "--store", spec_, "--dns-server", (*dns)->address(), "--json"},
      server_->ClientEnv());
  (*dns)->Stop();
  ASSERT_EQ(r.exit_code, 3) << r.err;  // the seeded world has findings
  EXPECT_EQ(json::parse(r.out)["summary"]["errors"], 0) << r.err;

  auto local = PosixFileSystem()->ReadFile(state + "/vault.audit.jsonl");
  ASSERT_TRUE(local.ok());
  auto copied =
      server_->AdminQuery(db_, "SELECT line FROM renumber_audit ORDER BY seq");
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  std::string joined;
  for (const std::string& line : *copied) joined += line + "\n";
  EXPECT_EQ(joined, *local);
  EXPECT_NE(joined.find("preflight: read the domains"), std::string::npos)
      << joined;
  EXPECT_EQ(JournalRows(), 0) << "preflight journals nothing";
}

// A --store that is no store is bad input for preflight too, before any
// vendor or DNS query.
TEST_F(TeamE2eTest, PreflightRefusesAStoreThatIsNoStore) {
  E2eEnv env(Customers(1));
  const long writes = env.Writes();
  RunResult r =
      env.Run({"preflight", "--plan", env.plan(), "--credentials",
               env.credentials(), "--hosts", env.hosts(), "--store",
               "mysql://db.example/renumber", "--dns-server", "127.0.0.1:9"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(env.Writes(), writes);
}

}  // namespace
}  // namespace renumber
