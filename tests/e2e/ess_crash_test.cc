// Two and three consecutive kill -9 at random points of each ESS phase, for
// the accounts whose phases move routes and add routes to / take them out of
// named routes (the seeded shapes with a backup failover and named routes);
// then one more run finishes the phase. The accounts end exactly as a clean
// run leaves them (routes and named routes in order), verify agrees, and
// the simulator's delivery history shows no named route ever empty and no
// collection ever without a primary.
//
// The points are drawn from a seeded generator; the seed is printed with
// every failure and RENUMBER_E2E_CRASH_SEED=N replays a run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

constexpr uint64_t kDefaultSeed = 20261210;

uint64_t BaseSeed() {
  const char* s = std::getenv("RENUMBER_E2E_CRASH_SEED");
  return s && *s ? std::strtoull(s, nullptr, 10) : kDefaultSeed;
}

// C-10004: the old IP beside a second primary, a backup failover, a named
// route with another route; C-10005: the backup of a host-name primary,
// last in a named route; C-10008: the backup of an IP primary before an
// archive, in the middle of a named route.
const char* const kAccounts[] = {"C-10004", "C-10005", "C-10008"};

struct PhaseRun {
  const char* name;                  // for test names
  std::vector<std::string> command;  // "rollback", "--phase", "cutover"
  std::vector<std::vector<std::string>> before;  // commands run first
  const char* expect;                            // verify --expect after
};

const PhaseRun kPhases[] = {
    {"prepare", {"prepare"}, {}, "prepared"},
    {"cutover", {"cutover"}, {{"prepare"}}, "cut-over"},
    {"rollback_prepare",
     {"rollback", "--phase", "prepare"},
     {{"prepare"}},
     "not-started"},
    {"rollback_cutover",
     {"rollback", "--phase", "cutover"},
     {{"prepare"}, {"cutover"}},
     "prepared"},
};

std::vector<std::string> With(std::vector<std::string> a,
                              const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<std::string> Only() {
  std::vector<std::string> args = {"--jobs", "1"};
  for (const char* id : kAccounts)
    args.insert(args.end(), {"--only", std::string(id) + "/ess"});
  return args;
}

// Runs `argv` (a command and its own arguments) with the plan, credentials
// and state dir of `env`.
RunResult RunCommand(E2eEnv& env, const std::vector<std::string>& argv,
                     const std::vector<std::string>& more,
                     const std::vector<std::string>& vars = {}) {
  std::vector<std::string> rest(argv.begin() + 1, argv.end());
  return env.Renumber(argv[0], With(With(rest, more), Only()), vars);
}

// The changes the next run of `command` will make, as a dry run plans them
// (a killed run may leave fewer than "total minus done": a cutover's gate
// already ran the checks that its check changes would have run).
int Planned(E2eEnv& env, const std::vector<std::string>& command) {
  RunResult r = RunCommand(env, command, {"--dry-run", "--json"});
  int n = 0;
  for (const json& a : Accounts(r))
    n += static_cast<int>(a["plan"]["changes"].size());
  return n;
}

class EssCrashE2eTest : public ::testing::TestWithParam<std::tuple<int, int>> {
};

TEST_P(EssCrashE2eTest, ConsecutiveKillsEndLikeACleanRun) {
  const PhaseRun& phase = kPhases[std::get<0>(GetParam())];
  const int kills = std::get<1>(GetParam());
  const uint64_t seed = BaseSeed() + 1000 * std::get<0>(GetParam()) + kills;

  // The clean run: its changes (intents) and the state it leaves.
  json clean_state;
  int intents = 0;
  {
    E2eEnv env(Customers(8));
    for (const auto& b : phase.before)
      ASSERT_EQ(RunCommand(env, b, {"--yes"}).exit_code, 0);
    RunResult r = RunCommand(env, phase.command, {"--yes", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const json& a : Accounts(r))
      intents += static_cast<int>(a["applied"].size());
    clean_state = env.Normalized();
  }
  ASSERT_GE(intents, kills + 1) << phase.name;

  std::mt19937_64 rng(seed);
  for (int trial = 0; trial < 2; ++trial) {
    E2eEnv env(Customers(8));
    for (const auto& b : phase.before)
      ASSERT_EQ(RunCommand(env, b, {"--yes"}).exit_code, 0);
    std::string points;
    int remaining = intents;  // changes the next run has to make
    for (int k = 0; k < kills; ++k) {
      // "intent:n" dies before the n-th change's write (n-1 are done);
      // "write:n" after it (n are done), which must leave one for the
      // next kill.
      const bool last = k == kills - 1;
      const bool write = remaining >= 2 && (rng() & 1);
      const int top = write && !last ? remaining - 1 : remaining;
      const int n = 1 + static_cast<int>(rng() % static_cast<uint64_t>(top));
      const std::string point =
          (write ? "write:" : "intent:") + std::to_string(n);
      points += (points.empty() ? "" : ", ") + point;
      SCOPED_TRACE("seed " + std::to_string(seed) +
                   " (RENUMBER_E2E_CRASH_SEED=" + std::to_string(BaseSeed()) +
                   "), trial " + std::to_string(trial) + ", kills " + points);
      RunResult killed = RunCommand(env, phase.command, {"--yes"},
                                    {"RENUMBER_TEST_CRASH_AT=" + point});
      ASSERT_EQ(killed.signal, 9)
          << "not killed at " << point << "; exit " << killed.exit_code << "\n"
          << killed.err;
      if (!last) remaining = Planned(env, phase.command);
      ASSERT_GE(remaining, 1) << "nothing left to kill after " << point;
    }
    SCOPED_TRACE("seed " + std::to_string(seed) + ", trial " +
                 std::to_string(trial) + ", kills " + points);
    RunResult again = RunCommand(env, phase.command, {"--yes"});
    ASSERT_EQ(again.exit_code, 0) << "signal " << again.signal << "\n"
                                  << again.err;
    const json state = env.Normalized();
    EXPECT_EQ(state, clean_state)
        << "differs from a clean run: " << json::diff(clean_state, state);
    RunResult verify =
        RunCommand(env, {"verify", "--expect", phase.expect}, {});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
    for (const char* id : kAccounts) {
      const json history = env.EssDelivery(id)["history"];
      for (const json& m : history) {
        for (const auto& [name, list] : m["routes"]["named"].items())
          EXPECT_FALSE(list.empty())
              << id << " named route " << name << " empty after " << m["write"];
        bool primary = false;
        for (const json& r : m["routes"]["default"])
          primary = primary || r["role"] == "primary";
        EXPECT_TRUE(primary) << id << " no primary after " << m["write"];
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryPhase, EssCrashE2eTest,
    ::testing::Combine(::testing::Range(0, 4), ::testing::Values(2, 3)),
    [](const ::testing::TestParamInfo<std::tuple<int, int>>& info) {
      return std::string(kPhases[std::get<0>(info.param)].name) + "_" +
             std::to_string(std::get<1>(info.param)) + "_kills";
    });

}  // namespace
}  // namespace renumber
