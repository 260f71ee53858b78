// Test-only: the ESS simulator on a loopback port (seeded customers, a
// FakeClock shared with the adapter and the retrying transport), and what
// the integration tests read from it: the simulator's counters and state.
// The tests never decode the vendor state with adapter code: the expected
// values below are computed from the simulator's own state file format.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_SIM_FIXTURE_H_
#define RENUMBER_ADAPTERS_ESS_ESS_SIM_FIXTURE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "adapters/ess/ess_test_run.h"
#include "adapters/ess/simulator/ess_sim_vendor.h"
#include "adapters/registry.h"
#include "src/http/retry.h"
#include "src/sim/host.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/world.h"

namespace renumber {
namespace ess_test {

class EssSimTest : public ::testing::Test {
 protected:
  static constexpr int kCustomers = 30;

  void SetUp() override {
    InitHttpRuntime(64);
    customers_ = SeedCustomers(kCustomers, "2026-12-10T06:00:00+09:00");
    auto host = StartSimHost(NewEssSimApi(customers_, &clock_), {});
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(host).value();
    wire_ = NewCpprestTransport({});
    transport_ = NewRetryingTransport(wire_.get(), &clock_, &random_);
    deps_ = AdapterDeps{transport_.get(), &clock_, &resolver_, &random_};
  }
  void TearDown() override {
    if (host_) host_->Stop();
  }

  std::vector<SimCustomer> EssCustomers() const {
    std::vector<SimCustomer> out;
    for (const SimCustomer& c : customers_)
      if (c.Has("ess")) out.push_back(c);
    return out;
  }

  Credentials CredsFor(const SimCustomer& c) const {
    Credentials cr;
    cr.account = AccountKey{c.id, Service("ess")};
    cr.api_base = host_->base_url();
    cr.fields["username"] = c.Credential("ess", "username");
    cr.secrets["password"] = Secret(c.Credential("ess", "password"));
    return cr;
  }

  PhaseContext ContextFor(const SimCustomer& c) const {
    PhaseContext ctx;
    ctx.target.account = AccountKey{c.id, Service("ess")};
    ctx.target.old_ip = IpAddress::Parse(c.old_ip).value();
    ctx.target.new_ip = IpAddress::Parse(c.new_ip).value();
    ctx.target.maintenance_end =
        Timestamp::ParseRfc3339(c.maintenance_end).value();
    ctx.target.ticket = c.ticket;
    return ctx;
  }

  std::unique_ptr<Adapter> AdapterFor(const SimCustomer& c) {
    auto a = NewEssAdapter(CredsFor(c), deps_);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return std::move(a).value();
  }

  // Non-GET requests the simulator received for this customer.
  int64_t Writes(const SimCustomer& c) const {
    nlohmann::json j = host_->Counters();
    return j["writes_by_account"].value(c.id, int64_t{0});
  }

  // The customer's account in the simulator's own state format.
  nlohmann::json SimAccount(const SimCustomer& c) const {
    nlohmann::json s = host_->api()->SaveState();
    for (const nlohmann::json& a : s["accounts"])
      if (a["customer"] == c.id) return a;
    ADD_FAILURE() << "no account " << c.id;
    return nlohmann::json();
  }

 public:
  // Every collection's routes (in order), the named routes ("named:<name>":
  // the addresses they hold, in order) and the outbound servers (sorted
  // when `sorted`: a re-added one comes last), keeping `fields`.
  static nlohmann::json Relevant(const nlohmann::json& account,
                                 const std::vector<std::string>& fields,
                                 bool sorted) {
    auto keep = [&](const nlohmann::json& list) {
      std::vector<nlohmann::json> out;
      for (const nlohmann::json& item : list) {
        nlohmann::json k = nlohmann::json::object();
        for (const std::string& f : fields)
          if (item.contains(f)) k[f] = item[f];
        out.push_back(k);
      }
      return out;
    };
    nlohmann::json r;
    r["default"] = keep(account["default_routes"]["routes"]);
    for (const nlohmann::json& d : account["domains"])
      if (d["route_mode"] == "custom")
        r[d["name"].get<std::string>()] = keep(d["routes"]["routes"]);
    std::vector<nlohmann::json> outbound = keep(account["outbound"]["servers"]);
    if (sorted)
      std::sort(
          outbound.begin(), outbound.end(),
          [](const auto& a, const auto& b) { return a.dump() < b.dump(); });
    r["outbound"] = outbound;
    for (const nlohmann::json& n : account["named_routes"]["named_routes"]) {
      nlohmann::json addresses = nlohmann::json::array();
      for (const nlohmann::json& id : n["routes"])
        for (const nlohmann::json& route : account["default_routes"]["routes"])
          if (route["id"] == id) addresses.push_back(route["address"]);
      r["named:" + n["name"].get<std::string>()] = addresses;
    }
    return r;
  }

  // Every route collection of an account as lists of routes (sim format).
  static std::vector<nlohmann::json> Collections(const nlohmann::json& a) {
    std::vector<nlohmann::json> out = {a["default_routes"]["routes"]};
    for (const nlohmann::json& d : a["domains"])
      if (d["route_mode"] == "custom") out.push_back(d["routes"]["routes"]);
    return out;
  }

  // Rule 2: every collection that has routes has a primary; at least one
  // outbound server.
  static void ExpectNoCollectionWithoutPrimary(const nlohmann::json& a) {
    for (const nlohmann::json& routes : Collections(a)) {
      if (routes.empty()) continue;
      bool primary = false;
      for (const auto& r : routes) primary = primary || r["role"] == "primary";
      EXPECT_TRUE(primary) << routes.dump();
    }
    EXPECT_FALSE(a["outbound"]["servers"].empty());
  }

 protected:
  FakeClock clock_;
  FakeRandom random_;
  FakeResolver resolver_;
  std::vector<SimCustomer> customers_;
  std::unique_ptr<SimHost> host_;
  std::unique_ptr<HttpTransport> wire_;
  std::unique_ptr<HttpTransport> transport_;
  AdapterDeps deps_;
};

}  // namespace ess_test
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_SIM_FIXTURE_H_
