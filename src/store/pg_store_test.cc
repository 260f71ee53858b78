// The PostgreSQL store against a real server (test_pg_server.h): the store
// contract, and what only a server shows — a killed client's locks, a lost
// connection, a crash and restart, append-only tables, TLS and passwords.
#include "src/store/pg_store.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "src/http/tls_test_certs.h"
#include "src/store/pg_schema.h"
#include "src/store/store_contract.h"
#include "src/store/test_pg_server.h"
#include "src/store/test_pg_setup.h"

namespace renumber {
namespace {

using json = nlohmann::json;

Result<std::unique_ptr<PgStore>> Open(
    const std::string& spec, const std::string& app = "renumber test") {
  return OpenPgStore(spec, "", app, RealClock());
}

// A fresh database with the current schema.
Result<std::string> FreshStore() {
  RN_ASSIGN_OR_RETURN(std::string spec, FreshTestDatabase());
  RN_ASSIGN_OR_RETURN(auto admin,
                      OpenPgStore(spec, "", "renumber init", RealClock(),
                                  /*check_schema=*/false));
  RN_RETURN_IF_ERROR(MigrateSchema(admin->session()).status());
  return spec;
}

class PgBackend : public StoreBackend {
 public:
  PgBackend(std::string spec, int connections)
      : spec_(std::move(spec)), connections_(connections) {}
  std::unique_ptr<CampaignStore> Open() override {
    auto store = OpenPgStore(spec_, "", "renumber test", RealClock(),
                             /*check_schema=*/true, connections_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

 private:
  std::string spec_;
  int connections_;
};

StoreBackendParam PgParam(const char* name, int connections) {
  return {
      name, [connections]() -> Result<std::unique_ptr<StoreBackend>> {
        RN_ASSIGN_OR_RETURN(std::string spec, FreshStore());
        return std::unique_ptr<StoreBackend>(new PgBackend(spec, connections));
      }};
}

// One connection (read-only commands), and four (a writing run's accounts
// spread over sessions).
INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
                         ::testing::Values(PgParam("Postgres", 1),
                                           PgParam("PostgresFourSessions", 4)),
                         BackendName);

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    UseSharedTestPgServer(&server_);
    if (!server_) return;
    auto spec = FreshStore();
    ASSERT_TRUE(spec.ok()) << spec.status().message();
    spec_ = *spec;
  }
  std::unique_ptr<PgStore> OpenOk(const std::string& app = "renumber test") {
    auto s = Open(spec_, app);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::string Db() const { return TestPgServer::DatabaseOf(spec_); }

  TestPgServer* server_ = nullptr;
  std::string spec_;
};

LockHolder Holder(const std::string& op) {
  return LockHolder{op,       op,         "prepare", "plan-2026-12",
                    getpid(), "ws-" + op, ""};
}

TEST_F(PgStoreTest, AKilledHolderLosesItsLockWithItsConnection) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // another process: takes the lock and hangs on
    auto store = Open(spec_, "renumber holder");
    if (!store.ok()) _exit(2);
    auto locks = (*store)->Locks(Holder("alice"));
    auto lock = (*locks)->Acquire({"C-1", Service("ess")}, {});
    if (!lock.ok()) _exit(3);
    (void)!write(ready[1], "x", 1);
    for (;;) pause();
  }
  close(ready[1]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the holder did not take the lock";
  close(ready[0]);
  auto bob = OpenOk();
  auto locks = bob->Locks(Holder("bob"));
  Text who;
  auto refused = (*locks)->Acquire({"C-1", Service("ess")}, {}, &who);
  const std::string& holder = who.en;
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(holder.find("alice"), std::string::npos) << holder;
  EXPECT_NE(holder.find("connected from 127.0.0.1"), std::string::npos)
      << holder;
  auto held = bob->HeldLocks();
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ((*held)[0].account, "C-1/ess");

  kill(child, SIGKILL);  // kill -9: no unlock, no goodbye
  waitpid(child, nullptr, 0);
  // The server notices the closed socket at once; allow it a moment.
  auto lock =
      (*locks)->Acquire({"C-1", Service("ess")}, std::chrono::seconds(10));
  EXPECT_TRUE(lock.ok()) << lock.status().message();
  EXPECT_EQ(bob->HeldLocks()->size(), 1u);  // bob's own now
}

TEST_F(PgStoreTest, ALostConnectionFailsEveryLaterCallAndFreesItsLocks) {
  auto alice = OpenOk();
  auto locks = alice->Locks(Holder("alice"));
  auto lock = (*locks)->Acquire({"C-2", Service("cdn")}, {});
  ASSERT_TRUE(lock.ok());
  auto sink = alice->OpenJournal("c");
  ASSERT_TRUE(
      (*sink)->Append({{"type", "intent"}, {"account", "C-2/cdn"}}).ok());
  // The server drops alice's session (as a restart or a network cut does).
  ASSERT_TRUE(
      server_
          ->AdminQuery(
              Db(), "SELECT pg_terminate_backend(" +
                        std::to_string(alice->session()->backend_pid()) + ")")
          .ok());
  Status s = (*sink)->Append({{"type", "intent"}, {"account", "C-2/cdn"}});
  ASSERT_TRUE(s.Is(Code::kUnavailable)) << s.message();
  EXPECT_NE(s.message().find("lost"), std::string::npos) << s.message();
  // And it stays lost: no append, no lock under a session that is gone.
  Status again = (*sink)->Append({{"type", "intent"}});
  EXPECT_TRUE(again.Is(Code::kUnavailable)) << again.message();
  EXPECT_TRUE((*locks)
                  ->Acquire({"C-3", Service("ess")}, {})
                  .status()
                  .Is(Code::kUnavailable));
  // Nothing lost: the committed record is there; the lock is free.
  auto bob = OpenOk();
  EXPECT_EQ(bob->ReadJournal("c")->records.size(), 1u);
  EXPECT_TRUE(
      (*bob->Locks(Holder("bob")))->Acquire({"C-2", Service("cdn")}, {}).ok());
}

TEST_F(PgStoreTest, CommittedRecordsSurviveAServerCrashAndRestart) {
  {
    auto alice = OpenOk();
    auto sink = alice->OpenJournal("c");
    for (int i = 0; i < 20; ++i)
      ASSERT_TRUE((*sink)->Append({{"type", "intent"}, {"n", i}}).ok());
    ASSERT_TRUE(server_->Stop(/*immediate=*/true).ok());  // no checkpoint
    Status s = (*sink)->Append({{"type", "intent"}, {"n", 20}});
    EXPECT_TRUE(s.Is(Code::kUnavailable)) << s.message();
  }
  auto down = Open(spec_);
  EXPECT_FALSE(down.ok());
  EXPECT_TRUE(down.status().Is(Code::kUnavailable)) << down.status().message();
  ASSERT_TRUE(server_->Start().ok());
  auto bob = OpenOk();
  auto read = bob->ReadJournal("c");
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->records.size(), 20u);
  EXPECT_EQ(read->records[19]["n"], 19);
}

TEST_F(PgStoreTest, JournalAndAuditTablesAreAppendOnly) {
  auto alice = OpenOk();
  ASSERT_TRUE((*alice->OpenJournal("c"))->Append({{"type", "intent"}}).ok());
  ASSERT_TRUE(alice
                  ->CopyAudit("/home/alice/.local/state/renumber/vault.bin",
                              {"{\"seq\":1,\"action\":\"init\"}",
                               "{\"seq\":2,\"action\":\"use\"}"})
                  .ok());
  for (const char* sql :
       {"UPDATE renumber_journal SET line = 'x'",
        "DELETE FROM renumber_journal", "TRUNCATE renumber_journal",
        "UPDATE renumber_audit SET line = 'x'", "DELETE FROM renumber_audit",
        "TRUNCATE renumber_audit"}) {
    // Not even the superuser, and not the owner (the renumber role).
    auto r = server_->AdminQuery(Db(), sql);
    EXPECT_FALSE(r.ok()) << sql;
    auto owner = alice->session()->Exec(sql);
    EXPECT_FALSE(owner.ok()) << sql;
    EXPECT_NE(owner.status().message().find("append-only"), std::string::npos)
        << owner.status().message();
  }
  auto audit =
      server_->AdminQuery(Db(), "SELECT line FROM renumber_audit ORDER BY seq");
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[1], "{\"seq\":2,\"action\":\"use\"}");
  EXPECT_EQ(alice->ReadJournal("c")->records.size(), 1u);
}

TEST_F(PgStoreTest, ACorruptRowIsSkippedAndReportedLikeAFileLine) {
  auto alice = OpenOk();
  auto sink = alice->OpenJournal("c");
  ASSERT_TRUE((*sink)->Append({{"type", "intent"}, {"n", 1}}).ok());
  ASSERT_TRUE(server_
                  ->AdminQuery(Db(),
                               "INSERT INTO renumber_journal (campaign, "
                               "line) VALUES ('c', '00000000 {\"n\":2}')")
                  .ok());
  ASSERT_TRUE((*sink)->Append({{"type", "intent"}, {"n", 3}}).ok());
  auto read = alice->ReadJournal("c");
  ASSERT_EQ(read->records.size(), 2u);
  EXPECT_EQ(read->corrupt_lines, std::vector<int>{2});
}

TEST_F(PgStoreTest, TheServerCertificateIsVerified) {
  // A CA that did not sign the server's certificate.
  TestPki other;
  ASSERT_TRUE(other.Create("someone else", "127.0.0.1").ok());
  std::string base = spec_.substr(0, spec_.find('?'));
  auto wrong_ca = OpenPgStore(base + "?sslrootcert=" + other.ca_file(), "",
                              "renumber test", RealClock());
  ASSERT_FALSE(wrong_ca.ok());
  EXPECT_TRUE(wrong_ca.status().Is(Code::kForbidden))
      << wrong_ca.status().message();
  // The right CA through --ca-file works.
  auto ca_file =
      OpenPgStore(base, server_->ca_file(), "renumber test", RealClock());
  EXPECT_TRUE(ca_file.ok()) << ca_file.status().message();
  // The certificate names 127.0.0.1, not localhost: verify-full refuses.
  std::string by_name = base;
  by_name.replace(by_name.find("127.0.0.1"), 9, "localhost");
  auto mismatch =
      OpenPgStore(by_name, server_->ca_file(), "renumber test", RealClock());
  ASSERT_FALSE(mismatch.ok());
  EXPECT_TRUE(mismatch.status().Is(Code::kForbidden))
      << mismatch.status().message();
}

TEST_F(PgStoreTest, WithoutAPasswordTheErrorNamesPgpass) {
  char tmpl[] = "/tmp/renumber-nopass-XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  setenv("PGPASSFILE", tmpl, 1);
  auto store = Open(spec_);
  UseTestPgPass(*server_);
  unlink(tmpl);
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(store.status().Is(Code::kUnauthorized))
      << store.status().message();
  EXPECT_NE(store.status().message().find(".pgpass"), std::string::npos);
}

TEST_F(PgStoreTest, ConnectionsShowWhoIsConnected) {
  auto alice = OpenOk("renumber prepare alice@ws-alice");
  auto bob = OpenOk("renumber status bob@ws-bob");
  auto conns = bob->Connections();
  ASSERT_TRUE(conns.ok()) << conns.status().message();
  std::string apps;
  for (const PgConnectionInfo& c : *conns) apps += c.application + ";";
  EXPECT_NE(apps.find("renumber prepare alice@ws-alice"), std::string::npos)
      << apps;
  EXPECT_NE(apps.find("renumber status bob@ws-bob"), std::string::npos) << apps;
}

// The runbook's grants (team_grants.sql): a staff member's role works a
// campaign but cannot erase what the team wrote.
TEST_F(PgStoreTest, AStaffRoleWithTheTeamGrantsWorksButCannotErase) {
  std::ifstream f(std::string(RENUMBER_SOURCE_DIR) +
                  "/src/store/team_grants.sql");
  std::stringstream sql;
  sql << f.rdbuf();
  std::string grants = sql.str();
  ASSERT_FALSE(grants.empty());
  for (size_t at; (at = grants.find(":\"role\"")) != std::string::npos;)
    grants.replace(at, 7, "renumber_team");
  std::string stripped;  // no psql comments in one simple-protocol string
  std::stringstream lines(grants);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("--", 0) != 0) stripped += line + "\n";
  const std::string pw = "yamada-" + std::to_string(getpid());
  ASSERT_TRUE(
      server_
          ->AdminQuery(Db(),
                       "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles "
                       "WHERE rolname = 'renumber_team') THEN CREATE "
                       "ROLE renumber_team; END IF; END $$")
          .ok());
  auto yamada_role = server_->AdminQuery(
      Db(), "CREATE ROLE yamada_" + std::to_string(getpid()) +
                " LOGIN PASSWORD '" + pw + "' IN ROLE renumber_team");
  ASSERT_TRUE(yamada_role.ok()) << yamada_role.status().message();
  Status granted = server_->AdminScript(Db(), stripped);
  ASSERT_TRUE(granted.ok()) << granted.message();
  // yamada's workstation: her own pgpass line.
  const std::string pgpass = server_->dir() + "/client/pgpass-yamada";
  {
    std::ofstream out(pgpass);
    out << "127.0.0.1:" << server_->port() << ":*:yamada_" << getpid() << ":"
        << pw << "\n";
  }
  chmod(pgpass.c_str(), 0600);
  setenv("PGPASSFILE", pgpass.c_str(), 1);
  std::string spec = spec_;
  spec.replace(spec.find("renumber@"), 8, "yamada_" + std::to_string(getpid()));
  auto yamada = Open(spec);
  UseTestPgPass(*server_);
  ASSERT_TRUE(yamada.ok()) << yamada.status().message();
  auto sink = (*yamada)->OpenJournal("c");
  json end = {{"type", "account-end"},
              {"account", "C-1/ess"},
              {"result", "done"},
              {"state", "prepared"}};
  EXPECT_TRUE((*sink)->Append(end).ok());
  EXPECT_TRUE((*sink)->Append(end).ok());  // updates the account's row
  auto locks = (*yamada)->Locks(Holder("yamada"));
  {
    auto lock = (*locks)->Acquire({"C-1", Service("ess")}, {});
    EXPECT_TRUE(lock.ok()) << lock.status().message();
    EXPECT_EQ((*yamada)->HeldLocks()->size(), 1u);
  }
  EXPECT_TRUE((*yamada)->HeldLocks()->empty());
  EXPECT_TRUE((*yamada)->CopyAudit("v", {"{}"}).ok());
  EXPECT_EQ((*yamada)->Accounts("c")->size(), 1u);
  auto erase = (*yamada)->session()->Exec("DELETE FROM renumber_journal");
  EXPECT_TRUE(erase.status().Is(Code::kForbidden)) << erase.status().message();
  auto drop = (*yamada)->session()->Exec("DROP TABLE renumber_audit");
  EXPECT_FALSE(drop.ok());
}

TEST(PgLockKeyTest, IsStableAndDiffersPerAccount) {
  EXPECT_EQ(AccountLockKey("C-1/ess"), AccountLockKey("C-1/ess"));
  EXPECT_NE(AccountLockKey("C-1/ess"), AccountLockKey("C-1/cdn"));
  EXPECT_NE(AccountLockKey("C-1/ess"), AccountLockKey("C-10/ess"));
}

}  // namespace
}  // namespace renumber
