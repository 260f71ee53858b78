#include "adapters/cdn/cdn_state.h"

#include <gtest/gtest.h>

#include "adapters/cdn/cdn_test_snapshots.h"

namespace renumber::cdn {
namespace {

using namespace testing;  // NOLINT
using nlohmann::json;

const Addresses kA{TestTarget().old_ip, TestTarget().new_ip};

RawService NotStarted() {
  RawService s;
  s.versions = {VersionJ(1, false, true), VersionJ(2, true, true)};
  s.backends = {BackendJ("origin_1", "198.18.0.5"),
                BackendJ("images", "203.0.113.9")};
  return s;
}

ServiceView View(const RawService& s) {
  auto snaps = Snapshots({s});
  EXPECT_EQ(snaps.size(), 1u);
  return snaps.empty() ? ServiceView{} : ViewService(snaps[0], kA);
}

TEST(CdnStateTest, OneServiceThroughThePhases) {
  RawService s = NotStarted();
  EXPECT_EQ(View(s).state, ServiceState::kNotStarted);
  // A staged switch on the active version, complete: prepared.
  s.versions.push_back(VersionJ(3, false, false, Staged(2)));
  s.staged_number = 3;
  s.staged_backends = {BackendJ("origin_1", "198.19.0.5"),
                       BackendJ("images", "203.0.113.9")};
  EXPECT_EQ(View(s).state, ServiceState::kPrepared);
  // Half built (the address not moved yet): partial.
  RawService half = s;
  half.staged_backends[0]["address"] = "198.18.0.5";
  ServiceView v = View(half);
  EXPECT_EQ(v.state, ServiceState::kPartial);
  EXPECT_EQ(v.unstaged, std::vector<std::string>{"origin_1"});
  // The customer activated version 4 since: prepared-stale.
  RawService stale = s;
  stale.versions[1]["active"] = false;
  stale.versions.push_back(VersionJ(4, true, true, "Changed in the console"));
  EXPECT_EQ(View(stale).state, ServiceState::kPreparedStale);
  // Our switch activated: cut over.
  RawService cut = s;
  cut.versions[1]["active"] = false;
  cut.versions[2] = VersionJ(3, true, true, Staged(2));
  cut.backends = s.staged_backends;
  cut.staged_number = 0;
  EXPECT_EQ(View(cut).state, ServiceState::kCutOver);
}

TEST(CdnStateTest, ASwitchOfAnotherMigrationOrAnAbandonedOneIsNotOurs) {
  RawService s = NotStarted();
  Mark other{MarkKind::kStaged, 2, "198.18.0.5", "198.19.0.99"};
  s.versions.push_back(
      VersionJ(3, false, false,
               StagedComment(2, *IpAddress::Parse("198.18.0.5"),
                             *IpAddress::Parse("198.19.0.99"), "", "")));
  s.versions.push_back(VersionJ(4, false, false, AbandonedComment(other)));
  EXPECT_EQ(View(s).state, ServiceState::kNotStarted);
}

TEST(CdnStateTest, HiddenOriginsAreFoundButNeverMoved) {
  RawService s = NotStarted();
  s.vcls = {{{"name", "main"},
             {"content", "backend F_x { .host = \"198.18.0.5\"; }"}}};
  s.snippets = {{{"name", "dbg"}, {"content", "\"198.18.0.50\""}}};
  s.pools = {{{"id", "P1"}, {"name", "app_pool"}}};
  s.pool_servers = {{"P1", {{{"address", "198.18.0.5"}, {"port", 8080}}}}};
  ServiceView v = View(s);
  ASSERT_EQ(v.hidden.size(), 2u);
  EXPECT_EQ(v.hidden[0].where, "custom VCL main");
  EXPECT_EQ(v.hidden[1].where, "pool app_pool server 198.18.0.5");
  EXPECT_EQ(v.old_backends, std::vector<std::string>{"origin_1"});
  // A Compute service at the old IP is hidden, not migrated.
  RawService compute = NotStarted();
  compute.type = "wasm";
  ServiceView c = View(compute);
  EXPECT_EQ(c.state, ServiceState::kNone);
  ASSERT_EQ(c.hidden.size(), 1u);
  EXPECT_EQ(c.hidden[0].where, "Compute service backend origin_1");
}

TEST(CdnStateTest, AccountStates) {
  auto view = [](ServiceState s, bool hidden = false) {
    ServiceView v;
    v.state = s;
    if (hidden) v.hidden.push_back({"snippet x"});
    return v;
  };
  using S = ServiceState;
  EXPECT_EQ(CombineStates({}), AccountState::kMissing);
  EXPECT_EQ(CombineStates({view(S::kNone, true)}), AccountState::kNotStarted);
  EXPECT_EQ(CombineStates({view(S::kPrepared), view(S::kPreparedStale)}),
            AccountState::kPreparedStale);
  EXPECT_EQ(CombineStates({view(S::kPrepared), view(S::kNone)}),
            AccountState::kPrepared);
  EXPECT_EQ(CombineStates({view(S::kCutOver)}), AccountState::kCutOver);
  // Never cut-over while a hidden origin remains.
  EXPECT_EQ(CombineStates({view(S::kCutOver), view(S::kNone, true)}),
            AccountState::kPartial);
  EXPECT_EQ(CombineStates({view(S::kCutOver), view(S::kPrepared)}),
            AccountState::kPartial);
  EXPECT_EQ(CombineStates({view(S::kNotStarted), view(S::kPrepared)}),
            AccountState::kPartial);
}

}  // namespace
}  // namespace renumber::cdn
