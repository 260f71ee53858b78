// The CDN simulator as the simulator framework sees it: its factory and its
// SimVendorSpec (src/sim/sim_vendor.h), listed in adapters/sim_vendors.cc.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_CDN_SIM_VENDOR_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_CDN_SIM_VENDOR_H_

#include <memory>
#include <vector>

#include "src/core/time.h"
#include "src/sim/sim_api.h"
#include "src/sim/sim_vendor.h"
#include "src/sim/world.h"

namespace renumber {

// The ZenlogicCDN management API of docs/cdn-contract.md, seeded with the
// services of every customer holding "cdn". `clock` (not owned) drives
// rate-limit windows.
std::unique_ptr<SimApi> NewCdnSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock);

SimVendorSpec CdnSimVendor();

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_CDN_SIM_VENDOR_H_
