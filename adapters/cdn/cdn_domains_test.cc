// ActiveDomains: each active version's names, lower case without the
// trailing dot, in service order, once each; no names from a service
// without an active version, none that is no domain name.
#include "adapters/cdn/cdn_domains.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

ServiceSnapshot Service(int active, std::vector<std::string> domains) {
  ServiceSnapshot s;
  s.id = "sid" + std::to_string(active);
  s.details.active = active;
  s.active.domains = std::move(domains);
  return s;
}

TEST(CdnActiveDomainsTest, NormalizedInServiceOrderWithoutDuplicates) {
  const std::vector<ServiceSnapshot> services = {
      Service(2, {"WWW.Example.JP.", "example.jp"}),
      Service(0, {"draft-only.example.jp"}),  // never activated
      Service(5, {"www.example.jp", "shop.example.jp", "not a name!"}),
  };
  EXPECT_EQ(ActiveDomains(services),
            (std::vector<std::string>{"www.example.jp", "example.jp",
                                      "shop.example.jp"}));
}

TEST(CdnActiveDomainsTest, NoServicesNoDomains) {
  EXPECT_TRUE(ActiveDomains({}).empty());
  EXPECT_TRUE(ActiveDomains({Service(1, {})}).empty());
}

}  // namespace
}  // namespace renumber::cdn
