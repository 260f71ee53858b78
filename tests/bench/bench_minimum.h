// The minimum number of vendor requests an account of a given shape needs in
// one phase, from the simulators' own state (their /_sim/state JSON: what
// the vendor holds, never what renumber reported), for the campaign
// benchmark (campaign_bench.cc). README.md "Development" states the
// definition in words; in short, per account and phase:
//
//   reads  = learn the state once (the contract's GETs that show every place
//            the old IP can be, each list read once) + one read-back of each
//            object the phase changed
//   writes = the changes the phase applied that write (renumber's --json
//            "applied" entries with "applied" and "wrote"; a validation
//            GET is a change that writes nothing), one write each
//   chain  = the longest sequence of requests that must wait for each other:
//            the depth of the learning reads + the writes + 1 read-back
//
// ESS (docs/ess-contract.md "Calls"): learn = GET /v1/inbound-routes + the
// domain pages (100 a page, at least one) + GET …/domains/{d}/inbound-routes
// per custom-mode domain + GET /v1/named-routes + GET /v1/outbound-servers;
// objects = the default routes, each custom domain's routes, the named
// routes, the outbound list; read depth 2 when the account has a custom
// domain (its name comes from a domain page), else 1.
// CDN (docs/cdn-contract.md "Calls"): learn = the /service pages (100 a
// page, at least one) + per service GET …/details + for its active version
// the 6 lists that can hold the old IP or that the switch must keep
// (domain, backend, director, vcl, snippet, pool; a Compute service: domain,
// backend) + GET …/pool/{id}/servers per pool + the backend list of a staged
// switch (an unlocked version tagged "[renumber-staged "); objects = the
// services whose versions changed; read depth 3 (pages → details → lists), 4
// with a pool.
//
// Pure functions of JSON values; no I/O. Accounts are keyed by customer id
// ("C-10001"), as the simulators' counters key them.
#ifndef RENUMBER_TESTS_BENCH_BENCH_MINIMUM_H_
#define RENUMBER_TESTS_BENCH_BENCH_MINIMUM_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace renumber::bench {

// What an account's state costs to learn, and how deep those reads go.
struct LearnCost {
  long reads = 0;
  int depth = 0;
};

// Per customer id, from the ESS simulator's SaveState().
std::map<std::string, LearnCost> EssLearnCosts(const nlohmann::json& state);
// Per customer id, from the CDN simulator's SaveState().
std::map<std::string, LearnCost> CdnLearnCosts(const nlohmann::json& state);

// Per customer id: how many of its objects differ between the two states
// (one read-back each).
std::map<std::string, long> EssChangedObjects(const nlohmann::json& before,
                                              const nlohmann::json& after);
std::map<std::string, long> CdnChangedObjects(const nlohmann::json& before,
                                              const nlohmann::json& after);

}  // namespace renumber::bench

#endif  // RENUMBER_TESTS_BENCH_BENCH_MINIMUM_H_
