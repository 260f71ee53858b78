#include "src/core/url.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(UrlTest, ParsesWhatVendorsAndSimulatorsUse) {
  auto u = ParseUrl("https://ESS.example.net:8443/v1/routes?page=2#frag");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "ess.example.net");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->resource, "/v1/routes?page=2");
  EXPECT_EQ(u->Origin(), "https://ess.example.net:8443");
  u = ParseUrl("http://[::1]:18080/service/x%20y");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->ipv6_literal);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->HostForDisplay(), "[::1]:18080");
  EXPECT_TRUE(u->IsLoopback());
  u = ParseUrl("HTTPS://api.cdn.example");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->resource, "/");
  EXPECT_FALSE(u->explicit_port);
  u = ParseUrl("https://api.cdn.example/a@b");
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->has_userinfo) << "an '@' in the path is not user info";
}

TEST(UrlTest, RefusesWhatItCannotReadOneWay) {
  for (const char* bad :
       {"http://[::1]evil.com/", "http://[::1", "http://[evil.com]/",
        "http://[127.0.0.1]/", "https:///path", "not a url", "ftp://host/x",
        "http://host:0/", "http://host:65536/", "http://host:12a/",
        "http://ho st/", "http://host/pa th", "http://host/%zz",
        "http://exa%2ample.com/", "http://host/\x1b[2J", "http://h\xc3\xa9/",
        "http://host/a#b#c", "http://:80/"}) {
    auto u = ParseUrl(bad);
    EXPECT_EQ(u.status().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(UrlTest, VendorRule) {
  auto check = [](const char* text) {
    auto u = ParseUrl(text);
    return u.ok() ? CheckVendorUrl(*u) : u.status();
  };
  EXPECT_TRUE(check("https://ess.example.net").ok());
  EXPECT_TRUE(check("http://127.0.0.1:18025").ok());
  EXPECT_TRUE(check("http://127.9.8.7/").ok());
  EXPECT_TRUE(check("http://localhost:1/").ok());
  EXPECT_TRUE(check("http://[::1]:1/").ok());
  for (const char* bad :
       {"http://192.0.2.1/", "http://127.0.0.1.evil.com/", "http://127.1/",
        "http://[::2]/", "http://[::1]evil.com/", "http://127.0.0.1@192.0.2.1/",
        "https://user:pw-9x@host/", "http://u:pw-9x@127.0.0.1/"}) {
    Status s = check(bad);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(s.message().find("pw-9x"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace renumber
