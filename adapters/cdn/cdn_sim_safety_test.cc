// The safety test over every seeded shape, from the simulator's activation
// history and routing model (GET /_sim/activations, /_sim/route):
// - before cut over, no request of any service could reach the new IP
//   (prepare and verify activate nothing);
// - after it, every request that could reach an old address reaches
//   exactly the new one, through the same backend names, directors and
//   conditions (hidden origins — custom VCL, pools — are left as they
//   were, for manual work);
// - no director ever falls below its quorum because of us;
// - nothing outside the old backends' addresses changed: the active
//   versions compared field by field.
#include <gtest/gtest.h>

#include <set>

#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

class CdnSafetyTest : public CdnSimTest {
 protected:
  // The newest history entry of service `sid` (null when none).
  static json Latest(const json& history, const std::string& sid) {
    json found;
    for (const json& a : history)
      if (a["service_id"] == sid) found = a;
    return found;
  }
  static bool Hidden(const std::string& cls) {
    return cls.rfind("vcl:", 0) == 0 || cls.rfind("pool:", 0) == 0 ||
           cls == "compute";
  }
  // `config` with every backend at `from` moved to `to`, without the
  // fields of the version itself.
  static json Moved(json config, const std::string& from,
                    const std::string& to) {
    for (const char* k :
         {"number", "active", "locked", "comment", "created_at", "updated_at"})
      config.erase(k);
    for (json& b : config["backends"])
      if (b["address"] == from) b["address"] = to;
    return config;
  }
};

TEST_F(CdnSafetyTest, EveryShapeMovesOnlyTheAddressesInOneSwitch) {
  for (const SimCustomer* c : CdnCustomers()) {
    const int shape = ShapeOf(*c);
    SCOPED_TRACE(c->id + " shape " + std::to_string(shape));
    const Target t = TargetFor(*c);
    const std::vector<std::string> sids = ServiceIds(*c);
    const json before = Activations();
    SetOrigins(*c, Origins::kBefore);
    auto adapter = NewAdapterFor(*c);
    ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kPrepare).status.ok());
    auto v = adapter->Verify(t, true);
    ASSERT_TRUE(v.ok());
    // Before cut over: nothing was activated, so every request still
    // reaches only what it reached (never the new IP).
    const json prepared = Activations();
    EXPECT_EQ(prepared.size(), before.size());
    for (const json& a : prepared)
      for (const json& address : a["routes"]["addresses"])
        EXPECT_NE(address, c->new_ip) << a.dump();
    for (const std::string& sid : sids)
      EXPECT_EQ(Route(sid)["addresses"],
                Latest(before, sid)["routes"]["addresses"]);

    SetOrigins(*c, Origins::kAfter);
    records_for_gate_ = json::array({v->record});
    ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kCutover).status.ok());
    records_for_gate_ = json::array();
    const json after = Activations();
    int switched = 0;
    for (const std::string& sid : sids) {
      const json seed = Latest(before, sid);
      const json now = Latest(after, sid);
      ASSERT_FALSE(seed.is_null());
      if (now["seq"] == seed["seq"]) {  // not switched: untouched
        EXPECT_EQ(Route(sid)["addresses"], seed["routes"]["addresses"]);
        continue;
      }
      ++switched;
      EXPECT_EQ(now["previous"], seed["version"]);
      EXPECT_NE(now["by"], "console");
      // The same classes of requests, through the same backends.
      const json& was = seed["routes"]["classes"];
      const json& is = now["routes"]["classes"];
      ASSERT_EQ(was.size(), is.size()) << now.dump();
      for (size_t i = 0; i < was.size(); ++i) {
        const std::string cls = was[i]["class"];
        SCOPED_TRACE(sid + " " + cls);
        EXPECT_EQ(is[i]["class"], cls);
        EXPECT_EQ(is[i]["backends"], was[i]["backends"]);
        EXPECT_EQ(is[i]["down"], was[i]["down"]);
        json expected = json::array();
        for (const json& a : was[i]["addresses"])
          expected.push_back(a == c->old_ip && !Hidden(cls) ? json(c->new_ip)
                                                            : a);
        EXPECT_EQ(is[i]["addresses"], expected);
        if (cls.rfind("director:", 0) == 0) {
          // Never below quorum because of us: up with everything up, and
          // up with the old server switched off.
          EXPECT_FALSE(is[i]["down"].get<bool>());
          for (const json& d : now["routes_old_down"]["classes"]) {
            if (d["class"] == cls) {
              EXPECT_FALSE(d["down"].get<bool>());
            }
          }
        }
      }
      // Field by field, only the old backends' addresses changed.
      EXPECT_EQ(Moved(now["config"], "", ""),
                Moved(seed["config"], c->old_ip, c->new_ip));
    }
    EXPECT_EQ(switched, 1);  // the one VCL service with old backends
  }
}

TEST_F(CdnSafetyTest, TheOldServerDownAfterTheSwitchTakesNoDirectorDown) {
  const SimCustomer& c = Customer(1);  // three origins, director quorum 75
  const Target t = TargetFor(c);
  const std::string sid = ServiceIds(c)[0];
  // Before: one origin down takes the director down (2 of 3 < 75%).
  auto pool = [](const json& route) {
    for (const json& cls : route["classes"])
      if (cls["class"] == "director:pool") return cls;
    return json();
  };
  EXPECT_TRUE(pool(Route(sid, "origin_1:down"))["down"].get<bool>());
  SetOrigins(c, Origins::kSynced);
  auto adapter = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kCutover).status.ok());
  // After: every member is at the new IP; the old server being switched
  // off does not touch the director.
  const json after = Activations();
  json ours;
  for (const json& a : after)
    if (a["service_id"] == sid) ours = a;
  for (const json& cls : ours["routes_old_down"]["classes"]) {
    if (cls["class"] == "director:pool") {
      EXPECT_FALSE(cls["down"].get<bool>());
      EXPECT_EQ(cls["healthy_percent"], 100);
    }
  }
  EXPECT_FALSE(pool(Route(sid))["down"].get<bool>());
}

}  // namespace
}  // namespace renumber::cdn
