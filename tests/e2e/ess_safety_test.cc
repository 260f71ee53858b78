// The ESS migration is safe for mail at every moment, by the simulator's
// delivery model and its history of every write (GET /_sim/delivery), for
// every seeded account shape, through the real binary (prepare, cutover):
// - once prepare has run, with the old server down — and everything the old
//   one stood behind down too, so that it would have been the one getting
//   the mail — mail for every domain, the default routes and every named
//   route holding the old route reaches the new server, and nothing else;
// - before cut over, mail never reaches the new server while the old one is
//   up (not even with every other server down);
// - no named route is ever empty, no collection is left without a primary;
// - nothing but the old and new routes ever changes (ids, ports, roles and
//   the order of the untouched routes included), and after cut over the new
//   route stands exactly where the old one stood.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/e2e/e2e_env.h"
#include "tests/e2e/safety_checks.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// The servers the old route stands behind in `via` (it got mail only while
// they were down): other primaries beside an old primary; the primaries
// and earlier failovers before an old failover; earlier routes of a named
// route. Empty optional when `via` does not hold the old route.
std::optional<std::set<std::string>> Ahead(const json& entries,
                                           const std::string& old_ip,
                                           bool named) {
  const json* old = nullptr;
  for (const json& e : entries)
    if (e["address"] == old_ip) old = &e;
  if (!old) return std::nullopt;
  const bool old_primary = !named && (*old)["role"] == "primary";
  std::set<std::string> ahead;
  for (const json& e : entries) {
    if (e["address"] == old_ip) {
      if (!old_primary) break;  // what comes after does not matter
      continue;
    }
    if (e["address"].is_null()) continue;
    // Primaries share the mail with an old primary and stand before an old
    // failover; earlier failovers, and earlier routes of a named route,
    // stand before it.
    if (named || e["role"] == "primary" || !old_primary)
      ahead.insert(e["address"].get<std::string>());
  }
  return ahead;
}

class EssSafetyE2eTest : public ::testing::Test {
 protected:
  // Every ESS account of SeedCustomers(8): the old IP the only primary;
  // held alone by a named route, with 105 domains and custom domains with
  // and without a backup; beside a second primary and a backup failover,
  // in a named route with another; a backup of a host-name primary, last
  // in a named route; IPv6; a backup of an IP primary with an archive
  // after it, in the middle of a named route, with a CIDR outbound entry.
  EssSafetyE2eTest() : env_(Customers(8)) {
    for (const SimCustomer& c : env_.cluster()->customers())
      if (c.Has("ess")) ess_.push_back(c);
    args_ = {"--yes"};
    for (const SimCustomer& c : ess_)
      args_.insert(args_.end(), {"--only", c.id + "/ess"});
  }

  // Checks every moment from `from` on: with `down` down, each of `vias`
  // delivers to the new IP and nowhere else.
  void ExpectNewGetsTheMail(const SimCustomer& c,
                            const std::set<std::string>& down,
                            const std::vector<Via>& vias, size_t from) {
    const json answer = env_.EssDelivery(
        c.id, std::vector<std::string>(down.begin(), down.end()));
    const json& history = answer["history"];
    ASSERT_GT(history.size(), from);
    for (size_t m = from; m < history.size(); ++m)
      for (const Via& via : vias)
        EXPECT_EQ(To(history[m], via), json({c.new_ip}))
            << c.id << " " << via.Text() << " at moment " << m << " ("
            << history[m]["write"] << ") with down " << json(down).dump();
  }

  E2eEnv env_;
  std::vector<SimCustomer> ess_;
  std::vector<std::string> args_;
};

TEST_F(EssSafetyE2eTest, MailIsSafeAtEveryMomentOfEveryShape) {
  ASSERT_EQ(ess_.size(), 6u);
  std::map<std::string, json> seeded;
  for (const SimCustomer& c : ess_)
    seeded[c.id] = env_.EssDelivery(c.id)["history"][0];

  RunResult prep = env_.Renumber("prepare", args_);
  ASSERT_EQ(prep.exit_code, 0) << prep.err;
  std::map<std::string, size_t> prepared;  // moments up to the end of prepare
  for (const SimCustomer& c : ess_)
    prepared[c.id] = env_.EssDelivery(c.id)["history"].size();
  RunResult cut = env_.Renumber("cutover", args_);
  ASSERT_EQ(cut.exit_code, 0) << cut.err;

  int named_checked = 0, behind_checked = 0;
  for (const SimCustomer& c : ess_) {
    SCOPED_TRACE(c.id);
    const json& start = seeded[c.id];
    const size_t p = prepared[c.id];
    ASSERT_GT(p, 1u) << "prepare wrote nothing";

    // With the old server and what it stood behind down: the new server.
    std::map<std::set<std::string>, std::vector<Via>> by_down;
    std::set<std::string> everyone;  // every address ever routed to
    for (const Via& via : AllVias(start)) {
      for (const json& e : Entries(start, via))
        if (!e["address"].is_null()) everyone.insert(e["address"]);
      auto ahead = Ahead(Entries(start, via), c.old_ip, via.kind == "named");
      if (!ahead) continue;
      ahead->insert(c.old_ip);
      by_down[*ahead].push_back(via);
      named_checked += via.kind == "named";
      behind_checked += ahead->size() > 1;
    }
    ASSERT_FALSE(by_down.empty());
    for (const auto& [down, vias] : by_down)
      ExpectNewGetsTheMail(c, down, vias, p - 1);

    // Before cut over, never the new server while the old one is up (with
    // nothing down, and with every other server down); at every moment no
    // empty named route, a primary in every collection, the old route
    // replaced only by the new one, nothing else changed (safety_checks.h).
    everyone.erase(c.old_ip);
    everyone.erase(c.new_ip);
    const json history = env_.EssDelivery(c.id)["history"];
    const json others_down =
        env_.EssDelivery(c.id, {everyone.begin(), everyone.end()})["history"];
    EXPECT_EQ(MailSafetyViolations(history, others_down, c.old_ip, c.new_ip, p),
              "");
    // After cut over the new route stands where the old one stood, with its
    // port and role.
    const json& end = history.back();
    for (const Via& via : AllVias(start)) {
      json want = Entries(start, via), got = Entries(end, via);
      ASSERT_EQ(want.size(), got.size()) << via.Text();
      for (size_t i = 0; i < want.size(); ++i) {
        want[i].erase("id");
        got[i].erase("id");
        if (want[i]["address"] == c.old_ip) want[i]["address"] = c.new_ip;
      }
      EXPECT_EQ(got, want) << via.Text();
    }
  }
  // The shapes that matter were there.
  EXPECT_GE(named_checked, 4);
  EXPECT_GE(behind_checked, 3);
}

}  // namespace
}  // namespace renumber
