// The ESS adapter over real HTTP against the ESS simulator, for every
// account shape the simulator seeds: prepare, cutover, re-runs, verify and
// both rollbacks, with the writes counted by the simulator.
#include <gtest/gtest.h>

#include <iostream>

#include "adapters/ess/ess_sim_fixture.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

bool Is(const json& address, const IpAddress& ip) {
  auto parsed = IpAddress::Parse(address.get<std::string>());
  return parsed.ok() && *parsed == ip;
}

// Writes each phase should take, from the simulator's state before prepare
// (README.md "Phases and writes"; new routes start unchecked). The order
// rule (ess_placement.h) adds a move where adding last does not put the new
// route in place, and named routes add one write per named route holding
// the old default route.
struct Expected {
  int prepare = 0, cutover = 0, rollback_prepare = 0, rollback_cutover = 0;
  int routes = 0;  // collections holding the old IP (one check each)
};

// How many named routes of `account` hold route `id`.
int NamedHolding(const json& account, const std::string& id) {
  int n = 0;
  for (const json& named : account["named_routes"]["named_routes"])
    for (const json& held : named["routes"]) n += held == id;
  return n;
}

Expected ExpectedWrites(const json& account, const Target& t) {
  Expected e;
  const auto collections = EssSimTest::Collections(account);
  for (size_t i = 0; i < collections.size(); ++i) {
    const json& routes = collections[i];
    int primaries = 0, failovers = 0;
    for (const json& r : routes)
      (r["role"] == "primary" ? primaries : failovers)++;
    int primary_pos = 0, failover_pos = 0;
    for (const json& r : routes) {
      const bool primary = r["role"] == "primary";
      primary ? ++primary_pos : ++failover_pos;
      if (!Is(r["address"], t.old_ip)) continue;
      const int named = i == 0 ? NamedHolding(account, r["id"]) : 0;
      // Added last among the failovers: in place when no failover is
      // there (old primary) or the old one is the last failover.
      const bool prepare_move =
          primary ? failovers > 0 : failover_pos < failovers;
      e.routes += 1;
      e.prepare += 1 + prepare_move + named;
      // [check] + [promote + move unless the old one is the first
      // primary] + leaves + delete.
      e.cutover += primary ? 3 + (primary_pos > 1) : 2;
      e.cutover += named;
      e.rollback_prepare += 1 + named;
      // re-add + move (a primary: unless it was the last one) + [demote]
      // + rejoins.
      e.rollback_cutover += primary ? 2 + (primary_pos < primaries) : 2;
      e.rollback_cutover += named;
    }
  }
  bool exact = false, cidr = false;
  for (const json& o : account["outbound"]["servers"]) {
    const std::string a = o["address"];
    exact = exact || Is(o["address"], t.old_ip);
    auto block = Cidr::Parse(a);
    cidr = cidr || (block.ok() && block->Contains(t.old_ip));
  }
  if (exact || cidr) e.prepare += 1, e.rollback_prepare += 1;
  if (exact) e.cutover += 1, e.rollback_cutover += 1;
  return e;
}

class EssSimFlowTest : public EssSimTest {
 protected:
  // Runs a phase and checks the simulator saw exactly `expected` writes
  // for this account, then that running it again writes nothing.
  json RunCounted(const SimCustomer& c, Phase phase, const PhaseContext& ctx,
                  int expected) {
    const int64_t before = Writes(c);
    const int64_t requests = Requests(c);
    auto run = RunPhase(AdapterFor(c).get(), phase, ctx);
    std::cout << "[ess-sim] " << c.id << " " << PhaseName(phase) << ": "
              << Writes(c) - before << " writes, " << Requests(c) - requests
              << " requests\n";
    EXPECT_TRUE(run.ok()) << c.id << " " << PhaseName(phase) << ": "
                          << run.status().ToString();
    if (!run.ok()) return json::array();
    EXPECT_EQ(Writes(c) - before, expected) << c.id << " " << PhaseName(phase);
    EXPECT_EQ(run->writes, expected) << c.id << " " << PhaseName(phase);
    const int64_t after = Writes(c);
    auto again = RunPhase(AdapterFor(c).get(), phase, ctx);
    EXPECT_TRUE(again.ok()) << again.status().ToString();
    if (again.ok()) {
      EXPECT_TRUE(again->plan.changes.empty()) << c.id;
    }
    EXPECT_EQ(Writes(c), after)
        << c.id << " " << PhaseName(phase) << " again wrote";
    ExpectNoCollectionWithoutPrimary(SimAccount(c));
    return run->records;
  }
  int64_t Requests(const SimCustomer& c) const {
    nlohmann::json j = host_->Counters();
    return j["by_account"].value(c.id, int64_t{0});
  }
  AccountState StateOf(const SimCustomer& c, const PhaseContext& ctx) {
    auto d = AdapterFor(c)->Discover(ctx.target);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->state : AccountState::kMissing;
  }
  // The host-name route of the seeded shape 4 resolves to the old IP.
  void MapHostNames(const SimCustomer& c) {
    resolver_.Set("mail.c" + c.id.substr(2) + ".example.jp",
                  {IpAddress::Parse(c.old_ip).value()});
  }
};

TEST_F(EssSimFlowTest, EveryShapePreparesAndCutsOverExactly) {
  Expected total;
  int accounts = 0, dns = 0;
  for (const SimCustomer& c : EssCustomers()) {
    SCOPED_TRACE(c.id);
    MapHostNames(c);
    PhaseContext ctx = ContextFor(c);
    const json start = SimAccount(c);
    const Expected e = ExpectedWrites(start, ctx.target);
    ASSERT_GT(e.prepare, 0);
    auto d = AdapterFor(c)->Discover(ctx.target);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->state, AccountState::kNotStarted);
    for (const Finding& f : d->findings)
      dns += f.kind == Finding::Kind::kDnsDependent;

    RunCounted(c, Phase::kPrepare, ctx, e.prepare);
    EXPECT_EQ(StateOf(c, ctx), AccountState::kPrepared);
    auto v = AdapterFor(c)->Verify(ctx.target, false);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->new_side_verified);  // twins not checked yet

    RunCounted(c, Phase::kCutover, ctx, e.cutover);
    EXPECT_EQ(StateOf(c, ctx), AccountState::kCutOver);
    v = AdapterFor(c)->Verify(ctx.target, true);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->new_side_verified);

    // Each old route's role, port and place now belong to its twin;
    // everything else (host names, other servers, CIDR blocks, the order of
    // untouched routes) is as it was.
    const json end = SimAccount(c);
    const auto before = Collections(start), after = Collections(end);
    ASSERT_EQ(before.size(), after.size());
    for (size_t i = 0; i < before.size(); ++i) {
      json expect = json::array(), got = json::array();
      for (const json& r : before[i]) {
        json k = {{"address", r["address"]},
                  {"port", r["port"]},
                  {"role", r["role"]}};
        if (Is(r["address"], ctx.target.old_ip)) k["address"] = c.new_ip;
        expect.push_back(k);
      }
      for (const json& r : after[i])
        got.push_back({{"address", r["address"]},
                       {"port", r["port"]},
                       {"role", r["role"]}});
      // In order: the new route took the old one's place.
      EXPECT_EQ(got, expect);
    }
    // Every named route holds the new route where it held the old one.
    json named_expect = Relevant(start, {"address"}, false);
    for (auto& [key, list] : named_expect.items()) {
      if (key.rfind("named:", 0) != 0) continue;
      for (json& a : list)
        if (Is(a, ctx.target.old_ip)) a = c.new_ip;
      EXPECT_EQ(Relevant(end, {"address"}, false)[key], list) << key;
    }
    total.prepare += e.prepare;
    total.cutover += e.cutover;
    ++accounts;
  }
  std::cout << "[ess-sim] " << accounts << " accounts: prepare "
            << total.prepare << " writes, cutover " << total.cutover
            << " writes, " << dns << " dns-dependent findings\n";
  EXPECT_GT(dns, 0);
}

TEST_F(EssSimFlowTest, RollbackOfPrepareRestoresThePriorState) {
  const std::vector<std::string> all = {"id",   "address",    "port",
                                        "role", "last_check", "note"};
  for (const SimCustomer& c : EssCustomers()) {
    SCOPED_TRACE(c.id);
    PhaseContext ctx = ContextFor(c);
    const json start = SimAccount(c);
    const Expected e = ExpectedWrites(start, ctx.target);
    json records = RunCounted(c, Phase::kPrepare, ctx, e.prepare);
    PhaseContext rb = ctx;
    rb.history = records;
    RunCounted(c, Phase::kRollbackPrepare, rb, e.rollback_prepare);
    EXPECT_EQ(Relevant(SimAccount(c), all, false), Relevant(start, all, false));
    EXPECT_EQ(StateOf(c, ctx), AccountState::kNotStarted);
  }
}

TEST_F(EssSimFlowTest, RollbackOfCutoverRestoresThePreparedState) {
  const std::vector<std::string> roles = {"address", "port", "role", "note"};
  for (const SimCustomer& c : EssCustomers()) {
    SCOPED_TRACE(c.id);
    PhaseContext ctx = ContextFor(c);
    const Expected e = ExpectedWrites(SimAccount(c), ctx.target);
    RunCounted(c, Phase::kPrepare, ctx, e.prepare);
    const json prepared = SimAccount(c);
    json records = RunCounted(c, Phase::kCutover, ctx, e.cutover);
    PhaseContext rb = ctx;
    rb.history = records;
    RunCounted(c, Phase::kRollbackCutover, rb, e.rollback_cutover);
    EXPECT_EQ(Relevant(SimAccount(c), roles, true),
              Relevant(prepared, roles, true));
    EXPECT_EQ(StateOf(c, ctx), AccountState::kPrepared);
    // And cut over again: the twins' checks are still fresh, so no check.
    RunCounted(c, Phase::kCutover, ctx, e.cutover - e.routes);
    EXPECT_EQ(StateOf(c, ctx), AccountState::kCutOver);
  }
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
