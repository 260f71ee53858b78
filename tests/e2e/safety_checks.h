// The safety rules of docs/design.md, checked on the simulators' histories
// (the ESS delivery model, GET /_sim/delivery; the CDN activation history
// with its routing model, the state's "history"): whatever ran — crashes,
// faults, rollbacks — mail and web traffic were never lost and never reached
// the new server before the cut over.
//
// Each check returns the broken rules as lines ("" when none), so that a
// caller can name its seed and schedule beside them. Pure functions of the
// JSON they are given; thread-safe.
#ifndef RENUMBER_TESTS_E2E_SAFETY_CHECKS_H_
#define RENUMBER_TESTS_E2E_SAFETY_CHECKS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

namespace renumber {

// One thing mail is delivered through: a collection (the default routes or
// a custom domain's) or a named route.
struct Via {
  std::string kind;  // "default", "custom", "named"
  std::string name;  // domain or named route ("" for the default routes)

  bool operator<(const Via& o) const {
    return std::tie(kind, name) < std::tie(o.kind, o.name);
  }
  std::string Text() const { return kind + (name.empty() ? "" : " " + name); }
};

// The entries of `via` in a delivery moment's "routes": route objects of a
// collection, or {"id","address"} of a named route (null when absent).
nlohmann::json Entries(const nlohmann::json& moment, const Via& via);
// Where mail for `via` goes in a moment's "delivery".
nlohmann::json To(const nlohmann::json& moment, const Via& via);
// Every collection and named route of a moment.
std::vector<Via> AllVias(const nlohmann::json& moment);
// `entries` without the routes to the old and new IPs: what must never
// change.
nlohmann::json Untouched(const nlohmann::json& entries,
                         const std::string& old_ip, const std::string& new_ip);

// ESS: `history` is the account's delivery history with nothing down,
// `history_others_down` the same with every server but old and new down.
// Rules, at every moment:
// - every collection and named route of the first moment still exists; a
//   named route is never empty, a non-empty collection always has a
//   primary;
// - one that held the old route holds the old or the new one;
// - nothing but the old and new routes ever changed;
// - before moment `cutover_from` (the first one the cut over wrote), the
//   new server gets no mail while the old one is up: with nothing down and
//   with every other server down.
std::string MailSafetyViolations(const nlohmann::json& history,
                                 const nlohmann::json& history_others_down,
                                 const std::string& old_ip,
                                 const std::string& new_ip,
                                 size_t cutover_from);

// CDN: `activations` is the simulator's activation history (every
// service's), `services` the ids of one account's services. Rules, for each
// activation of those services:
// - before sequence number `cutover_from_seq` (the first activation of the
//   cut over; a larger number than any when it has not run), no request
//   could reach the new address;
// - a service whose previous version could reach the old or the new
//   address still reaches one of them (no site is left without its
//   origin).
std::string OriginSafetyViolations(const nlohmann::json& activations,
                                   const std::vector<std::string>& services,
                                   const std::string& old_ip,
                                   const std::string& new_ip,
                                   long cutover_from_seq);

}  // namespace renumber

#endif  // RENUMBER_TESTS_E2E_SAFETY_CHECKS_H_
