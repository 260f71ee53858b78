#include "adapters/cdn/cdn_config.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

using nlohmann::json;

IpAddress Ip(const char* s) { return *IpAddress::Parse(s); }

TEST(CdnConfigTest, BackendsParseAsTheRealServiceAnswers) {
  // A recorded-style answer: nulls everywhere, numbers and booleans as
  // strings, fields we do not name.
  auto b = ParseBackend(json::parse(R"({
    "name":"origin_1","address":"198.18.0.5","ipv4":"198.18.0.5","ipv6":null,
    "hostname":null,"port":"443","use_ssl":"1","override_host":null,
    "ssl_cert_hostname":"www.example.jp","ssl_sni_hostname":null,
    "ssl_check_cert":false,"request_condition":"","share_key":null,
    "tcp_keepalive_time":null,"max_tls_version":null})"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->port, 443);
  EXPECT_TRUE(b->use_ssl);
  EXPECT_FALSE(b->ssl_check_cert);
  EXPECT_EQ(b->override_host, "");
  EXPECT_EQ(b->ssl_cert_hostname, "www.example.jp");
  EXPECT_TRUE(b->raw.contains("tcp_keepalive_time"));
  EXPECT_FALSE(ParseBackend(json::parse(R"({"address":"1.2.3.4"})")).ok());
  EXPECT_FALSE(ParseBackend(json::parse(R"({"name":"x","address":5})")).ok());
}

TEST(CdnConfigTest, AnAddressIsTheOldIpInAddressOrItsDerivedField) {
  Backend b;
  b.address = "198.18.0.5";
  const IpAddress o = Ip("198.18.0.5"), n = Ip("198.19.0.5");
  EXPECT_EQ(ClassifyBackend(b, o, n), AddressKind::kOld);
  b.address = "198.19.0.5";
  EXPECT_EQ(ClassifyBackend(b, o, n), AddressKind::kNew);
  b.address = "203.0.113.9";
  EXPECT_EQ(ClassifyBackend(b, o, n), AddressKind::kOtherIp);
  b.ipv4 = "198.18.0.5";  // inconsistent answer: the old IP is still used
  EXPECT_EQ(ClassifyBackend(b, o, n), AddressKind::kOld);
  b = Backend{};
  b.address = "origin.example.jp";
  EXPECT_EQ(ClassifyBackend(b, o, n), AddressKind::kHostName);
}

TEST(CdnConfigTest, MentionsIpFindsTheAddressNotAPrefixOfAnother) {
  const IpAddress ip = Ip("198.18.0.1");
  EXPECT_TRUE(MentionsIp("backend F_x { .host = \"198.18.0.1\"; }", ip));
  EXPECT_TRUE(MentionsIp("set req.http.X = \"198.18.0.1\";", ip));
  EXPECT_TRUE(MentionsIp("198.18.0.1. end of sentence", ip));
  EXPECT_FALSE(MentionsIp(".host = \"198.18.0.10\";", ip));
  EXPECT_FALSE(MentionsIp(".host = \"10.198.18.0.1\";", ip));
  EXPECT_FALSE(MentionsIp("no address here", ip));
  EXPECT_TRUE(MentionsIp("\"2001:db8:a::6\"", Ip("2001:db8:a::6")));
  EXPECT_FALSE(MentionsIp("\"2001:db8:a::60\"", Ip("2001:db8:a::6")));
}

TEST(CdnConfigTest, DetailsAndPoolsWithStringNumbers) {
  auto d = ParseDetails(json::parse(R"({"id":"S1","name":"Production",
    "type":"wasm","active_version":{"number":3},
    "versions":[{"number":1,"locked":true,"comment":null},
                {"number":"2","locked":"1","comment":"x"},
                {"number":3,"active":true,"locked":true,"comment":""}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->type, "wasm");
  EXPECT_EQ(d->active, 3);
  EXPECT_EQ(d->Latest(), 3);
  EXPECT_TRUE(d->Find(2)->locked);
  auto pools = ParsePools(json::parse(R"([{"id":"P1","name":"app",
    "quorum":"50","use_tls":"0"}])"));
  ASSERT_TRUE(pools.ok());
  EXPECT_EQ((*pools)[0].id, "P1");
  auto directors = ParseDirectors(
      json::parse(R"([{"name":"pool","quorum":75,"backends":["a","b"]}])"));
  ASSERT_TRUE(directors.ok());
  EXPECT_EQ((*directors)[0].quorum, 75);
}

}  // namespace
}  // namespace renumber::cdn
