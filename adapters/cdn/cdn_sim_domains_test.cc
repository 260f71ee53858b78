// The domains a CDN account serves, for preflight (cdn_domains.h), over
// real HTTP against the CDN simulator: listed only when asked (Discover and
// Verify), from each service's active version as the account read fetched
// it (no extra request), the same after a cutover activated the staged
// clone (a clone copies the domains).
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnDomainsTest : public CdnSimTest {
 protected:
  long DomainRequests() {
    return Counters()["by_endpoint"].value(
        "GET /service/{sid}/version/{v}/domain", 0L);
  }
};

TEST_F(CdnDomainsTest, ListedOnlyWhenAskedFromTheActiveVersions) {
  // Shape 7: three services (www, and two Compute services edge-app and
  // edge-static), each serving its own domain; the labels are no domains.
  const SimCustomer& c = Customer(7);
  const Target t = TargetFor(c);
  const std::string site = "c" + c.id.substr(2) + ".example.jp";
  ResetCounters();
  auto plain = NewAdapterFor(c);
  auto d = plain->Discover(t);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->domains.empty());
  // The read itself fetches each active version's domains (the origin
  // probes need them): one GET per service.
  EXPECT_EQ(DomainRequests(), 3);

  ResetCounters();
  auto listing = NewAdapterFor(c, /*list_domains=*/true);
  auto listed = listing->Discover(t);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->domains,
            (std::vector<std::string>{"www." + site, "app." + site,
                                      "static." + site}));
  EXPECT_EQ(DomainRequests(), 3) << "listing them costs no extra GET";
  auto verified = listing->Verify(t, false);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->domains, listed->domains);
  // Verify right after Discover reads them from what the adapter kept: the
  // active versions are locked, read-only by the contract (issue 15).
  EXPECT_EQ(DomainRequests(), 3);
}

// Shape 1: one service named "<site> site" serving www.<site> and <site>.
// Prepare stages a clone, cutover activates it: the domains go along.
TEST_F(CdnDomainsTest, TheSameAfterTheStagedCloneIsActivated) {
  const SimCustomer& c = Customer(1);
  const Target t = TargetFor(c);
  const std::string site = "c" + c.id.substr(2) + ".example.jp";
  auto listing = NewAdapterFor(c, /*list_domains=*/true);
  auto listed = listing->Discover(t);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->domains, (std::vector<std::string>{"www." + site, site}));
  SetOrigins(c, Origins::kSynced);
  ASSERT_TRUE(RunPhase(listing.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(listing.get(), t, Phase::kCutover).status.ok());
  auto after = NewAdapterFor(c, true)->Discover(t);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->state, AccountState::kCutOver);
  EXPECT_EQ(after->domains, listed->domains);
}

TEST_F(CdnDomainsTest, AMalformedListIsAnErrorNamingTheCall) {
  const SimCustomer& c = Customer(0);
  SetFaults({{"malformed", {{"rate", 1.0}, {"match", "/domain"}}}});
  auto d = NewAdapterFor(c, true)->Discover(TargetFor(c));
  SetFaults(nlohmann::json::object());
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("/domain"), std::string::npos)
      << d.status().ToString();
  EXPECT_NE(d.status().message().find(c.id + "/cdn"), std::string::npos)
      << d.status().ToString();
}

}  // namespace
}  // namespace renumber::cdn
