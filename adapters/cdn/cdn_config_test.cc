#include "adapters/cdn/cdn_config.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

IpAddress Ip(const char* s) { return IpAddress::Parse(s).value(); }

TEST(CdnConfigTest, ParsesBackendWithNullsAndStringBooleans) {
  auto b = ParseBackend(nlohmann::json::parse(R"({
    "name": "origin_1", "address": "198.18.0.5", "healthcheck": null,
    "comment": null, "auto_loadbalance": "1", "port": 443})"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->name, "origin_1");
  EXPECT_EQ(b->healthcheck, "");
  EXPECT_EQ(b->comment, "");
  EXPECT_TRUE(b->auto_loadbalance);
  EXPECT_EQ(b->raw["port"], 443);
}

TEST(CdnConfigTest, RejectsBackendWithoutNameOrWithBadTypes) {
  EXPECT_FALSE(ParseBackend(nlohmann::json::parse(R"({"address":"x"})")).ok());
  EXPECT_FALSE(ParseBackend(nlohmann::json::parse(
                                R"({"name":"a","address":"x","comment":5})"))
                   .ok());
  EXPECT_FALSE(ParseBackend(nlohmann::json::array()).ok());
}

TEST(CdnConfigTest, VersionConfigParseNamesTheCallOnBadShape) {
  auto v = ParseVersionConfig(nlohmann::json::object(), nlohmann::json::array(),
                              nlohmann::json::array(), "GET /x");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("GET /x"), std::string::npos);
}

TEST(CdnConfigTest, ClassifiesAddressesByValueNotText) {
  const IpAddress old_ip = Ip("2001:db8:a::5"), new_ip = Ip("198.19.0.5");
  EXPECT_EQ(ClassifyAddress("2001:0db8:000a:0:0:0:0:5", old_ip, new_ip),
            AddressKind::kOld);
  EXPECT_EQ(ClassifyAddress("::ffff:198.19.0.5", old_ip, new_ip),
            AddressKind::kNew);
  EXPECT_EQ(ClassifyAddress("203.0.113.9", old_ip, new_ip),
            AddressKind::kOtherIp);
  EXPECT_EQ(ClassifyAddress("origin.example.jp", old_ip, new_ip),
            AddressKind::kHostName);
}

TEST(CdnConfigTest, TwinMarkerRoundTripsAndRejectsOtherComments) {
  TwinMarker m{"origin_1", false, "", "shop \"main\" origin"};
  auto back = DecodeTwinComment(EncodeTwinComment(m));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->of, "origin_1");
  EXPECT_FALSE(back->auto_loadbalance);
  EXPECT_EQ(back->healthcheck, "");
  EXPECT_EQ(back->comment, "shop \"main\" origin");
  EXPECT_FALSE(DecodeTwinComment("customer note").has_value());
  EXPECT_FALSE(DecodeTwinComment("renumber-twin {broken").has_value());
  EXPECT_EQ(TwinName("origin_1"), "origin_1_renumber_new");
}

TEST(CdnConfigTest, ProbeHostPrefersOverrideThenTlsNamesThenService) {
  auto with = [](nlohmann::json raw) {
    Backend b;
    b.raw = std::move(raw);
    return ProbeHost(b, "www.c1.example.jp");
  };
  EXPECT_EQ(with({{"override_host", "a.jp"}, {"ssl_sni_hostname", "b.jp"}}),
            "a.jp");
  EXPECT_EQ(with({{"override_host", nullptr}, {"ssl_cert_hostname", "c.jp"}}),
            "c.jp");
  EXPECT_EQ(with(nlohmann::json::object()), "www.c1.example.jp");
  EXPECT_EQ(HealthcheckName("WWW.Example.jp"), "renumber_hc_www_example_jp");
}

TEST(CdnConfigTest, ParsesDetailsActiveVersionAndLatest) {
  auto d = ParseDetails(nlohmann::json::parse(R"({
    "id": "SU1", "name": "www", "active_version": {"number": 3},
    "versions": [{"number": 1, "locked": true}, {"number": 3, "active": true,
    "locked": true}, {"number": 4, "locked": false}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->active, 3);
  EXPECT_EQ(d->Latest(), 4);
  ASSERT_NE(d->Find(4), nullptr);
  EXPECT_FALSE(d->Find(4)->locked);
  auto none = ParseDetails(nlohmann::json::parse(
      R"({"id":"S","active_version":null,"versions":[{"number":1}]})"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->active, 0);
  EXPECT_FALSE(
      ParseDetails(nlohmann::json::parse(R"({"versions":[{"number":"x"}]})"))
          .ok());
}

}  // namespace
}  // namespace renumber::cdn
