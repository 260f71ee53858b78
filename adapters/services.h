// Each vendor folder's ServiceSpec (its name and credential fields), listed
// by adapters/services.cc as BuiltinServiceSpecs (src/model/service.h).
// A small library of data only, so that the model can link it without the
// adapters.
#ifndef RENUMBER_ADAPTERS_SERVICES_H_
#define RENUMBER_ADAPTERS_SERVICES_H_

#include "src/model/service.h"

namespace renumber {

ServiceSpec EssServiceSpec();  // adapters/ess/ess_service.cc
ServiceSpec CdnServiceSpec();  // adapters/cdn/cdn_service.cc

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_SERVICES_H_
