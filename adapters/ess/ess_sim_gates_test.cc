// Over real HTTP against the ESS simulator: an old route is never removed
// while its replacement is missing or unverified, no collection is left
// without a primary, and a crash anywhere in a phase resumes to the state
// of a clean run with no duplicate.
#include <gtest/gtest.h>

#include "adapters/ess/ess_sim_fixture.h"
#include "src/sim/test_client.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

class EssSimGatesTest : public EssSimTest {
 protected:
  // The customer with the fewest collections holding the old IP, two at
  // least (the default routes and a custom domain).
  SimCustomer WithCustomDomain() {
    const SimCustomer* best = nullptr;
    int best_n = 0;
    const std::vector<SimCustomer> all = EssCustomers();
    for (const SimCustomer& c : all) {
      int n = 0;
      const IpAddress old = IpAddress::Parse(c.old_ip).value();
      for (const json& routes : Collections(SimAccount(c)))
        for (const json& r : routes) {
          auto ip = IpAddress::Parse(r["address"].get<std::string>());
          n += ip.ok() && *ip == old;
        }
      if (n >= 2 && (!best || n < best_n)) best = &c, best_n = n;
    }
    if (!best) ADD_FAILURE() << "no seeded account with the old IP twice";
    return best ? *best : all.at(0);
  }
  Result<RunResult> Run(const SimCustomer& c, Phase p, json history = {}) {
    PhaseContext ctx = ContextFor(c);
    if (history.is_array()) ctx.history = history;
    return RunPhase(AdapterFor(c).get(), p, ctx);
  }
  int Deletions(const SimCustomer& c) {
    int n = 0;
    const json account = SimAccount(c);
    for (const json& e : account["change_log"]) n += e["action"] == "delete";
    return n;
  }
};

TEST_F(EssSimGatesTest, FailedCheckRemovesNothing) {
  const SimCustomer c = WithCustomDomain();
  ASSERT_TRUE(Run(c, Phase::kPrepare).ok());
  const json prepared = SimAccount(c);
  ASSERT_TRUE(host_->api()->Configure({{"check_outcome", "FAIL"}}).ok());
  const int64_t writes = Writes(c);
  auto cut = Run(c, Phase::kCutover);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(cut.status().message().find("gave FAIL"), std::string::npos)
      << cut.status().message();
  EXPECT_EQ(Writes(c) - writes, 1);  // the check, nothing else
  EXPECT_EQ(Deletions(c), 0);
  EXPECT_EQ(Relevant(SimAccount(c), {"id", "address", "port", "role"}, false),
            Relevant(prepared, {"id", "address", "port", "role"}, false));
  ASSERT_TRUE(host_->api()->Configure({{"check_outcome", "PASS"}}).ok());
  ASSERT_TRUE(Run(c, Phase::kCutover).ok());
}

TEST_F(EssSimGatesTest, OldRouteStaysWhileItsTwinIsMissing) {
  const SimCustomer c = WithCustomDomain();
  ASSERT_TRUE(Run(c, Phase::kPrepare).ok());
  // The customer deletes the twin in the default routes in the console.
  json routes = SimAccount(c)["default_routes"]["routes"];
  std::string twin;
  for (const json& r : routes)
    if (r["address"] == c.new_ip) twin = r["id"];
  ASSERT_FALSE(twin.empty());
  TestClient console(host_->base_url());
  const auto auth = BasicAuthHeader(c.Credential("ess", "username"),
                                    c.Credential("ess", "password"));
  // Out of the named routes first: the console refuses (IN_USE) otherwise.
  auto named = console.Send("GET", "/v1/named-routes", "", {auth});
  ASSERT_TRUE(named.ok());
  std::string named_etag = named->headers.GetOr("ETag", "");
  int left = 0;
  const json named_routes = BodyJson(*named)["named_routes"];
  for (const json& n : named_routes) {
    if (std::find(n["routes"].begin(), n["routes"].end(), twin) ==
        n["routes"].end())
      continue;
    auto out = console.Send("POST",
                            "/v1/named-routes/" + n["name"].get<std::string>() +
                                "/routes/" + twin + "/remove",
                            "{}", {auth, {"If-Match", named_etag}});
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out->status, 200) << out->body;
    named_etag = out->headers.GetOr("ETag", "");
    ++left;
  }
  EXPECT_GT(left, 0);  // the seeded shape has a named route
  auto got = console.Send("GET", "/v1/inbound-routes", "", {auth});
  ASSERT_TRUE(got.ok());
  auto deleted =
      console.Send("POST", "/v1/inbound-routes/" + twin + "/delete",
                   R"({"reason": "CustomerRequest", "note": "customer test"})",
                   {auth, {"If-Match", got->headers.GetOr("ETag", "")}});
  ASSERT_TRUE(deleted.ok());
  ASSERT_EQ(deleted->status, 200) << deleted->body;

  auto cut = Run(c, Phase::kCutover);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  ASSERT_FALSE(cut->plan.notes.empty());
  EXPECT_NE(cut->plan.notes[0].en.find("run prepare first"), std::string::npos);
  bool old_kept = false;
  const json after = SimAccount(c);
  for (const json& r : after["default_routes"]["routes"])
    old_kept = old_kept || r["address"] == c.old_ip;
  EXPECT_TRUE(old_kept) << after["default_routes"].dump();
  ExpectNoCollectionWithoutPrimary(SimAccount(c));
  // Prepare again adds the twin back; cutover then finishes.
  ASSERT_TRUE(Run(c, Phase::kPrepare).ok());
  ASSERT_TRUE(Run(c, Phase::kCutover).ok());
  auto d = AdapterFor(c)->Discover(ContextFor(c).target);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->state, AccountState::kCutOver);
}

// The lifecycle prepare -> cutover -> rollback cutover -> rollback prepare;
// at each phase, a crash before every change (journaled only, or applied
// with its outcome lost) and a resumed run. A resumed prepare/cutover gets
// the interrupted run's records; a rollback the records of the phase it
// undoes (what the engine's PhaseHistory gives).
TEST_F(EssSimGatesTest, CrashAnywhereResumesLikeACleanRun) {
  const SimCustomer c = WithCustomDomain();
  const std::vector<std::string> fields = {"address", "port", "role", "note"};
  json prepare_records, cutover_records;
  for (Phase phase : {Phase::kPrepare, Phase::kCutover, Phase::kRollbackCutover,
                      Phase::kRollbackPrepare}) {
    const bool rollback =
        phase == Phase::kRollbackCutover || phase == Phase::kRollbackPrepare;
    const json undone = phase == Phase::kRollbackCutover   ? cutover_records
                        : phase == Phase::kRollbackPrepare ? prepare_records
                                                           : json::array();
    const json start = host_->api()->SaveState();
    auto clean = Run(c, phase, undone);
    ASSERT_TRUE(clean.ok()) << clean.status().ToString();
    if (phase == Phase::kPrepare) prepare_records = clean->records;
    if (phase == Phase::kCutover) cutover_records = clean->records;
    const json end = host_->api()->SaveState();
    const json expected = Relevant(SimAccount(c), fields, rollback);
    const int n = static_cast<int>(clean->plan.changes.size());
    ASSERT_GE(n, 2);
    for (int k = 0; k < n; ++k) {
      for (bool applied : {false, true}) {
        SCOPED_TRACE(std::string(PhaseName(phase)) + " k=" + std::to_string(k) +
                     (applied ? " applied" : " intent"));
        ASSERT_TRUE(host_->api()->LoadState(start).ok());
        PhaseContext ctx = ContextFor(c);
        ctx.history = undone;
        auto first =
            RunPhase(AdapterFor(c).get(), phase, ctx, k, true, applied);
        ASSERT_TRUE(first.ok()) << first.status().ToString();
        const json history = rollback ? undone : first->records;
        auto second = Run(c, phase, history);
        ASSERT_TRUE(second.ok()) << second.status().ToString();
        EXPECT_EQ(Relevant(SimAccount(c), fields, rollback), expected);
        ExpectNoCollectionWithoutPrimary(SimAccount(c));
        const int64_t writes = Writes(c);
        auto third = Run(c, phase, history);
        ASSERT_TRUE(third.ok());
        EXPECT_TRUE(third->plan.changes.empty());
        EXPECT_EQ(Writes(c), writes);
      }
    }
    ASSERT_TRUE(host_->api()->LoadState(end).ok());
  }
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
