// The ESS simulator as the simulator framework sees it: its factory and its
// SimVendorSpec (src/sim/sim_vendor.h), listed in adapters/sim_vendors.cc.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_VENDOR_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_VENDOR_H_

#include <memory>
#include <vector>

#include "src/core/time.h"
#include "src/sim/sim_api.h"
#include "src/sim/sim_vendor.h"
#include "src/sim/world.h"

namespace renumber {

// The ESS management API of docs/ess-contract.md, seeded with an account
// for every customer holding "ess". `clock` (not owned) drives check times
// and rate-limit windows.
std::unique_ptr<SimApi> NewEssSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock);

SimVendorSpec EssSimVendor();

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_SIM_VENDOR_H_
