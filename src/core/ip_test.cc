#include "src/core/ip.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

struct IpCase {
  const char* input;
  bool valid;
  const char* canonical;  // expected ToString() when valid
};

// The table the issue asks for: valid and invalid inputs, with the canonical
// form each valid one must print as.
const IpCase kIpCases[] = {
    // IPv4, valid
    {"203.0.113.10", true, "203.0.113.10"},
    {"0.0.0.0", true, "0.0.0.0"},
    {"255.255.255.255", true, "255.255.255.255"},
    {"127.0.0.1", true, "127.0.0.1"},
    {"10.0.0.1", true, "10.0.0.1"},
    {"198.51.100.0", true, "198.51.100.0"},
    // IPv4, invalid
    {"010.0.0.1", false, nullptr},  // leading zero: ambiguous octal
    {"10.01.0.1", false, nullptr},
    {"00.0.0.0", false, nullptr},
    {"10.1", false, nullptr},  // short form
    {"10.1.1", false, nullptr},
    {"1", false, nullptr},
    {"256.0.0.1", false, nullptr},  // out of range
    {"1.2.3.999", false, nullptr},
    {"1.2.3.4.5", false, nullptr},  // too many parts
    {"1.2.3.4 ", false, nullptr},   // surrounding whitespace
    {" 1.2.3.4", false, nullptr},
    {"1.2. 3.4", false, nullptr},  // inner whitespace
    {"1.2.3.4x", false, nullptr},  // trailing garbage
    {"1.2.3.4/32", false, nullptr},
    {"1..3.4", false, nullptr},  // empty part
    {".1.2.3", false, nullptr},
    {"1.2.3.", false, nullptr},
    {"", false, nullptr},
    {"0x1.2.3.4", false, nullptr},
    {"-1.2.3.4", false, nullptr},
    {"1.2.3.4\n", false, nullptr},
    // IPv6, valid, with canonical RFC 5952 forms
    {"2001:db8::1", true, "2001:db8::1"},
    {"2001:DB8::1", true, "2001:db8::1"},  // lower case
    {"2001:0db8:0000:0000:0000:0000:0000:0001", true, "2001:db8::1"},
    {"2001:db8:0:0:1:0:0:1", true, "2001:db8::1:0:0:1"},     // first run
    {"2001:db8:0:1:1:1:1:1", true, "2001:db8:0:1:1:1:1:1"},  // no :: for one
    {"::", true, "::"},
    {"::1", true, "::1"},
    {"1::", true, "1::"},
    {"fe80::1:2", true, "fe80::1:2"},
    {"2001:db8:0:0:0:0:2:1", true, "2001:db8::2:1"},
    {"2001:db8::0:1", true, "2001:db8::1"},
    {"::ffff:203.0.113.10", true, "::ffff:203.0.113.10"},
    {"::FFFF:cb00:710a", true, "::ffff:203.0.113.10"},
    {"1:2:3:4:5:6:7:8", true, "1:2:3:4:5:6:7:8"},
    {"1:0:0:2:0:0:0:3", true, "1:0:0:2::3"},  // longest run
    // IPv6, invalid
    {"2001:db8::1::1", false, nullptr},  // two ::
    {"2001:db8:::1", false, nullptr},
    {"1:2:3:4:5:6:7:8:9", false, nullptr},
    {"1:2:3:4:5:6:7", false, nullptr},  // too few groups
    {"12345::1", false, nullptr},       // group too long
    {"2001:db8::g", false, nullptr},
    {"fe80::1%eth0", false, nullptr},  // zone id
    {"[2001:db8::1]", false, nullptr},
    {":1:2:3:4:5:6:7", false, nullptr},
    {"1:2:3:4:5:6:7:", false, nullptr},
    {"::ffff:1.2.3", false, nullptr},
    {"::ffff:01.2.3.4", false, nullptr},
    {"2001:db8::1 ", false, nullptr},
    {"1.2.3.4::", false, nullptr},
};

TEST(IpAddressTest, Table) {
  int n = 0;
  for (const IpCase& c : kIpCases) {
    ++n;
    auto ip = IpAddress::Parse(c.input);
    EXPECT_EQ(ip.ok(), c.valid) << "input: '" << c.input << "'";
    if (ip.ok() && c.valid) {
      EXPECT_EQ(ip->ToString(), c.canonical) << "input: '" << c.input << "'";
      // Round trip: the canonical form parses to the same address.
      auto again = IpAddress::Parse(ip->ToString());
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(*again, *ip);
    }
    if (!ip.ok()) {
      EXPECT_EQ(ip.status().code(), Code::kInvalidArgument);
      EXPECT_NE(ip.status().message().find(c.input), std::string::npos)
          << "the error names the input";
    }
  }
  EXPECT_GE(n, 40);
}

TEST(IpAddressTest, MappedEqualsV4) {
  auto v4 = IpAddress::Parse("203.0.113.10");
  auto mapped = IpAddress::Parse("::ffff:203.0.113.10");
  ASSERT_TRUE(v4.ok() && mapped.ok());
  EXPECT_EQ(*v4, *mapped);
  EXPECT_TRUE(v4->is_v4());
  EXPECT_TRUE(mapped->is_v6());
  EXPECT_EQ(mapped->EffectiveFamily(), IpAddress::Family::kV4);
  EXPECT_NE(*v4, *IpAddress::Parse("203.0.113.11"));
  EXPECT_NE(*IpAddress::Parse("::cb00:710a"), *v4);  // not mapped
}

TEST(IpAddressTest, Loopback) {
  EXPECT_TRUE(IpAddress::Parse("127.0.0.1")->IsLoopback());
  EXPECT_TRUE(IpAddress::Parse("127.9.8.7")->IsLoopback());
  EXPECT_TRUE(IpAddress::Parse("::1")->IsLoopback());
  EXPECT_TRUE(IpAddress::Parse("::ffff:127.0.0.1")->IsLoopback());
  EXPECT_FALSE(IpAddress::Parse("128.0.0.1")->IsLoopback());
  EXPECT_FALSE(IpAddress::Parse("::2")->IsLoopback());
}

TEST(IpAddressTest, Canonical) {
  EXPECT_TRUE(IsCanonicalIp("2001:db8::1"));
  EXPECT_FALSE(IsCanonicalIp("2001:DB8::1"));
  EXPECT_FALSE(IsCanonicalIp("2001:db8:0::1"));
  EXPECT_TRUE(IsCanonicalIp("192.0.2.1"));
  EXPECT_FALSE(IsCanonicalIp("192.0.2.01"));
}

TEST(CidrTest, ParseAndContains) {
  auto c = Cidr::Parse("203.0.113.0/28");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->Contains(*IpAddress::Parse("203.0.113.10")));
  EXPECT_TRUE(c->Contains(*IpAddress::Parse("203.0.113.15")));
  EXPECT_FALSE(c->Contains(*IpAddress::Parse("203.0.113.16")));
  EXPECT_TRUE(c->Contains(*IpAddress::Parse("::ffff:203.0.113.1")));
  EXPECT_FALSE(c->Contains(*IpAddress::Parse("2001:db8::1")));
  EXPECT_EQ(c->ToString(), "203.0.113.0/28");

  auto v6 = Cidr::Parse("2001:db8::/32");
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->Contains(*IpAddress::Parse("2001:db8:ffff::1")));
  EXPECT_FALSE(v6->Contains(*IpAddress::Parse("2001:db9::1")));
  EXPECT_FALSE(v6->Contains(*IpAddress::Parse("203.0.113.1")));

  auto all = Cidr::Parse("0.0.0.0/0");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->Contains(*IpAddress::Parse("1.2.3.4")));
  auto host = Cidr::Parse("203.0.113.10/32");
  ASSERT_TRUE(host.ok());
  EXPECT_TRUE(host->Contains(*IpAddress::Parse("203.0.113.10")));
  EXPECT_FALSE(host->Contains(*IpAddress::Parse("203.0.113.11")));
}

TEST(CidrTest, Rejects) {
  for (const char* bad :
       {"203.0.113.1/28", "203.0.113.0/33", "203.0.113.0", "203.0.113.0/",
        "203.0.113.0/028", "203.0.113.0/2x", "2001:db8::1/32", "2001:db8::/129",
        "10.1/8", " 10.0.0.0/8", "10.0.0.0/8 "}) {
    EXPECT_FALSE(Cidr::Parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace renumber
