// The simulated CDN world built from the shared customer list.
//
// Deterministic: the same customers give byte-identical state. Every
// customer holding "cdn" gets an Account (its api_token with scope "global",
// plus a derived read-only "global:read" token, both of one user) and one
// to three services. The shape of a customer's services is chosen by its
// rank among the CDN customers (0, 1, 2, ...) modulo kShapeCount (8) — see
// README.md "Seeded shapes" — so that a world of 12 customers holds every
// case: one origin; a director with quorum 75; auto-balanced site and
// images origins; request conditions and a shielded origin; a service named
// "Production" whose site is only in its domains; a service at its backend
// limit; the old IP hidden in VCL, a snippet and a pool; Compute services;
// a customer's draft; a version locked without being activated. IPv6
// customers get the same shapes with IPv6 addresses.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/cdn/simulator/model.h"
#include "src/sim/world.h"

namespace renumber::cdnsim {

struct CdnWorld {
  std::vector<Account> accounts;
  std::vector<Service> services;  // in customer order
};

CdnWorld SeedCdnWorld(const std::vector<SimCustomer>& customers);

// 22 base62 characters derived from `key` (Fastly-style ids).
std::string Base62Id(const std::string& key);

// The read-only token seeded for a customer whose write token is `token`.
std::string ReadOnlyTokenFor(const std::string& token);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_H_
