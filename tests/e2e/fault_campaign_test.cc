// Seeded fault campaigns through the real binary (issue 15): each schedule
// draws accounts of every shape from a world of 200 seeded customers, a
// sequence of phases (prepare, cut over, and either rollback), and for each
// phase up to three runs cut short — killed by the crash hook at a journal
// point, or by SIGKILL from outside at a random moment — under a random mix
// of the simulators' faults (5xx and 429 storms, lost answers after a
// commit, dropped connections, slow and malformed answers, ESS 412 races
// from a customer editing at the same time), then a clean run to the end.
//
// After every schedule: the vendors' state is exactly what the same phases
// give without faults (no duplicate route, outbound entry or draft
// version; nothing half-done), `verify --expect` agrees, at most one staged
// version per service, and the simulators' histories keep the safety rules
// (safety_checks.h).
//
// Five schedules run by default (Seeded/FaultCampaignTest.*/0..4), and two
// with the PostgreSQL store (SeededPostgres/...: a fifth of the schedules,
// at least two). The long
// suite, 100 schedules, is tests/bench/fault_campaigns.sh (README.md,
// "Proof under faults"); RENUMBER_PROOF_SCHEDULES=N sets the number, and
// RENUMBER_PROOF_SEED=N replays the one schedule a failure names.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "src/store/test_pg_server.h"
#include "src/store/test_pg_setup.h"
#include "tests/e2e/e2e_env.h"
#include "tests/e2e/safety_checks.h"

namespace renumber {
namespace {

using json = nlohmann::json;
using std::chrono::milliseconds;

constexpr int kWorld = 200;   // seeded customers the accounts come from
constexpr int kAccounts = 5;  // accounts per schedule
constexpr unsigned kFirstSeed = 1500;

// A run cut short: by the crash hook ("intent:N", "write:N") or by SIGKILL
// from outside after `after`.
struct Kill {
  std::string hook;  // "" = from outside
  milliseconds after{0};
  std::string Text() const {
    return hook.empty()
               ? "kill -9 after " + std::to_string(after.count()) + " ms"
               : "crash at " + hook;
  }
};

struct Step {
  std::string phase;  // prepare, cutover, rollback-prepare, rollback-cutover
  FaultConfig ess_faults, cdn_faults;
  std::vector<Kill> kills;
};

// The faults that are on, e.g. "error 503 8%, lost 21%, slow 750 ms 4%".
std::string FaultsText(const FaultConfig& f) {
  std::string out;
  auto add = [&](const std::string& name, const FaultSpec& spec) {
    if (spec.rate <= 0) return;
    out += (out.empty() ? "" : ", ") + name + " " +
           std::to_string(static_cast<int>(spec.rate * 100 + 0.5)) + "%";
  };
  add("error " + std::to_string(f.error_status), f.error);
  add("lost", f.lost_response);
  add("drop", f.drop);
  add("malformed", f.malformed);
  add("slow " + std::to_string(f.slow_ms) + " ms", f.slow);
  add("customer edit", f.customer_change);
  return out.empty() ? "none" : out;
}

struct Schedule {
  unsigned seed = 0;
  std::vector<SimCustomer> world;
  std::vector<Step> steps;

  std::string Text() const {
    std::string out = "schedule seed " + std::to_string(seed) + ":";
    for (const SimCustomer& c : world)
      out += " " + c.id + (c.Has("ess") ? "/ess" : "") +
             (c.Has("cdn") ? "/cdn" : "");
    for (const Step& s : steps) {
      out += "\n  " + s.phase + " (ESS faults: " + FaultsText(s.ess_faults) +
             "; CDN faults: " + FaultsText(s.cdn_faults) + ")";
      for (const Kill& k : s.kills) out += "; " + k.Text();
    }
    return out;
  }
};

// What a schedule met: runs cut short by a kill, faults the simulators
// fired (by kind), for the progress line.
struct Met {
  int kills_landed = 0;
  int kills = 0;
  std::map<std::string, long> faults;
  std::string Text() const {
    std::string out = std::to_string(kills_landed) + "/" +
                      std::to_string(kills) + " kills landed; faults fired:";
    for (const auto& [kind, n] : faults)
      out += " " + kind + " " + std::to_string(n);
    return out;
  }
};

// Where the runs keep their journal and locks: the local state directory
// (no arguments), or a PostgreSQL campaign store (`--store` and the client
// environment naming its pgpass file).
struct Store {
  std::vector<std::string> args;
  std::vector<std::string> env;
};

// What the account is in after the last phase.
std::string ExpectedState(const std::string& last_phase) {
  if (last_phase == "prepare") return "prepared";
  if (last_phase == "cutover") return "cut-over";
  if (last_phase == "rollback-cutover") return "prepared";
  return "not-started";
}

FaultSpec Rate(std::mt19937& rng, double max) {
  FaultSpec f;
  f.rate = std::uniform_real_distribution<double>(0, max)(rng);
  return f;
}

FaultConfig RandomFaults(std::mt19937& rng, bool ess) {
  FaultConfig f;
  f.seed = rng();
  f.jitter_ms = static_cast<int>(rng() % 5);
  const int statuses[] = {500, 502, 503, 429};
  f.error_status = statuses[rng() % 4];
  f.error = Rate(rng, 0.15);  // a 429 storm when error_status is 429
  f.lost_response = Rate(rng, 0.3);
  f.drop = Rate(rng, 0.08);
  f.malformed = Rate(rng, 0.05);
  f.slow = Rate(rng, 0.05);
  f.slow_ms = 200 + static_cast<int>(rng() % 800);
  // The ESS customer edits in the console (a 412 on our next write). The
  // CDN customer's console change would change what the phases end in;
  // rollback_test.cc and the adapter's race tests cover it.
  if (ess) f.customer_change = Rate(rng, 0.1);
  return f;
}

Schedule MakeSchedule(unsigned seed) {
  std::mt19937 rng(seed);
  Schedule s;
  s.seed = seed;
  std::vector<SimCustomer> all = SeedCustomers(kWorld, "");
  std::shuffle(all.begin(), all.end(), rng);
  s.world.assign(all.begin(), all.begin() + kAccounts);
  static const std::vector<std::vector<std::string>> kSequences = {
      {"prepare", "cutover"},
      {"prepare", "rollback-prepare"},
      {"prepare", "cutover", "rollback-cutover"},
      {"prepare", "cutover", "rollback-cutover", "rollback-prepare"}};
  for (const std::string& phase : kSequences[rng() % kSequences.size()]) {
    Step step;
    step.phase = phase;
    step.ess_faults = RandomFaults(rng, true);
    step.cdn_faults = RandomFaults(rng, false);
    const int kills = static_cast<int>(rng() % 4);  // 0 to 3 in a row
    for (int k = 0; k < kills; ++k) {
      Kill kill;
      if (rng() % 3 == 0) {
        kill.after = milliseconds(20 + rng() % 1500);
      } else {
        kill.hook = std::string(rng() % 2 ? "intent:" : "write:") +
                    std::to_string(1 + rng() % 6);
      }
      step.kills.push_back(kill);
    }
    s.steps.push_back(step);
  }
  return s;
}

std::vector<std::string> PhaseArgs(const std::string& phase) {
  std::vector<std::string> args;
  if (phase.rfind("rollback-", 0) == 0) args = {"--phase", phase.substr(9)};
  args.insert(args.end(), {"--yes", "--jobs", "1"});
  return args;
}

std::string Command(const std::string& phase) {
  return phase.rfind("rollback-", 0) == 0 ? "rollback" : phase;
}

// The schedule's accounts, their maintenance over an hour ago (cut over
// allowed), their new origins serving the site.
E2eOptions WorldOf(const Schedule& s) {
  E2eOptions o;
  o.world = s.world;
  const std::string ended =
      (RealClock()->Now() - std::chrono::hours(1)).ToRfc3339();
  for (SimCustomer& c : o.world) c.maintenance_end = ended;
  return o;
}

// The vendors' state after the schedule's phases without faults.
json CleanEnd(const Schedule& s, json* versions) {
  E2eEnv env(WorldOf(s));
  for (const Step& step : s.steps) {
    RunResult r = env.Renumber(Command(step.phase), PhaseArgs(step.phase));
    EXPECT_EQ(r.exit_code, 0) << "clean " << step.phase << ": " << r.err;
  }
  *versions = env.CdnVersionCounts();
  return env.Normalized();
}

// Where each history stood when the cut over began: ESS moments by
// account, and the CDN's next activation number.
struct Marks {
  std::map<std::string, size_t> ess_moments;
  long cdn_seq = 0;
};

long NextActivation(E2eEnv& env) {
  long next = 0;
  const json state = env.cluster()->host("cdn")->api()->SaveState();
  for (const json& a : state["history"])
    next = std::max(next, a.value("seq", 0L) + 1);
  return next;
}

Marks MarkNow(E2eEnv& env) {
  Marks m;
  for (const SimCustomer& c : env.cluster()->customers())
    if (c.Has("ess"))
      m.ess_moments[c.id] = env.EssDelivery(c.id)["history"].size();
  m.cdn_seq = NextActivation(env);
  return m;
}

// Runs one phase of the schedule: each kill under the step's faults, one
// run to its end under them, then the phase to its end without faults.
void RunStep(E2eEnv& env, const Step& step, const Store& store, Met* met) {
  const std::string command = Command(step.phase);
  std::vector<std::string> args = PhaseArgs(step.phase);
  args.insert(args.end(), store.args.begin(), store.args.end());
  for (const Kill& kill : step.kills) {
    SCOPED_TRACE(step.phase + ": " + kill.Text());
    env.cluster()->host("ess")->SetFaults(step.ess_faults);
    env.cluster()->host("cdn")->SetFaults(step.cdn_faults);
    std::vector<std::string> vars = store.env;
    if (!kill.hook.empty())
      vars.push_back("RENUMBER_TEST_CRASH_AT=" + kill.hook);
    RunResult r = kill.hook.empty()
                      ? env.RenumberKilledAfter(command, args, vars, kill.after)
                      : env.Renumber(command, args, vars);
    // Killed, or ended before the kill: done, failed, refused or not as
    // expected — never a crash of its own, never "bad input".
    ++met->kills;
    if (r.signal != 0) {
      met->kills_landed += r.signal == 9;
      EXPECT_EQ(r.signal, 9) << r.err;
    } else {
      EXPECT_NE(r.exit_code, 2) << r.err;
    }
  }
  // One run under the faults that is not cut short: it may end in any of
  // the account results, never in a crash or "bad input".
  env.cluster()->host("ess")->SetFaults(step.ess_faults);
  env.cluster()->host("cdn")->SetFaults(step.cdn_faults);
  RunResult faulty = env.Renumber(command, args, store.env);
  EXPECT_EQ(faulty.signal, 0) << faulty.err;
  EXPECT_NE(faulty.exit_code, 2) << faulty.err;
  env.SetFaults(FaultConfig{});
  RunResult end = env.Renumber(command, args, store.env);
  EXPECT_EQ(end.exit_code, 0) << step.phase << " to its end:\n"
                              << end.out << end.err;
}

std::vector<std::string> ServicesOf(E2eEnv& env, const std::string& account) {
  std::vector<std::string> out;
  const json state = env.cluster()->host("cdn")->api()->SaveState();
  for (const json& s : state["services"])
    if (s.value("account", "") == account) out.push_back(s.value("id", ""));
  return out;
}

// Every address the account's first delivery moment routes to, but the
// old and new ones.
std::vector<std::string> OtherServers(const json& first, const SimCustomer& c) {
  std::set<std::string> out;
  for (const Via& via : AllVias(first))
    for (const json& e : Entries(first, via))
      if (e["address"].is_string()) out.insert(e["address"].get<std::string>());
  out.erase(c.old_ip);
  out.erase(c.new_ip);
  return {out.begin(), out.end()};
}

void ExpectSafeHistories(E2eEnv& env, const Marks& cutover) {
  const json activations =
      env.cluster()->host("cdn")->api()->SaveState()["history"];
  for (const SimCustomer& c : env.cluster()->customers()) {
    SCOPED_TRACE(c.id);
    if (c.Has("ess")) {
      const json plain = env.EssDelivery(c.id)["history"];
      const json others_down =
          env.EssDelivery(c.id, OtherServers(plain[0], c))["history"];
      auto mark = cutover.ess_moments.find(c.id);
      const size_t from =
          mark == cutover.ess_moments.end() ? plain.size() : mark->second;
      EXPECT_EQ(
          MailSafetyViolations(plain, others_down, c.old_ip, c.new_ip, from),
          "");
    }
    if (c.Has("cdn")) {
      EXPECT_EQ(OriginSafetyViolations(activations, ServicesOf(env, c.id),
                                       c.old_ip, c.new_ip, cutover.cdn_seq),
                "");
    }
  }
}

void CountFaults(E2eEnv& env, Met* met) {
  for (SimHost* host :
       {env.cluster()->host("ess"), env.cluster()->host("cdn")}) {
    const json fired = host->Counters().value("faults", json::object());
    for (const auto& [kind, n] : fired.items())
      met->faults[kind] += n.get<long>();
  }
}

// `store`, when given, makes the store the runs use (in the schedule's
// environment); the clean run keeps the local state directory.
using StoreMaker = std::function<Store(const E2eEnv&)>;

Met RunSchedule(const Schedule& s, const StoreMaker& make_store) {
  Met met;
  SCOPED_TRACE(s.Text());
  json clean_versions;
  const json clean = CleanEnd(s, &clean_versions);
  E2eEnv env(WorldOf(s));
  const Store store = make_store ? make_store(env) : Store{};
  if (::testing::Test::HasFailure()) return met;
  Marks cutover;
  cutover.cdn_seq = std::numeric_limits<long>::max();
  for (const Step& step : s.steps) {
    if (step.phase == "cutover") cutover = MarkNow(env);
    RunStep(env, step, store, &met);
    if (::testing::Test::HasFailure()) return met;
  }
  CountFaults(env, &met);
  // As JSON patches from the clean end: only what differs is printed.
  EXPECT_EQ(json::diff(clean, env.Normalized()), json::array());
  EXPECT_EQ(json::diff(clean_versions, env.CdnVersionCounts()), json::array());
  const json staged = env.CdnStagedCounts();
  for (const auto& [sid, n] : staged.items()) EXPECT_LE(n.get<int>(), 1) << sid;
  std::vector<std::string> verify_args = {
      "--expect", ExpectedState(s.steps.back().phase), "--jobs", "1"};
  verify_args.insert(verify_args.end(), store.args.begin(), store.args.end());
  RunResult verify = env.Renumber("verify", verify_args, store.env);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  ExpectSafeHistories(env, cutover);
  return met;
}

int Schedules() {
  const char* n = std::getenv("RENUMBER_PROOF_SCHEDULES");
  return n && std::atoi(n) > 0 ? std::atoi(n) : 5;
}

// Runs the schedule of test parameter `param` (or the one
// RENUMBER_PROOF_SEED names, as parameter 0) and logs what it met.
void RunSeeded(int param, const StoreMaker& make_store) {
  const char* replay = std::getenv("RENUMBER_PROOF_SEED");
  if (replay && param > 0) GTEST_SKIP() << "replaying one seed";
  const unsigned seed = replay ? static_cast<unsigned>(std::atol(replay))
                               : kFirstSeed + static_cast<unsigned>(param);
  const auto start = std::chrono::steady_clock::now();
  const Schedule schedule = MakeSchedule(seed);
  const Met met = RunSchedule(schedule, make_store);
  // What the schedule did and met, for the long suite's log.
  std::fprintf(
      stderr, "%s%s\n  %s; %.1f s\n", schedule.Text().c_str(),
      make_store ? " [PostgreSQL store]" : "", met.Text().c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count());
  EXPECT_FALSE(::testing::Test::HasFailure())
      << "replay: RENUMBER_PROOF_SEED=" << seed;
}

// One test per schedule, so that ctest and gtest's sharding spread them.
class FaultCampaignTest : public ::testing::TestWithParam<int> {};

TEST_P(FaultCampaignTest, KeepsEveryAccountSafe) {
  RunSeeded(GetParam(), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Seeded, FaultCampaignTest,
                         ::testing::Range(0, Schedules()));

// The same schedules with the team's PostgreSQL store (issue 18): two by
// default; skipped, with the reason, only when PostgreSQL is not
// installed.
class PgFaultCampaignTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { UseSharedTestPgServer(&server_); }
  Store NewStore(const E2eEnv& env) const {
    auto spec = FreshTestDatabase();
    EXPECT_TRUE(spec.ok()) << spec.status().message();
    if (!spec.ok()) return {};
    RunResult init =
        env.Run({"store", "init", "--store", *spec}, server_->ClientEnv());
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return {{"--store", *spec, "--operator", "proof"}, server_->ClientEnv()};
  }
  TestPgServer* server_ = nullptr;
};

TEST_P(PgFaultCampaignTest, KeepsEveryAccountSafe) {
  RunSeeded(GetParam(), [this](const E2eEnv& env) { return NewStore(env); });
}

INSTANTIATE_TEST_SUITE_P(SeededPostgres, PgFaultCampaignTest,
                         ::testing::Range(0, std::max(2, Schedules() / 5)));

}  // namespace
}  // namespace renumber
