// End-to-end tests of `renumber vault ...` through the real binary, with no
// terminal (setsid), passphrases only in 0600 files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "src/vault/test_util.h"
#include "src/vault/vault.h"
#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

using testing::Contains;
using testing::TempDir;
using testing::WriteTestFile;

struct Outcome {
  int code = -1;
  std::string out, err;
};

std::string Drain(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, n);
  ::close(fd);
  return s;
}

// Runs the binary with `args` in a new session (no controlling terminal).
Outcome Renumber(const std::vector<std::string>& args,
                 const std::vector<std::string>& env = {}) {
  int out[2], err[2];
  if (::pipe(out) != 0 || ::pipe(err) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setsid();
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::close(out[0]);
    ::close(err[0]);
    // RENUMBER_E2E_BINARY: the same tests against another build (e2e_env.h).
    const char* other = std::getenv("RENUMBER_E2E_BINARY");
    std::vector<std::string> all = {other && *other ? other : RENUMBER_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envs = {"LANG=C.UTF-8", "PATH=/usr/bin:/bin",
                                     "HOME=/nonexistent"};
    envs.insert(envs.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  Outcome r;
  std::thread t([&] { r.err = Drain(err[0]); });
  r.out = Drain(out[0]);
  t.join();
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

const char kPass[] = "staff passphrase for tests";

class VaultCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pass_ = dir_.File("pass");
    WriteTestFile(pass_, std::string(kPass) + "\n", 0600);
    vault_ = dir_.File("state/vault.bin");
  }
  // A vault made through the library with the cheap test KDF; the binary
  // keeps a file's KDF cost on later writes.
  void MakeCheapVault() {
    ASSERT_TRUE(
        Vault::Create(testing::TestOptions(vault_, RealClock()), Secret(kPass))
            .ok());
  }
  std::vector<std::string> With(std::vector<std::string> args) {
    args.insert(args.end(), {"--vault", vault_, "--passphrase-file", pass_});
    return args;
  }
  Outcome AddEss(const std::string& customer, const std::string& secret) {
    std::string file = dir_.File("secret-" + customer);
    WriteTestFile(file, secret + "\n", 0600);
    return Renumber(With({"vault", "add", "--customer", customer, "--service",
                          "ess", "--api-base", "https://ess.example.net",
                          "--username", "admin@" + customer, "--ticket",
                          "T-100", "--secret-file", file}));
  }

  TempDir dir_;
  std::string pass_, vault_;
};

TEST_F(VaultCliTest, InitAtProductionCostThenAddAndReveal) {
  auto t0 = std::chrono::steady_clock::now();
  Outcome init = Renumber(With({"vault", "init"}));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0)
                .count();
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_TRUE(Contains(init.out, "N=2^17, r=8, p=1")) << init.out;
  std::printf("renumber vault init (N=2^17): %lld ms wall\n",
              static_cast<long long>(ms));
  EXPECT_EQ(Renumber(With({"vault", "init"})).code, 2);  // exists
  Outcome add = AddEss("C-10001", "hunter2-secret");
  ASSERT_EQ(add.code, 0) << add.err;
  Outcome reveal = Renumber(
      With({"vault", "show", "C-10001/ess", "--reveal", "--ticket", "T-100"}));
  ASSERT_EQ(reveal.code, 0) << reveal.err;
  EXPECT_EQ(reveal.out, "hunter2-secret\n");
  EXPECT_FALSE(Contains(reveal.err, "hunter2"));
}

TEST_F(VaultCliTest, ListShowRevealAuditRemove) {
  MakeCheapVault();
  ASSERT_EQ(AddEss("C-1", "pw-one-secret").code, 0);
  ASSERT_EQ(AddEss("C-2", "pw-two-secret").code, 0);
  for (const char* base :
       {"http://10.0.0.1", "https://user:hunter2pw@api.cdn.example"}) {
    std::string secret = dir_.File("token-bad");
    WriteTestFile(secret, "tok\n", 0600);
    Outcome bad = Renumber(With(
        {"vault", "add", "--customer", "C-3", "--service", "cdn", "--api-base",
         base, "--ticket", "T-100", "--secret-file", secret}));
    EXPECT_EQ(bad.code, 2) << base << bad.err;
    EXPECT_EQ(bad.err.find("hunter2pw"), std::string::npos) << bad.err;
  }
  Outcome dup = AddEss("C-1", "again");
  EXPECT_EQ(dup.code, 2);
  EXPECT_TRUE(Contains(dup.err, "--replace")) << dup.err;

  Outcome list = Renumber(With({"vault", "list"}));
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_TRUE(Contains(list.out, "C-1")) << list.out;
  EXPECT_TRUE(Contains(list.out, "days left"));
  EXPECT_FALSE(Contains(list.err + list.out, "pw-one"));
  Outcome json = Renumber(With({"vault", "list", "--json"}));
  auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["entries"].size(), 2u);
  EXPECT_EQ(doc["entries"][0]["customer"], "C-1");
  EXPECT_EQ(doc["entries"][0]["ticket"], "T-100");
  EXPECT_FALSE(Contains(json.out, "pw-one"));

  Outcome no_ticket = Renumber(With({"vault", "show", "C-1/ess", "--reveal"}));
  EXPECT_EQ(no_ticket.code, 2);
  EXPECT_TRUE(no_ticket.out.empty());
  Outcome reveal =
      Renumber(With({"vault", "show", "C-1/ess", "--reveal", "--ticket", "T-7",
                     "--reason", "manual check", "--operator", "sato"}));
  ASSERT_EQ(reveal.code, 0) << reveal.err;
  EXPECT_EQ(reveal.out, "pw-one-secret\n");

  Outcome audit = Renumber(With({"vault", "audit", "--json"}));
  auto records = nlohmann::json::parse(audit.out);
  auto last = records.back();
  EXPECT_EQ(last["action"], "reveal");
  EXPECT_EQ(last["ticket"], "T-7");
  EXPECT_EQ(last["detail"], "manual check");
  EXPECT_EQ(last["operator"], "sato");
  EXPECT_FALSE(Contains(audit.out, "pw-one"));
  EXPECT_EQ(Renumber(With({"vault", "audit", "--verify"})).code, 0);

  ASSERT_EQ(Renumber(With({"vault", "remove", "C-2/ess"})).code, 0);
  EXPECT_EQ(Renumber(With({"vault", "remove", "C-2/ess"})).code, 2);
  Outcome ja = Renumber(With({"--lang", "ja", "vault", "list"}));
  EXPECT_TRUE(Contains(ja.out, "有効期限")) << ja.out;
}

TEST_F(VaultCliTest, ImportStoresEveryAccountAndRefusesOpenFiles) {
  MakeCheapVault();
  std::string creds = dir_.File("creds.json");
  std::string text = R"({"version": 1, "accounts": [
    {"customer": "C-7", "service": "ess", "api_base": "https://ess.example.net",
     "username": "u@example.jp", "password": "imported-pw-secret"},
    {"customer": "C-7", "service": "cdn", "api_base": "https://cdn.example",
     "api_token": "imported-token-secret"}]})";
  WriteTestFile(creds, text, 0644);
  Outcome open = Renumber(With({"vault", "import", creds, "--ticket", "T-2"}));
  EXPECT_EQ(open.code, 2);
  EXPECT_TRUE(Contains(open.err, "chmod 600")) << open.err;
  WriteTestFile(creds, text, 0600);
  Outcome imp = Renumber(With({"vault", "import", creds, "--ticket", "T-2",
                               "--maintenance-end", "2099-01-01T00:00:00Z"}));
  EXPECT_EQ(imp.code, 2);  // expiry more than 90 days ahead
  imp = Renumber(With({"vault", "import", creds, "--ticket", "T-2"}));
  ASSERT_EQ(imp.code, 0) << imp.err;
  EXPECT_TRUE(Contains(imp.out, "delete the credentials file")) << imp.out;
  Outcome reveal = Renumber(
      With({"vault", "show", "C-7/cdn", "--reveal", "--ticket", "T-2"}));
  EXPECT_EQ(reveal.out, "imported-token-secret\n");
}

TEST_F(VaultCliTest, ExpiredEntriesRefusedThenPurged) {
  MakeCheapVault();
  // Stored two days ago by someone whose entry expired yesterday.
  FakeClock past(Timestamp::FromUnixSeconds(RealClock()->Now().unix_seconds() -
                                            2 * 86400));
  auto v = Vault::Open(testing::TestOptions(vault_, &past), Secret(kPass));
  ASSERT_TRUE(v.ok());
  Timestamp then = past.Now();
  ASSERT_TRUE(PutEntries(v->get(),
                         {testing::MakeEntry("C-CANARY-4242", Service("ess"),
                                             then, then + Days(1))},
                         false, "add")
                  .ok());
  Outcome reveal = Renumber(With(
      {"vault", "show", "C-CANARY-4242/ess", "--reveal", "--ticket", "T"}));
  EXPECT_EQ(reveal.code, 4) << reveal.err;  // expired: refused
  EXPECT_TRUE(reveal.out.empty());
  EXPECT_TRUE(Contains(reveal.err, "expired on")) << reveal.err;
  Outcome list = Renumber(With({"vault", "list"}));
  EXPECT_TRUE(Contains(list.out, "expired")) << list.out;
  Outcome purge_expired = Renumber(With({"vault", "purge"}));
  ASSERT_EQ(purge_expired.code, 0) << purge_expired.err;
  EXPECT_TRUE(Contains(purge_expired.out, "C-CANARY-4242/ess"));
  // Gone from the file: decrypt it and grep for the canary.
  std::string file = *PosixFileSystem()->ReadFile(vault_);
  auto key = DeriveBodyKey(Secret(kPass), *ParseHeader(file));
  EXPECT_FALSE(Contains(OpenFile(file, *key)->reveal(), "C-CANARY-4242"));
  EXPECT_FALSE(Contains(file, "C-CANARY-4242"));
  ASSERT_EQ(AddEss("C-LIVE", "live-secret").code, 0);

  Outcome refused = Renumber(With({"vault", "purge", "--all"}));
  EXPECT_EQ(refused.code, 4);
  Outcome purge = Renumber(With({"vault", "purge", "--all", "--yes"}));
  ASSERT_EQ(purge.code, 0) << purge.err;
  EXPECT_TRUE(Contains(purge.out, "C-LIVE/ess"));
  EXPECT_TRUE(nlohmann::json::parse(
                  Renumber(With({"vault", "list", "--json"})).out)["entries"]
                  .empty());
}

TEST_F(VaultCliTest, PurgeOfManyNamesTenAndAuditsEveryOne) {
  MakeCheapVault();
  auto v =
      Vault::Open(testing::TestOptions(vault_, RealClock()), Secret(kPass));
  ASSERT_TRUE(v.ok());
  Timestamp now = RealClock()->Now();
  std::vector<VaultEntry> entries;
  for (int i = 0; i < 25; ++i)
    entries.push_back(testing::MakeEntry("C-" + std::to_string(500 + i),
                                         Service("ess"), now, now + Days(3)));
  ASSERT_TRUE(PutEntries(v->get(), entries, false, "import").ok());
  Outcome list = Renumber(With({"vault", "list"}));
  EXPECT_TRUE(Contains(list.out, "25 entries in")) << list.out;
  Outcome purge = Renumber(With({"vault", "purge", "--all", "--yes"}));
  ASSERT_EQ(purge.code, 0) << purge.err;
  EXPECT_TRUE(Contains(purge.out, "Purged 25 entries: C-500/ess")) << purge.out;
  EXPECT_TRUE(Contains(purge.out, "C-509/ess … and 15 more")) << purge.out;
  EXPECT_FALSE(Contains(purge.out, "C-510/ess")) << purge.out;
  std::string audit = *PosixFileSystem()->ReadFile(AuditPathFor(vault_));
  for (int i = 0; i < 25; ++i)
    EXPECT_TRUE(Contains(audit, "\"C-" + std::to_string(500 + i) + "/ess\""))
        << i;
  Outcome verify = Renumber(With({"vault", "audit", "--verify"}));
  EXPECT_EQ(verify.code, 0) << verify.err;
}

TEST_F(VaultCliTest, PassphraseSourcesAndRekey) {
  MakeCheapVault();
  Outcome no_source = Renumber({"vault", "list", "--vault", vault_});
  EXPECT_EQ(no_source.code, 2);
  EXPECT_TRUE(Contains(no_source.err, "no terminal")) << no_source.err;
  Outcome via_env = Renumber({"vault", "list", "--vault", vault_},
                             {"RENUMBER_VAULT_PASSPHRASE_FILE=" + pass_});
  EXPECT_EQ(via_env.code, 0) << via_env.err;
  std::string creds_dir = dir_.File("creds");
  ASSERT_EQ(::mkdir(creds_dir.c_str(), 0700), 0);
  WriteTestFile(creds_dir + "/renumber-vault", kPass, 0400);
  EXPECT_EQ(Renumber({"vault", "list", "--vault", vault_},
                     {"CREDENTIALS_DIRECTORY=" + creds_dir})
                .code,
            0);
  EXPECT_EQ(
      Renumber({"vault", "list", "--vault", vault_, "--passphrase", kPass})
          .code,
      2);  // there is no such flag
  ::chmod(pass_.c_str(), 0640);
  Outcome loose = Renumber(With({"vault", "list"}));
  EXPECT_EQ(loose.code, 2);
  EXPECT_TRUE(Contains(loose.err, "chmod 600"));
  ::chmod(pass_.c_str(), 0600);

  std::string fresh = dir_.File("new-pass");
  WriteTestFile(fresh, "a completely new passphrase", 0600);
  ASSERT_EQ(
      Renumber(With({"vault", "rekey", "--new-passphrase-file", fresh})).code,
      0);
  Outcome old = Renumber(With({"vault", "list"}));
  EXPECT_EQ(old.code, 2);
  EXPECT_TRUE(Contains(old.err, "wrong passphrase")) << old.err;
  EXPECT_EQ(
      Renumber({"vault", "list", "--vault", vault_, "--passphrase-file", fresh})
          .code,
      0);
}

TEST_F(VaultCliTest, AuditVerifyReportsTampering) {
  MakeCheapVault();
  ASSERT_EQ(AddEss("C-1", "pw-1-secret").code, 0);
  ASSERT_EQ(AddEss("C-2", "pw-2-secret").code, 0);
  std::string log = AuditPathFor(vault_);
  std::string text = *PosixFileSystem()->ReadFile(log);
  size_t at = text.find("C-1");
  text.replace(at, 3, "C-9");
  WriteTestFile(log, text, 0600);
  Outcome verify = Renumber(With({"vault", "audit", "--verify"}));
  EXPECT_EQ(verify.code, 1);
  EXPECT_TRUE(Contains(verify.out, "record 2 is broken")) << verify.out;
}

// The audit log cut to its first lines (the reveal at its end dropped), or
// deleted: `audit --verify` says so (exit 1) and every unlock refuses
// (exit 1) until the log is restored. The old binary verified the cut log
// as intact and kept using the vault.
TEST_F(VaultCliTest, AuditLogCutShortOrDeletedIsFoundByVerifyAndEveryUnlock) {
  MakeCheapVault();
  ASSERT_EQ(AddEss("C-1", "pw-1-secret").code, 0);
  ASSERT_EQ(Renumber(With({"vault", "show", "C-1/ess", "--reveal", "--ticket",
                           "T-7", "--reason", "customer asked"}))
                .code,
            0);
  std::string log = AuditPathFor(vault_);
  const std::string full = *PosixFileSystem()->ReadFile(log);
  ASSERT_TRUE(Contains(full, "\"reveal\""));
  std::string cut = full.substr(0, full.rfind('\n', full.size() - 2) + 1);
  ASSERT_FALSE(Contains(cut, "\"reveal\""));
  WriteTestFile(log, cut, 0600);
  Outcome verify = Renumber(With({"vault", "audit", "--verify"}));
  EXPECT_EQ(verify.code, 1) << verify.err;
  EXPECT_TRUE(Contains(verify.out, "removed")) << verify.out;
  Outcome list = Renumber(With({"vault", "list"}));
  EXPECT_EQ(list.code, 1) << list.err;
  EXPECT_TRUE(Contains(list.err, "audit log")) << list.err;
  ASSERT_TRUE(PosixFileSystem()->Remove(log).ok());
  EXPECT_EQ(Renumber(With({"vault", "audit", "--verify"})).code, 1);
  EXPECT_EQ(Renumber(With({"vault", "list"})).code, 1);
  WriteTestFile(log, full, 0600);
  EXPECT_EQ(Renumber(With({"vault", "audit", "--verify"})).code, 0);
}

// A record without a MAC ("failed unlock", which anyone able to write the
// log can write) leaves the log "unverified" (exit 3), never "intact".
TEST_F(VaultCliTest, ARecordWithoutAMacMakesTheLogUnverified) {
  MakeCheapVault();
  ASSERT_EQ(AddEss("C-1", "pw-1-secret").code, 0);
  std::string wrong = dir_.File("wrong");
  WriteTestFile(wrong, "not the passphrase at all\n", 0600);
  EXPECT_EQ(
      Renumber({"vault", "list", "--vault", vault_, "--passphrase-file", wrong})
          .code,
      2);
  Outcome verify = Renumber(With({"vault", "audit", "--verify", "--json"}));
  EXPECT_EQ(verify.code, 3) << verify.err;
  EXPECT_TRUE(Contains(verify.err, "UNVERIFIED")) << verify.err;
  auto doc = nlohmann::json::parse(verify.out, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << verify.out;
  EXPECT_EQ(doc.value("intact", true), false);
  EXPECT_EQ(doc.value("verdict", ""), "unverified");
  EXPECT_EQ(doc["unauthenticated_lines"], nlohmann::json::array({3}));
}

TEST_F(VaultCliTest, EightProcessesOfTheBinaryLoseNoEntry) {
  MakeCheapVault();
  std::vector<pid_t> kids;
  for (int p = 0; p < 8; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // Never back into googletest in the child (WriteTestFile and
      // AddEss may throw): it ends here, one way or the other.
      try {
        for (int i = 0; i < 25; ++i) {
          std::string c = "C-" + std::to_string(p) + "-" + std::to_string(i);
          Outcome add = AddEss(c, "pw-" + c);
          if (add.code != 0) {  // what failed, for the parent to report
            WriteTestFile(
                dir_.File("failed-" + std::to_string(p)),
                c + ": exit " + std::to_string(add.code) + "\n" + add.err,
                0600);
            ::_exit(1);
          }
        }
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    kids.push_back(pid);
  }
  for (size_t p = 0; p < kids.size(); ++p) {
    int status = 0;
    ::waitpid(kids[p], &status, 0);
    auto why =
        PosixFileSystem()->ReadFile(dir_.File("failed-" + std::to_string(p)));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "process " << p << ": " << (why.ok() ? *why : "");
  }
  auto doc =
      nlohmann::json::parse(Renumber(With({"vault", "list", "--json"})).out);
  EXPECT_EQ(doc["entries"].size(), 200u);
  EXPECT_EQ(Renumber(With({"vault", "audit", "--verify"})).code, 0);
}

}  // namespace
}  // namespace renumber::vault
