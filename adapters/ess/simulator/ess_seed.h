// Seeds the ESS simulator's accounts from the simulated customers, one
// account per customer holding "ess". Deterministic: the same customers and
// `now` give the same accounts (ids, ETags, checks). Shapes by customer
// index are listed in README.md.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SEED_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SEED_H_

#include <vector>

#include "adapters/ess/simulator/ess_model.h"
#include "src/core/time.h"
#include "src/sim/world.h"

namespace renumber::ess_sim {

std::vector<Account> SeedAccounts(const std::vector<SimCustomer>& customers,
                                  Timestamp now);

// The read-only (non-administrator) user seeded in every account.
std::string ViewerUsername(const SimCustomer& customer);
std::string ViewerPassword(const SimCustomer& customer);

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SEED_H_
