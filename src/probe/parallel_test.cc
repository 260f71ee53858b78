#include "src/probe/parallel.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "src/probe/fake_smtp_prober.h"

namespace renumber {
namespace {

TEST(ParallelTest, EveryIndexOnce) {
  std::mutex mu;
  std::multiset<size_t> seen;
  ForEachInParallel(50, 4, [&](size_t i) {
    std::lock_guard<std::mutex> l(mu);
    seen.insert(i);
  });
  ASSERT_EQ(seen.size(), 50u);
  for (size_t i = 0; i < 50; ++i) EXPECT_EQ(seen.count(i), 1u);
  ForEachInParallel(0, 4, [&](size_t) { ADD_FAILURE(); });
}

TEST(ParallelTest, RunsUpToItsBoundAtOnce) {
  // The fake holds each probe until three are in flight: only parallel
  // callers can get there; a bound of three never goes past it.
  FakeSmtpProber prober;
  prober.HoldUntilInFlight(3, std::chrono::seconds(10));
  SmtpProbeTarget t{IpAddress::Parse("198.19.0.1").value(), 25};
  ForEachInParallel(9, 3, [&](size_t) { prober.Probe(t); });
  EXPECT_EQ(prober.max_in_flight(), 3);
  EXPECT_EQ(prober.probed().size(), 9u);
}

TEST(ParallelTest, OneAtATimeWithABoundOfOne) {
  FakeSmtpProber prober;
  SmtpProbeTarget t{IpAddress::Parse("198.19.0.1").value(), 25};
  ForEachInParallel(5, 0, [&](size_t) { prober.Probe(t); });
  EXPECT_EQ(prober.max_in_flight(), 1);
}

}  // namespace
}  // namespace renumber
