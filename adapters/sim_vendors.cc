// The one list of vendor simulators (src/sim/sim_vendors.h), in the order
// of adapters/services.cc. A new vendor's simulator adds one line here.
#include "src/sim/sim_vendors.h"

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "adapters/ess/simulator/ess_sim_vendor.h"

namespace renumber {

const std::vector<SimVendorSpec>& SimVendors() {
  static const std::vector<SimVendorSpec> kVendors = {
      EssSimVendor(),
      CdnSimVendor(),
  };
  return kVendors;
}

const SimVendorSpec* FindSimVendor(const std::string& service) {
  for (const SimVendorSpec& v : SimVendors())
    if (v.service == service) return &v;
  return nullptr;
}

std::vector<SimCustomer> SeedCustomers(int n,
                                       const std::string& maintenance_end) {
  return SeedCustomers(n, maintenance_end, SimVendors());
}

}  // namespace renumber
