// RFC 7208 §7.4's examples, and the errors of §7.1's grammar.
#include "src/preflight/spf_macro.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

SpfMacroContext Rfc(const char* ip = "192.0.2.3") {
  return {"strong-bad@email.example.com", "email.example.com", "mx.example.org",
          *IpAddress::Parse(ip)};
}

std::string X(const char* text, const SpfMacroContext& c = Rfc()) {
  auto r = ExpandSpfDomain(text, c);
  return r.ok() ? *r : "ERROR: " + r.status().message();
}

TEST(SpfMacroTest, Rfc7208Examples) {
  EXPECT_EQ(X("%{s}"), "strong-bad@email.example.com");
  EXPECT_EQ(X("%{o}"), "email.example.com");
  EXPECT_EQ(X("%{d}"), "email.example.com");
  EXPECT_EQ(X("%{d4}"), "email.example.com");
  EXPECT_EQ(X("%{d3}"), "email.example.com");
  EXPECT_EQ(X("%{d2}"), "example.com");
  EXPECT_EQ(X("%{d1}"), "com");
  EXPECT_EQ(X("%{dr}"), "com.example.email");
  EXPECT_EQ(X("%{d2r}"), "example.email");
  EXPECT_EQ(X("%{l}"), "strong-bad");
  EXPECT_EQ(X("%{l-}"), "strong.bad");
  EXPECT_EQ(X("%{lr}"), "strong-bad");
  EXPECT_EQ(X("%{lr-}"), "bad.strong");
  EXPECT_EQ(X("%{l1r-}"), "strong");
  EXPECT_EQ(X("%{ir}.%{v}._spf.%{d2}"), "3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(X("%{lr-}.lp._spf.%{d2}"), "bad.strong.lp._spf.example.com");
  EXPECT_EQ(X("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}"),
            "bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(X("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}"),
            "3.2.0.192.in-addr.strong.lp._spf.example.com");
  EXPECT_EQ(X("%{d2}.trusted-domains.example.net"),
            "example.com.trusted-domains.example.net");
  EXPECT_EQ(X("%{ir}.%{v}._spf.%{d2}", Rfc("2001:db8::cb01")),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
            "ip6._spf.example.com");
}

TEST(SpfMacroTest, EscapesAndUpperCase) {
  EXPECT_EQ(X("%{S}"), "strong-bad%40email.example.com");
  EXPECT_EQ(X("a%%b%_c%-d"), "a%b c%20d");
  EXPECT_EQ(X("%{h}"), "mx.example.org");
  EXPECT_EQ(X("%{p}"), "unknown");
  EXPECT_EQ(X("example.com."), "example.com");
}

TEST(SpfMacroTest, LongNamesLoseLabelsOnTheLeft) {
  std::string many;
  for (int i = 0; i < 60; ++i) many += "abcd.";
  auto r = ExpandSpfDomain(many + "example.com", Rfc());
  ASSERT_TRUE(r.ok());
  EXPECT_LE(r->size(), 253u);
  EXPECT_EQ(r->substr(r->size() - 11), "example.com");
  EXPECT_EQ((*r)[0], 'a');
}

TEST(SpfMacroTest, Errors) {
  for (const char* bad : {"%{x}", "%{c}", "%{t}", "%{r}", "%{d0}", "%{d", "%",
                          "%a", "%{d2*}", "a b", "%{}"}) {
    EXPECT_FALSE(ValidateSpfMacroString(bad).ok()) << bad;
    EXPECT_EQ(ExpandSpfDomain(bad, Rfc()).status().code(),
              Code::kInvalidArgument)
        << bad;
  }
  EXPECT_TRUE(ValidateSpfMacroString("_spf.%{d}").ok());
}

}  // namespace
}  // namespace renumber
