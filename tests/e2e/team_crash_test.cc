// The crash campaign of crash_test.cc with the PostgreSQL store: kill -9 at
// every journal intent of a prepare, and right after every vendor write of
// a cutover, then the same command again (on the other workstation, to
// show the lock went with the killed process): the accounts end exactly as
// a clean run leaves them, with no duplicate and no orphan draft version.
//
// Skipped, with the reason, only when PostgreSQL is not installed.
#include <gtest/gtest.h>

#include "src/store/test_pg_server.h"
#include "src/store/test_pg_setup.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

class TeamCrashE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { UseSharedTestPgServer(&server_); }

  // A fresh, initialized store.
  std::string NewStore(const E2eEnv& env) {
    auto spec = FreshTestDatabase();
    EXPECT_TRUE(spec.ok()) << spec.status().message();
    RunResult init =
        env.Run({"store", "init", "--store", *spec}, server_->ClientEnv());
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return *spec;
  }

  // Every account but the big C-10002/ess (as crash_test.cc), one job.
  std::vector<std::string> Args(E2eEnv& env, const std::string& command,
                                const std::string& op,
                                const std::string& spec) {
    // --connect-to / --ca-file: the simulated origins, which the CDN
    // cutover's gate probes.
    std::vector<std::string> args = {command,
                                     "--plan",
                                     env.plan(),
                                     "--credentials",
                                     env.credentials(),
                                     "--hosts",
                                     env.hosts(),
                                     "--connect-to",
                                     env.connect_to(),
                                     "--ca-file",
                                     env.origin_ca(),
                                     "--state-dir",
                                     env.dir() + "/" + op,
                                     "--store",
                                     spec,
                                     "--operator",
                                     op,
                                     "--yes",
                                     "--jobs",
                                     "1"};
    for (const SimCustomer& c : env.cluster()->customers()) {
      if (c.Has("ess") && c.id != "C-10002")
        args.insert(args.end(), {"--only", c.id + "/ess"});
      if (c.Has("cdn")) args.insert(args.end(), {"--only", c.id + "/cdn"});
    }
    return args;
  }

  RunResult Run(const E2eEnv& env, std::vector<std::string> args,
                const std::string& crash = "") {
    std::vector<std::string> e = server_->ClientEnv();
    if (!crash.empty()) e.push_back("RENUMBER_TEST_CRASH_AT=" + crash);
    return env.Run(args, e);
  }

  void CrashAndResume(const std::string& command, const std::string& point) {
    json clean_state, clean_versions;
    int points = 0;
    {
      E2eEnv env(Customers(8));
      std::string spec = NewStore(env);
      if (command == "cutover") {
        ASSERT_EQ(Run(env, Args(env, "prepare", "alice", spec)).exit_code, 0);
      }
      std::vector<std::string> args = Args(env, command, "alice", spec);
      args.push_back("--json");
      RunResult r = Run(env, args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      for (const json& a : Accounts(r))
        points += static_cast<int>(a["applied"].size());
      clean_state = env.Normalized();
      clean_versions = env.CdnVersionCounts();
    }
    ASSERT_GT(points, 3);
    // One store for the whole campaign; each crash gets a campaign (a
    // journal) of its own in it.
    std::string spec;
    for (int n = 1; n <= points; ++n) {
      SCOPED_TRACE(command + " killed at " + point + ":" + std::to_string(n));
      E2eEnv env(Customers(8));
      if (spec.empty()) spec = NewStore(env);
      const std::vector<std::string> campaign = {"--campaign",
                                                 "crash-" + std::to_string(n)};
      auto args = [&](const std::string& cmd, const std::string& op) {
        std::vector<std::string> a = Args(env, cmd, op, spec);
        a.insert(a.end(), campaign.begin(), campaign.end());
        return a;
      };
      if (command == "cutover") {
        ASSERT_EQ(Run(env, args("prepare", "alice")).exit_code, 0);
      }
      RunResult killed =
          Run(env, args(command, "alice"), point + ":" + std::to_string(n));
      ASSERT_EQ(killed.signal, 9) << killed.err;
      // The server drops alice's session when her socket closes; bob allows
      // it the moment that takes.
      std::vector<std::string> resume = args(command, "bob");
      resume.insert(resume.end(), {"--wait-lock", "10"});
      RunResult again = Run(env, resume);
      ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
      EXPECT_EQ(env.Normalized(), clean_state);
      EXPECT_EQ(env.CdnVersionCounts(), clean_versions);
    }
  }

  TestPgServer* server_ = nullptr;
};

TEST_F(TeamCrashE2eTest, PrepareKilledAtEveryIntent) {
  CrashAndResume("prepare", "intent");
}

TEST_F(TeamCrashE2eTest, CutoverKilledAfterEveryWrite) {
  CrashAndResume("cutover", "write");
}

}  // namespace
}  // namespace renumber
