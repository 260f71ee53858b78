// The simulated world's domains as a preflight DomainSource (SimDomains of
// dns_world.h): ESS accounts their mail domain, CDN accounts their web
// domain; kNotFound for an account the world does not have. Thread-safe.
#ifndef RENUMBER_SIM_SIM_DOMAIN_SOURCE_H_
#define RENUMBER_SIM_SIM_DOMAIN_SOURCE_H_

#include <memory>
#include <vector>

#include "src/preflight/domain_source.h"
#include "src/sim/world.h"

namespace renumber {

std::unique_ptr<DomainSource> NewSimWorldDomainSource(
    std::vector<SimCustomer> customers);

}  // namespace renumber

#endif  // RENUMBER_SIM_SIM_DOMAIN_SOURCE_H_
