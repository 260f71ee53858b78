#include "adapters/ess/ess_wire.h"

#include <gtest/gtest.h>

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

IpAddress Ip(const char* s) { return IpAddress::Parse(s).value(); }

TEST(EssWireTest, DecodesARouteOfTheContract) {
  json j = json::parse(R"({"id": "r-7f3a", "address": "203.0.113.10",
      "port": 2525, "role": "primary", "order": 1,
      "last_check": {"at": "2026-11-20T03:00:00Z", "result": "PASS",
                     "detail": "220 mx.example.co.jp ESMTP"},
      "can_promote": true, "extra": 1})");
  auto r = RouteFromJson(j);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->id, "r-7f3a");
  EXPECT_EQ(r->address, "203.0.113.10");
  EXPECT_EQ(r->port, 2525);
  EXPECT_TRUE(r->primary());
  EXPECT_EQ(r->order, 1);
  ASSERT_TRUE(r->last_check.has_value());
  EXPECT_EQ(r->last_check->result, "PASS");
  EXPECT_EQ(r->last_check->at.ToRfc3339(), "2026-11-20T03:00:00Z");
  EXPECT_TRUE(r->can_promote);
  EXPECT_EQ(r->last_check->detail, "220 mx.example.co.jp ESMTP");
}

TEST(EssWireTest, PortDefaultsTo25AndNullCheckIsNone) {
  auto r = RouteFromJson(json::parse(
      R"({"id": "r-1", "address": "mx.example.jp", "role": "failover",
          "last_check": null})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->port, 25);
  EXPECT_FALSE(r->last_check.has_value());
  EXPECT_FALSE(r->can_promote);
}

TEST(EssWireTest, RejectsRoutesItCannotUse) {
  EXPECT_FALSE(RouteFromJson(json::parse(R"({"address": "1.2.3.4",
      "role": "primary"})"))
                   .ok());
  EXPECT_FALSE(RouteFromJson(json::parse(R"({"id": "r", "address": "1.2.3.4",
      "role": "backup"})"))
                   .ok());
  EXPECT_FALSE(RouteFromJson(json::parse(R"({"id": "r", "address": "1.2.3.4",
      "role": "primary", "port": "25"})"))
                   .ok());
  EXPECT_FALSE(RouteFromJson(json::parse(R"({"id": "r", "address": "1.2.3.4",
      "role": "primary", "last_check": {"at": "yesterday",
      "result": "PASS"}})"))
                   .ok());
}

TEST(EssWireTest, ParseJsonBodyNeverThrows) {
  EXPECT_FALSE(ParseJsonBody("{\"status\": \"SUC").ok());
  EXPECT_FALSE(ParseJsonBody("").ok());
  EXPECT_FALSE(ParseJsonBody("[1,2]").ok());
  auto j = ParseJsonBody("{\"status\": \"SUCCESS\"}");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["status"], "SUCCESS");
}

TEST(EssWireTest, DecodesCollectionsOutboundAndDomainPages) {
  auto c = RouteCollectionFromJson(
      json::parse(R"({"status": "SUCCESS", "etag": "e1", "routes": []})"),
      "example.jp");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->etag, "e1");
  EXPECT_EQ(c->domain, "example.jp");
  auto o = OutboundListFromJson(json::parse(
      R"({"etag": "o1", "servers": [{"id": "o-1", "address": "10.0.0.0/8"}]})"));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->servers.at(0).address, "10.0.0.0/8");
  auto d = DomainPageFromJson(json::parse(
      R"({"page": 1, "per_page": 100, "total": 1,
          "domains": [{"name": "a.jp", "route_mode": "custom"}]})"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->total, 1);
  EXPECT_EQ(d->domains.at(0).route_mode, "custom");
  EXPECT_FALSE(DomainPageFromJson(json::parse(R"({"domains": []})")).ok());
  EXPECT_FALSE(
      RouteCollectionFromJson(json::parse(R"({"etag": "x"})"), "").ok());
}

TEST(EssWireTest, ComparesAddressesAsIps) {
  EXPECT_TRUE(AddressIs("198.18.0.1", Ip("198.18.0.1")));
  EXPECT_TRUE(AddressIs("::ffff:198.18.0.1", Ip("198.18.0.1")));
  EXPECT_TRUE(AddressIs("2001:db8:a:0::1", Ip("2001:db8:a::1")));
  EXPECT_FALSE(AddressIs("198.18.0.10", Ip("198.18.0.1")));
  EXPECT_FALSE(AddressIs("mx.example.jp", Ip("198.18.0.1")));
  EXPECT_FALSE(AddressIs("198.18.0.0/24", Ip("198.18.0.1")));
  EXPECT_TRUE(IsHostName("mx.example.jp"));
  EXPECT_FALSE(IsHostName("198.18.0.1"));
  EXPECT_FALSE(IsHostName("198.18.0.0/24"));
  EXPECT_TRUE(CidrContains("198.18.0.0/24", Ip("198.18.0.1")));
  EXPECT_FALSE(CidrContains("198.18.1.0/24", Ip("198.18.0.1")));
  EXPECT_FALSE(CidrContains("198.18.0.1", Ip("198.18.0.1")));
  EXPECT_TRUE(CidrContains("2001:db8:a::/48", Ip("2001:db8:a::5")));
}

TEST(EssWireTest, FreshPassIsAPassAtMost24HoursOld) {
  Route r;
  const Timestamp now = Timestamp::FromUnixSeconds(1796000000);
  EXPECT_FALSE(HasFreshPass(r, now));
  r.last_check = LastCheck{now - std::chrono::hours(24), "PASS", ""};
  EXPECT_TRUE(HasFreshPass(r, now));
  r.last_check->at = now - std::chrono::hours(24) - std::chrono::seconds(1);
  EXPECT_FALSE(HasFreshPass(r, now));
  r.last_check = LastCheck{now, "FAIL", ""};
  EXPECT_FALSE(HasFreshPass(r, now));
}

TEST(EssWireTest, Paths) {
  EXPECT_EQ(CollectionPath(""), "/v1/inbound-routes");
  EXPECT_EQ(CollectionPath("example.co.jp"),
            "/v1/domains/example.co.jp/inbound-routes");
  EXPECT_EQ(RouteActionPath("r-1", "promote"),
            "/v1/inbound-routes/r-1/promote");
  EXPECT_EQ(OutboundDeletePath("o-9"), "/v1/outbound-servers/o-9/delete");
  EXPECT_EQ(NamedRouteAddPath("dp-archive"),
            "/v1/named-routes/dp-archive/routes");
  EXPECT_EQ(NamedRouteRemovePath("dp archive", "r-1"),
            "/v1/named-routes/dp%20archive/routes/r-1/remove");
}

TEST(EssWireTest, DecodesNamedRoutes) {
  auto body = ParseJsonBody(
      R"({"status": "SUCCESS", "etag": "\"n1\"", "named_routes": [
           {"name": "dp-archive", "routes": ["r-7f3a", "r-81bd"]},
           {"name": "dp-hr", "routes": ["r-81bd"], "extra": 1}]})");
  ASSERT_TRUE(body.ok());
  auto l = NamedRouteListFromJson(*body);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->etag, "\"n1\"");
  ASSERT_EQ(l->named.size(), 2u);
  EXPECT_EQ(l->named[0].name, "dp-archive");
  EXPECT_EQ(l->named[0].routes, (std::vector<std::string>{"r-7f3a", "r-81bd"}));
  EXPECT_EQ(l->named[1].routes, (std::vector<std::string>{"r-81bd"}));
  // Shapes it cannot use are errors, never guesses.
  for (const char* bad :
       {R"({"named_routes": [{"name": "x"}]})",
        R"({"named_routes": [{"name": "x", "routes": [1]}]})",
        R"({"named_routes": [{"routes": []}]})", R"({"etag": "x"})"}) {
    auto j = ParseJsonBody(bad);
    ASSERT_TRUE(j.ok());
    EXPECT_FALSE(NamedRouteListFromJson(*j).ok()) << bad;
  }
}

}  // namespace
}  // namespace ess
}  // namespace renumber
