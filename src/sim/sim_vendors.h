// The vendor simulators, one SimVendorSpec each (sim_vendor.h), in the
// services' registration order. Defined by the one list,
// adapters/sim_vendors.cc (library renumber_sim_vendors).
#ifndef RENUMBER_SIM_SIM_VENDORS_H_
#define RENUMBER_SIM_SIM_VENDORS_H_

#include <string>
#include <vector>

#include "src/sim/sim_vendor.h"
#include "src/sim/world.h"

namespace renumber {

const std::vector<SimVendorSpec>& SimVendors();
// The spec simulating `service`; nullptr when none does.
const SimVendorSpec* FindSimVendor(const std::string& service);
// SeedCustomers (world.h) over every vendor simulator.
std::vector<SimCustomer> SeedCustomers(int n,
                                       const std::string& maintenance_end);

}  // namespace renumber

#endif  // RENUMBER_SIM_SIM_VENDORS_H_
