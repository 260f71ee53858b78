// Bad input through the real binary: exit 2, a message naming the file and
// line, and not a single request to a vendor.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

void WriteFile(const std::string& path, const std::string& text, int mode) {
  std::ofstream(path) << text;
  chmod(path.c_str(), mode);
}

TEST(InputE2eTest, OneBadRowStopsEverythingWithExit2) {
  E2eEnv env(Customers(4));
  std::string plan = *PosixFileSystem()->ReadFile(env.plan());
  const char* bad_rows[] = {
      "C-99999,ess,198.18.0.99,198.18.0.99,2026-12-10T06:00:00+09:00,T\n",
      "C-99999,dns,198.18.0.99,198.19.0.99,2026-12-10T06:00:00+09:00,T\n",
      "C-99999,ess,198.18.0.099,198.19.0.99,2026-12-10T06:00:00+09:00,T\n",
      "C-99999,ess,198.18.0.99,2001:db8::1,2026-12-10T06:00:00+09:00,T\n",
      "C-99999,ess,198.18.0.99,198.19.0.99,2026-12-10,T\n",
      "C-99999,ess,198.18.0.99,198.19.0.99\n",
  };
  for (const char* row : bad_rows) {
    std::string path = env.dir() + "/bad.csv";
    WriteFile(path, plan + row, 0644);
    int line = 1;
    for (char c : plan) line += c == '\n';
    for (std::string cmd : {"plan", "prepare"}) {
      std::vector<std::string> args = {cmd,
                                       "--plan",
                                       path,
                                       "--credentials",
                                       env.credentials(),
                                       "--state-dir",
                                       env.state_dir()};
      if (cmd == "prepare") args.push_back("--yes");
      RunResult r = env.Run(args);
      EXPECT_EQ(r.exit_code, 2) << row << r.err;
      EXPECT_NE(r.err.find("bad.csv:" + std::to_string(line)),
                std::string::npos)
          << row << r.err;
    }
  }
  // A duplicate account.
  std::string first_row = plan.substr(plan.find('\n') + 1);
  first_row = first_row.substr(0, first_row.find('\n') + 1);
  WriteFile(env.dir() + "/dup.csv", plan + first_row, 0644);
  RunResult dup = env.Run({"prepare", "--plan", env.dir() + "/dup.csv",
                           "--credentials", env.credentials(), "--yes"});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_NE(dup.err.find("duplicate account"), std::string::npos) << dup.err;
  EXPECT_EQ(env.Requests(), 0) << "bad input: no vendor request at all";
}

TEST(InputE2eTest, CredentialsProblems) {
  E2eEnv env(Customers(3));
  std::string creds = *PosixFileSystem()->ReadFile(env.credentials());
  WriteFile(env.dir() + "/open.json", creds, 0644);
  RunResult open = env.Run({"plan", "--plan", env.plan(), "--credentials",
                            env.dir() + "/open.json"});
  EXPECT_EQ(open.exit_code, 2);
  EXPECT_NE(open.err.find("chmod 600"), std::string::npos) << open.err;
  WriteFile(env.dir() + "/empty.json", R"({"version":1,"accounts":[]})", 0600);
  RunResult missing = env.Run({"plan", "--plan", env.plan(), "--credentials",
                               env.dir() + "/empty.json"});
  // A missing credential fails its account (the others would run), named
  // with the credentials file and the plan line (the header is line 1).
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("C-10001/ess: plan line 2: no credentials for "
                             "C-10001/ess in " +
                             env.dir() + "/empty.json"),
            std::string::npos)
      << missing.out;
  // One account: the flag that is missing is named.
  RunResult one =
      env.Run({"plan", "--service", "ess", "--customer", "C-10001", "--old-ip",
               "198.18.0.10", "--credentials", env.credentials()});
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_NE(one.err.find("missing: --new-ip"), std::string::npos) << one.err;
  RunResult ca =
      env.Run({"plan", "--plan", env.plan(), "--credentials", env.credentials(),
               "--ca-file", env.dir() + "/nope.pem"});
  EXPECT_EQ(ca.exit_code, 2);
  EXPECT_NE(ca.err.find("nope.pem"), std::string::npos) << ca.err;
  EXPECT_EQ(env.Requests(), 0);
}

TEST(InputE2eTest, HelpVersionAndUnknownCommands) {
  E2eEnv env(Customers(1));
  RunResult help = env.Run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word :
       {"plan", "prepare", "verify", "cutover", "rollback", "status", "demo",
        "sim", "vault", "Exit codes", "Examples"})
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  EXPECT_EQ(env.Run({"--version"}).exit_code, 0);
  EXPECT_EQ(env.Run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(env.Run({"plan", "--jobs", "0", "--plan", env.plan()}).exit_code,
            2);
  RunResult both = env.Run({"plan", "--plan", env.plan(), "--customer", "C"});
  EXPECT_EQ(both.exit_code, 2);
  // A command-line error with --json is a JSON document on stdout as well.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"rollback", "--plan", env.plan(), "--json"},
        std::vector<std::string>{"verify", "--bogus", "--format", "json"}}) {
    RunResult r = env.Run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    nlohmann::json doc = StdoutJson(r);
    EXPECT_EQ(doc["command"], args[0]) << r.out;
    EXPECT_EQ(doc["exit_code"], 2);
    EXPECT_FALSE(doc["error"].get<std::string>().empty());
  }
}

TEST(InputE2eTest, SecretsNeverReachOutputLogsOrJournal) {
  E2eEnv env(Customers(4));
  RunResult r =
      env.Renumber("prepare", {"--yes", "--json", "--log-level", "trace"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string journal_dir = env.state_dir() + "/journal";
  auto names = PosixFileSystem()->ListDir(journal_dir);
  ASSERT_TRUE(names.ok());
  std::string journal;
  for (const auto& n : *names)
    journal += *PosixFileSystem()->ReadFile(journal_dir + "/" + n);
  ASSERT_FALSE(journal.empty());
  for (const SimCustomer& c : env.cluster()->customers()) {
    for (const std::string& secret :
         {c.Credential("ess", "password"), c.Credential("cdn", "api_token")}) {
      if (secret.empty()) continue;
      EXPECT_EQ(r.out.find(secret), std::string::npos) << c.id;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << c.id;
      EXPECT_EQ(journal.find(secret), std::string::npos) << c.id;
    }
  }
  EXPECT_NE(r.err.find("redacted"), std::string::npos)
      << "trace logging shows redacted auth headers";
}

// An api_base the transport cannot read the way the load-time check did:
// it passed the check and failed only at send time (exit 1, after other
// accounts had been worked on). One parser now: exit 2, nothing sent.
TEST(InputE2eTest, AnApiBaseTheTransportWouldRefuseIsRefusedAtLoad) {
  E2eEnv env(Customers(2));
  std::string creds = *PosixFileSystem()->ReadFile(env.credentials());
  const std::string base = creds.substr(creds.find("http://127.0.0.1:"));
  const std::string port =
      base.substr(17, base.find_first_not_of("0123456789", 17) - 17);
  const std::string good = "http://127.0.0.1:" + port;
  size_t at = creds.find(good);
  ASSERT_NE(at, std::string::npos);
  creds.replace(at, good.size(), "http://[::1]evil.com:" + port);
  WriteFile(env.dir() + "/creds2.json", creds, 0600);
  RunResult r = env.Run({"prepare", "--plan", env.plan(), "--credentials",
                         env.dir() + "/creds2.json", "--state-dir",
                         env.state_dir(), "--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("api_base"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0);
}

}  // namespace
}  // namespace renumber
