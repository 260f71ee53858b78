#include "src/sim/sim_domain_source.h"

#include "src/sim/dns_world.h"

namespace renumber {
namespace {

class SimWorldDomainSource : public DomainSource {
 public:
  explicit SimWorldDomainSource(std::vector<SimCustomer> customers)
      : customers_(std::move(customers)) {}

  Result<std::vector<std::string>> Domains(const AccountKey& account) override {
    const bool ess = account.service == Service::kEss;
    for (const SimCustomer& c : customers_)
      if (c.id == account.customer && (ess ? c.has_ess : c.has_cdn))
        return SimDomains(c, ess);
    return Status::NotFound("the simulated world has no account " +
                            account.ToString());
  }

 private:
  const std::vector<SimCustomer> customers_;
};

}  // namespace

std::unique_ptr<DomainSource> NewSimWorldDomainSource(
    std::vector<SimCustomer> customers) {
  return std::make_unique<SimWorldDomainSource>(std::move(customers));
}

}  // namespace renumber
