// Test-only: an ESS account on the in-memory FakeEssVendor plus an engine
// stand-in that drives the adapter the way the engine does (discover, plan,
// journal intent, apply, journal outcome). Header-only.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_TEST_WORLD_H_
#define RENUMBER_ADAPTERS_ESS_ESS_TEST_WORLD_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "adapters/ess/ess_fake_vendor.h"
#include "adapters/ess/ess_test_builders.h"
#include "adapters/ess/ess_test_run.h"
#include "adapters/registry.h"

namespace renumber {
namespace ess_test {

// One simulated account and what the adapter needs around it.
class EssWorldState {
 public:
  EssWorldState() : vendor_(&clock_, "admin", "pw-123456") {
    creds_.account = AccountKey{"C-10001", Service("ess")};
    creds_.api_base = "https://ess.test";
    creds_.fields["username"] = "admin";
    creds_.secrets["password"] = Secret("pw-123456");
    deps_ = AdapterDeps{&vendor_, &clock_, &resolver_, &random_};
    ctx_.target = MakeTarget();
  }

  std::unique_ptr<Adapter> NewAdapter() {
    auto a = NewEssAdapter(creds_, deps_);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return std::move(a).value();
  }

  // A typical account: default routes (old primary + another failover),
  // a custom domain with the old IP as failover on 2525 next to another
  // primary, a default-mode domain, a custom domain without the old IP, and
  // outbound servers (old + another).
  void SeedTypical() {
    vendor_.AddRoute("", kOld, 25, "primary");
    vendor_.AddRoute("", "192.0.2.50", 25, "failover");
    vendor_.SetDomain("a.example.jp", "custom");
    vendor_.AddRoute("a.example.jp", "192.0.2.60", 25, "primary");
    vendor_.AddRoute("a.example.jp", kOld, 2525, "failover");
    vendor_.SetDomain("b.example.jp", "default");
    vendor_.SetDomain("c.example.jp", "custom");
    vendor_.AddRoute("c.example.jp", "192.0.2.70", 25, "primary");
    vendor_.AddOutbound(kOld, "web01");
    vendor_.AddOutbound("192.0.2.80", "office");
  }

  // An account with named routes: the old IP a failover behind another
  // primary with an archive failover after it, held by two named routes
  // (with others, and alone); a custom domain whose only route is the old
  // IP; the old IP as outbound server.
  void SeedNamed() {
    const std::string primary =
        vendor_.AddRoute("", "192.0.2.10", 25, "primary");
    const std::string old_id = vendor_.AddRoute("", kOld, 25, "failover");
    const std::string archive =
        vendor_.AddRoute("", "192.0.2.11", 25, "failover");
    vendor_.AddNamedRoute("dp-relay", {primary, old_id, archive});
    vendor_.AddNamedRoute("dp-archive", {old_id});
    vendor_.AddNamedRoute("dp-hr", {primary});
    vendor_.SetDomain("x.example.jp", "custom");
    vendor_.AddRoute("x.example.jp", kOld, 25, "primary");
    vendor_.AddOutbound(kOld, "web01");
  }

  AccountState StateNow() {
    auto a = NewAdapter();
    auto d = a->Discover(ctx_.target);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->state : AccountState::kMissing;
  }

  // The vendor state with routes sorted: for comparisons where order is
  // not restorable through the API (rollback of cutover).
  nlohmann::json SortedDump() {
    nlohmann::json d = vendor_.Dump();
    for (auto& [key, value] : d.items()) {
      std::vector<nlohmann::json> items(value.begin(), value.end());
      std::sort(items.begin(), items.end(),
                [](const nlohmann::json& a, const nlohmann::json& b) {
                  return a.dump() < b.dump();
                });
      value = items;
    }
    return d;
  }

  // The vendor state with routes and named routes in order; outbound
  // servers sorted (a set of allowed sources: the API has no order for
  // them, and a re-added one comes last).
  nlohmann::json StateDump() {
    nlohmann::json d = vendor_.Dump();
    std::vector<nlohmann::json> servers(d["outbound"].begin(),
                                        d["outbound"].end());
    std::sort(servers.begin(), servers.end(),
              [](const nlohmann::json& a, const nlohmann::json& b) {
                return a.dump() < b.dump();
              });
    d["outbound"] = servers;
    return d;
  }

  // Every collection has a primary and no address appears twice; every
  // named route holds at least one route, each once.
  void ExpectSane() {
    nlohmann::json d = vendor_.Dump();
    for (auto& [key, value] : d.items()) {
      if (key == "outbound") {
        EXPECT_FALSE(value.empty()) << "no outbound server left";
        continue;
      }
      if (key.rfind("named:", 0) == 0) {
        EXPECT_FALSE(value.empty()) << key << " is empty";
        std::set<std::string> held;
        for (const auto& a : value)
          EXPECT_TRUE(held.insert(a.get<std::string>()).second)
              << key << " holds a route twice: " << value.dump();
        continue;
      }
      if (value.empty()) continue;
      std::set<std::string> seen;
      bool primary = false;
      for (const auto& r : value) {
        EXPECT_TRUE(seen.insert(r["address"].get<std::string>()).second)
            << "duplicate route in " << key << ": " << value.dump();
        primary = primary || r["role"] == "primary";
      }
      EXPECT_TRUE(primary) << "no primary in " << key << ": " << value.dump();
    }
  }

  FakeClock clock_;
  FakeEssVendor vendor_;
  FakeResolver resolver_;
  FakeRandom random_;
  Credentials creds_;
  AdapterDeps deps_;
  PhaseContext ctx_;
};

class EssWorld : public ::testing::Test, public EssWorldState {};

}  // namespace ess_test
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_TEST_WORLD_H_
