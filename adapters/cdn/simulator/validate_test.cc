#include "adapters/cdn/simulator/validate.h"

#include <gtest/gtest.h>

#include "adapters/cdn/simulator/fields.h"

namespace renumber::cdnsim {
namespace {

Version Valid() {
  Version v;
  Backend a;
  a.name = "a";
  a.address = "192.0.2.1";
  a.healthcheck = "hc";
  a.request_condition = "c";
  Healthcheck h;
  h.name = "hc";
  Condition c;
  c.name = "c";
  Director d;
  d.name = "pool";
  d.backends = {"a"};
  v.backends = {a};
  v.healthchecks = {h};
  v.conditions = {c};
  v.directors = {d};
  return v;
}

TEST(CdnValidateTest, EachRuleReportsOnce) {
  EXPECT_TRUE(ValidateVersion(Valid()).empty());
  Version none = Valid();
  none.backends.clear();
  none.directors.clear();
  EXPECT_EQ(ValidateVersion(none),
            std::vector<std::string>{"Version has no backends"});
  Version twice = Valid();
  twice.backends.push_back(twice.backends[0]);
  twice.backends.push_back(twice.backends[0]);
  EXPECT_EQ(ValidateVersion(twice).size(), 1u);
  Version hc = Valid();
  hc.healthchecks.clear();
  EXPECT_EQ(ValidateVersion(hc).size(), 1u);
  Version cond = Valid();
  cond.conditions.clear();
  EXPECT_EQ(ValidateVersion(cond).size(), 1u);
  Version dir = Valid();
  dir.directors[0].backends.push_back("gone");
  ASSERT_EQ(ValidateVersion(dir).size(), 1u);
  EXPECT_NE(ValidateVersion(dir)[0].find("'gone'"), std::string::npos);
}

TEST(CdnFieldsTest, Addresses) {
  for (const char* ok :
       {"192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1", "origin.example.jp",
        "a-b.example.jp.", "localhost", "1a.example.jp"})
    EXPECT_TRUE(CheckAddress(ok).ok()) << ok;
  for (const char* bad :
       {"", "192.0.2.256", "192.0.2", "01.2.3.4", "a..b", "a_b.jp", "-a.jp",
        "a-.jp", "2001:db8::1%eth0", "http://a.jp", "a.jp:80", " a.jp"})
    EXPECT_FALSE(CheckAddress(bad).ok()) << bad;
}

}  // namespace
}  // namespace renumber::cdnsim
