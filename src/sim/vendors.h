// Factories of the two vendor simulators (defined in
// adapters/<vendor>/simulator/). The cluster seeds them from one customer
// list; `clock` (not owned) drives check times and rate-limit windows.
#ifndef RENUMBER_SIM_VENDORS_H_
#define RENUMBER_SIM_VENDORS_H_

#include <memory>
#include <vector>

#include "src/core/time.h"
#include "src/sim/sim_api.h"
#include "src/sim/world.h"

namespace renumber {

std::unique_ptr<SimApi> NewEssSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock);
std::unique_ptr<SimApi> NewCdnSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock);

}  // namespace renumber

#endif  // RENUMBER_SIM_VENDORS_H_
