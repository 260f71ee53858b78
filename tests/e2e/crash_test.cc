// kill -9 at every journal intent point (and right after every vendor write)
// of a prepare and of a cutover, then the same command again: the account
// ends in exactly the state a clean run gives, without duplicates.
//
// Every seeded shape but one takes part: C-10002/ess (53 route collections,
// ~140 intents in a cutover) alone would make these tests run for minutes;
// its shape is crash-tested at every change by the ESS adapter's own tests.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// The number of intent records a clean run of `command` writes.
// --only flags for every account of the plan except the big one.
std::vector<std::string> OnlyArgs(E2eEnv& env) {
  std::vector<std::string> args = {"--yes", "--jobs", "1"};
  for (const SimCustomer& c : env.cluster()->customers()) {
    if (c.Has("ess") && c.id != "C-10002")
      args.insert(args.end(), {"--only", c.id + "/ess"});
    if (c.Has("cdn")) args.insert(args.end(), {"--only", c.id + "/cdn"});
  }
  return args;
}

int CleanRunIntents(const std::string& command, json* final_state,
                    json* versions) {
  E2eEnv env(Customers(8));
  std::vector<std::string> args = OnlyArgs(env);
  if (command == "cutover") {
    EXPECT_EQ(env.Renumber("prepare", args).exit_code, 0);
  }
  args.push_back("--json");
  RunResult r = env.Renumber(command, args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int intents = 0;
  for (const json& a : Accounts(r))
    intents += static_cast<int>(a["applied"].size());
  *final_state = env.Normalized();
  *versions = env.CdnVersionCounts();
  return intents;
}

void CrashAndResume(const std::string& command, const std::string& point) {
  json clean_state, clean_versions;
  int intents = CleanRunIntents(command, &clean_state, &clean_versions);
  ASSERT_GT(intents, 3);
  for (int n = 1; n <= intents; ++n) {
    SCOPED_TRACE(command + " killed at " + point + ":" + std::to_string(n));
    E2eEnv env(Customers(8));
    std::vector<std::string> args = OnlyArgs(env);
    if (command == "cutover") {
      ASSERT_EQ(env.Renumber("prepare", args).exit_code, 0);
    }
    RunResult killed = env.Renumber(
        command, args,
        {"RENUMBER_TEST_CRASH_AT=" + point + ":" + std::to_string(n)});
    ASSERT_EQ(killed.signal, 9) << killed.err;
    auto started = std::chrono::steady_clock::now();
    RunResult again = env.Renumber(command, args);
    // Once (ASan build, intent:6 of prepare) the re-run ended by a signal
    // with no output: say which signal and after how long.
    ASSERT_EQ(again.exit_code, 0)
        << "signal " << again.signal << " after "
        << std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::steady_clock::now() - started)
               .count()
        << " s\nstdout: " << again.out << "\nstderr: " << again.err;
    EXPECT_EQ(env.Normalized(), clean_state);
    // No second draft version left behind.
    EXPECT_EQ(env.CdnVersionCounts(), clean_versions);
    std::string expect = command == "prepare" ? "prepared" : "cut-over";
    std::vector<std::string> verify = args;
    verify.erase(verify.begin());  // no --yes for verify
    verify.insert(verify.end(), {"--expect", expect});
    EXPECT_EQ(env.Renumber("verify", verify).exit_code, 0);
  }
}

TEST(CrashE2eTest, PrepareKilledAtEveryIntent) {
  CrashAndResume("prepare", "intent");
}
TEST(CrashE2eTest, PrepareKilledAfterEveryWrite) {
  CrashAndResume("prepare", "write");
}
TEST(CrashE2eTest, CutoverKilledAtEveryIntent) {
  CrashAndResume("cutover", "intent");
}
TEST(CrashE2eTest, CutoverKilledAfterEveryWrite) {
  CrashAndResume("cutover", "write");
}

// The CDN accounts, killed two and three times in a row at random points
// (before a change is sent, or after it was applied and before the journal
// records its answer — the clone's included), then run to the end: the
// same vendor state as a clean run, no second draft, at most one staged
// version per service. The seed and the kill points are printed on
// failure.
std::vector<std::string> CdnArgs(E2eEnv& env) {
  std::vector<std::string> args = {"--yes", "--jobs", "1"};
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.Has("cdn")) args.insert(args.end(), {"--only", c.id + "/cdn"});
  return args;
}

void KilledSeveralTimes(const std::string& command, int kills, unsigned seed) {
  json clean_state, clean_versions;
  int intents = 0;
  {
    E2eEnv env(Customers(8));
    std::vector<std::string> args = CdnArgs(env);
    if (command == "cutover") {
      ASSERT_EQ(env.Renumber("prepare", args).exit_code, 0);
    }
    args.push_back("--json");
    RunResult r = env.Renumber(command, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const json& a : Accounts(r))
      intents += static_cast<int>(a["applied"].size());
    clean_state = env.Normalized();
    clean_versions = env.CdnVersionCounts();
  }
  ASSERT_GE(intents, kills);
  std::mt19937 rng(seed);
  E2eEnv env(Customers(8));
  std::vector<std::string> args = CdnArgs(env);
  if (command == "cutover") {
    ASSERT_EQ(env.Renumber("prepare", args).exit_code, 0);
  }
  // Each kill leaves enough intents for the next one to happen.
  const int span = std::max(1, intents / (kills + 1));
  std::string where;
  for (int k = 0; k < kills; ++k) {
    const int n = std::uniform_int_distribution<int>(1, span)(rng);
    const char* point = rng() % 2 ? "write" : "intent";
    where += std::string(" ") + point + ":" + std::to_string(n);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", " + command +
                 " killed at" + where);
    RunResult killed =
        env.Renumber(command, args,
                     {"RENUMBER_TEST_CRASH_AT=" + std::string(point) + ":" +
                      std::to_string(n)});
    ASSERT_EQ(killed.signal, 9) << killed.err;
  }
  SCOPED_TRACE("seed " + std::to_string(seed) + ", " + command + " killed at" +
               where);
  RunResult again = env.Renumber(command, args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(env.Normalized(), clean_state);
  EXPECT_EQ(env.CdnVersionCounts(), clean_versions);
  const json staged = env.CdnStagedCounts();
  for (const auto& [sid, n] : staged.items()) EXPECT_LE(n.get<int>(), 1) << sid;
  std::vector<std::string> verify(args.begin() + 1, args.end());
  verify.insert(verify.end(),
                {"--expect", command == "prepare" ? "prepared" : "cut-over"});
  EXPECT_EQ(env.Renumber("verify", verify).exit_code, 0);
}

constexpr unsigned kCrashSeed = 20261210;

TEST(CrashE2eTest, CdnPrepareKilledTwiceAndThreeTimes) {
  for (unsigned i = 0; i < 2; ++i) {
    KilledSeveralTimes("prepare", 2, kCrashSeed + i);
    KilledSeveralTimes("prepare", 3, kCrashSeed + 100 + i);
  }
}

TEST(CrashE2eTest, CdnCutoverKilledTwiceAndThreeTimes) {
  for (unsigned i = 0; i < 2; ++i) {
    KilledSeveralTimes("cutover", 2, kCrashSeed + 200 + i);
    KilledSeveralTimes("cutover", 3, kCrashSeed + 300 + i);
  }
}

}  // namespace
}  // namespace renumber
