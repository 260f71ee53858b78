// The one list of vendors, as services: one line per vendor. The order is
// the order accounts of one customer are listed in. A vendor's adapter
// factory is listed beside it in registry.cc, its simulator in
// src/sim/simulators.cc.
#include "adapters/services.h"

namespace renumber {

const std::vector<ServiceSpec>& BuiltinServiceSpecs() {
  static const auto* kSpecs = new std::vector<ServiceSpec>{
      EssServiceSpec(),
      CdnServiceSpec(),
  };
  return *kSpecs;
}

}  // namespace renumber
