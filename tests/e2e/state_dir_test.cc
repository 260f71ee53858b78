// The state directory, tried as an attacker sharing the machine would: a
// state dir another user owns or may write to is refused (exit 2, nothing
// sent); links planted in place of a lock file, the journal or the audit
// log lead nowhere (the files they point at are left as they were).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::string Slurp(const std::string& path) {
  auto text = PosixFileSystem()->ReadFile(path);
  return text.ok() ? *text : "<unreadable: " + text.status().message() + ">";
}

unsigned ModeOf(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

void WriteFile(const std::string& path, const std::string& text,
               unsigned mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

TEST(StateDirE2eTest, AStateDirOthersMayWriteIsRefused) {
  E2eEnv env(Customers(1));
  ASSERT_EQ(::mkdir(env.state_dir().c_str(), 0700), 0);
  ASSERT_EQ(::chmod(env.state_dir().c_str(), 0777), 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"plan"}, {"prepare", "--yes"}}) {
    RunResult r = env.Renumber(
        args[0], std::vector<std::string>(args.begin() + 1, args.end()));
    EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << r.err;
    EXPECT_NE(r.err.find("chmod 700"), std::string::npos) << r.err;
  }
  RunResult status = env.Run({"status", "--state-dir", env.state_dir()});
  EXPECT_EQ(status.exit_code, 2) << status.err;
  // The local campaign store reads the same journals (issue 18).
  RunResult store =
      env.Run({"store", "status", "--state-dir", env.state_dir()});
  EXPECT_EQ(store.exit_code, 2) << store.err;
  EXPECT_NE(store.err.find("chmod 700"), std::string::npos) << store.err;
  EXPECT_EQ(env.Requests(), 0) << "nothing may be sent";
  EXPECT_FALSE(PosixFileSystem()->Exists(env.state_dir() + "/journal"));
}

// The same for a subdirectory: a journal/ others may write (where they
// could plant or swap the journal) in a state dir that is fine.
TEST(StateDirE2eTest, AJournalDirOthersMayWriteIsRefused) {
  E2eEnv env(Customers(1));
  const std::string journal = env.state_dir() + "/journal";
  ASSERT_EQ(::mkdir(env.state_dir().c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(journal.c_str(), 0700), 0);
  ASSERT_EQ(::chmod(journal.c_str(), 0777), 0);
  RunResult r = env.Renumber("prepare", {"--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("'" + journal + "'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chmod 700"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0) << "nothing may be sent";
}

TEST(StateDirE2eTest, AStateDirOfAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a dir away";
  E2eEnv env(Customers(1));
  ASSERT_EQ(::mkdir(env.state_dir().c_str(), 0700), 0);
  ASSERT_EQ(::chown(env.state_dir().c_str(), 65534, 65534), 0);
  RunResult r = env.Renumber("prepare", {"--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("belongs to uid 65534"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0);
}

// A link in place of the account's lock file, pointing at a file the
// attacker wants overwritten: the old code emptied it and wrote the lock
// holder into it. Now the account fails (exit 1, as for any lock file that
// cannot be opened; a lock held by another run is exit 4) naming the link,
// and the file is untouched; so is a file a dangling link names (never
// created).
TEST(StateDirE2eTest, APlantedLockLinkOverwritesNothing) {
  E2eEnv env(Customers(1));
  std::string victim = env.dir() + "/victim.conf";
  WriteFile(victim, "precious\n", 0600);
  std::string locks = env.state_dir() + "/locks";
  ASSERT_EQ(::mkdir(env.state_dir().c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(locks.c_str(), 0700), 0);
  ASSERT_EQ(::symlink(victim.c_str(), (locks + "/C-10001_ess.lock").c_str()),
            0);
  std::string chosen = env.dir() + "/created-by-us";
  ASSERT_EQ(::symlink(chosen.c_str(), (locks + "/C-10001_cdn.lock").c_str()),
            0);
  RunResult r = env.Renumber("prepare", {"--yes"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("symbolic link"), std::string::npos)
      << r.out << r.err;
  EXPECT_EQ(Slurp(victim), "precious\n");
  EXPECT_FALSE(PosixFileSystem()->Exists(chosen));
  EXPECT_EQ(env.Writes(), 0) << "an account without its lock is not worked";
}

// A link in place of the campaign journal: the old code appended records
// to the file it points at and narrowed that file's mode to 0600.
TEST(StateDirE2eTest, APlantedJournalLinkIsRefused) {
  E2eEnv env(Customers(1));
  std::string victim = env.dir() + "/victim.log";
  WriteFile(victim, "theirs\n", 0644);
  std::string journal = env.state_dir() + "/journal";
  ASSERT_EQ(::mkdir(env.state_dir().c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(journal.c_str(), 0700), 0);
  ASSERT_EQ(::symlink(victim.c_str(), (journal + "/plan.journal").c_str()), 0);
  RunResult r = env.Renumber("prepare", {"--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(victim), "theirs\n");
  EXPECT_EQ(ModeOf(victim), 0644u);
  EXPECT_EQ(env.Requests(), 0);
}

// The vault's audit log replaced by a link: no vault command appends to
// (or reads) the file behind it.
TEST(StateDirE2eTest, APlantedAuditLogLinkIsRefused) {
  E2eEnv env(Customers(1));
  std::string pass = env.dir() + "/pass";
  WriteFile(pass, "a passphrase of some length\n", 0600);
  const std::vector<std::string> common = {"--state-dir", env.state_dir(),
                                           "--passphrase-file", pass};
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "vault");
    args.insert(args.end(), common.begin(), common.end());
    return env.Run(args);
  };
  ASSERT_EQ(vault({"init"}).exit_code, 0);
  std::string log = env.state_dir() + "/vault.audit.jsonl";
  std::string victim = env.dir() + "/victim.jsonl";
  WriteFile(victim, "theirs\n", 0644);
  ASSERT_EQ(::unlink(log.c_str()), 0);
  ASSERT_EQ(::symlink(victim.c_str(), log.c_str()), 0);
  RunResult r = vault({"import", env.credentials(), "--ticket", "T-1"});
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(victim), "theirs\n");
  EXPECT_EQ(ModeOf(victim), 0644u);
}

// `--customer ../../…` in the one-account form: the journal was
// <state>/journal/single-<customer>.journal, i.e. outside the state dir.
// Now every input path checks customer ids with one pattern: refused
// (exit 2) before anything is written or sent.
TEST(StateDirE2eTest, ACustomerIdCannotLeadOutOfTheStateDir) {
  E2eEnv env(Customers(1));
  const std::string evil = "../../../../pwned";
  auto creds = nlohmann::json::parse(Slurp(env.credentials()));
  nlohmann::json account = creds["accounts"][0];
  account["customer"] = evil;
  creds["accounts"] = nlohmann::json::array({account});
  std::string evil_creds = env.dir() + "/evil-creds.json";
  WriteFile(evil_creds, creds.dump(), 0600);
  RunResult r = env.Run({"prepare", "--service", account["service"],
                         "--customer", evil, "--old-ip", "198.18.0.1",
                         "--new-ip", "198.19.0.1", "--credentials", evil_creds,
                         "--state-dir", env.state_dir(), "--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("customer id is not valid"), std::string::npos) << r.err;
  EXPECT_FALSE(PosixFileSystem()->Exists(env.dir() + "/pwned.journal"));
  EXPECT_FALSE(PosixFileSystem()->Exists("/tmp/pwned.journal"));
  EXPECT_EQ(env.Requests(), 0);
  // The same id in a plan row, in --only, and in the vault.
  std::string plan = env.dir() + "/evil-plan.csv";
  WriteFile(plan,
            "customer,service,old_ip,new_ip,maintenance_end,ticket\n" + evil +
                ",ess,198.18.0.1,198.19.0.1,2026-12-10T06:00:00Z,T\n",
            0600);
  RunResult p = env.Run({"plan", "--plan", plan, "--credentials",
                         env.credentials(), "--state-dir", env.state_dir()});
  EXPECT_EQ(p.exit_code, 2) << p.err;
  RunResult o = env.Renumber("plan", {"--only", evil});
  EXPECT_EQ(o.exit_code, 2) << o.err;
  RunResult v =
      env.Run({"vault", "show", evil + "/ess", "--state-dir", env.state_dir()});
  EXPECT_EQ(v.exit_code, 2) << v.err;
}

}  // namespace
}  // namespace renumber
