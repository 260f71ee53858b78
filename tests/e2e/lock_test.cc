// Two runs on one account at once: one works, the other is refused and
// told who holds the account; never both write.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

// Waits (at most 60 s) until the run started first holds both accounts of
// the customer: each account is locked before its adapter's first request,
// so a request on each vendor means both locks are taken. A fixed sleep
// let the second run win the race on a loaded machine (the first run's
// start-up, the vault's key derivation, took longer than the sleep).
void WaitUntilBothVendorsAreAsked(E2eEnv& env) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto asked = [](SimHost* h) {
    return h->Counters().value("requests", 0L) > 0;
  };
  while (!(asked(env.cluster()->ess()) && asked(env.cluster()->cdn())) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

TEST(LockE2eTest, TwoConcurrentRunsNeverBothWrite) {
  E2eOptions o;
  o.customers = 1;
  o.faults.latency_ms = 150;  // hold the account long enough to overlap
  E2eEnv env(o);
  RunResult a, b;
  std::thread ta([&] {
    a = env.Renumber("prepare", {"--yes", "--operator", "alice"});
  });
  WaitUntilBothVendorsAreAsked(env);
  std::thread tb([&] {
    b = env.Renumber("prepare", {"--yes", "--operator", "bob"});
  });
  ta.join();
  tb.join();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 4) << b.err;
  EXPECT_NE(b.out.find("alice"), std::string::npos) << b.out;
  // The second run made no write: the writes equal one clean prepare.
  E2eOptions clean_o;
  clean_o.customers = 1;
  E2eEnv clean(clean_o);
  ASSERT_EQ(clean.Renumber("prepare", {"--yes"}).exit_code, 0);
  EXPECT_EQ(env.Writes(), clean.Writes());
  EXPECT_EQ(env.Normalized()["ess"], clean.Normalized()["ess"]);
}

TEST(LockE2eTest, WaitLockLetsTheSecondRunFinishAfterTheFirst) {
  E2eOptions o;
  o.customers = 1;
  o.faults.latency_ms = 100;
  E2eEnv env(o);
  RunResult a, b;
  std::thread ta([&] { a = env.Renumber("prepare", {"--yes"}); });
  WaitUntilBothVendorsAreAsked(env);
  std::thread tb([&] {
    b = env.Renumber("prepare", {"--yes", "--wait-lock", "60"});
  });
  ta.join();
  tb.join();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.out.find("nothing-to-do"), std::string::npos) << b.out;
}

}  // namespace
}  // namespace renumber
