#include "src/core/dns_name.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(DnsNameTest, Normalize) {
  EXPECT_EQ(NormalizeDnsName("Mail.Example.JP."), "mail.example.jp");
  EXPECT_EQ(NormalizeDnsName("example.jp"), "example.jp");
}

TEST(DnsNameTest, Validity) {
  EXPECT_TRUE(IsValidDnsName("mail.example.jp"));
  EXPECT_TRUE(IsValidDnsName("_spf.example.jp."));
  EXPECT_TRUE(IsValidDnsName("10.0.19.198.in-addr.arpa"));
  EXPECT_FALSE(IsValidDnsName(""));
  EXPECT_FALSE(IsValidDnsName("a..example.jp"));
  EXPECT_FALSE(IsValidDnsName("-bad.example.jp"));
  EXPECT_FALSE(IsValidDnsName("sp ace.example.jp"));
  EXPECT_FALSE(IsValidDnsName(std::string(64, 'a') + ".jp"));
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "abcd.";
  EXPECT_FALSE(IsValidDnsName(long_name + "jp"));  // 257 characters
}

TEST(DnsNameTest, AtOrBelow) {
  EXPECT_TRUE(IsAtOrBelow("example.jp", "example.jp"));
  EXPECT_TRUE(IsAtOrBelow("ns1.zenlogic.jp", "zenlogic.jp"));
  EXPECT_FALSE(IsAtOrBelow("myzenlogic.jp", "zenlogic.jp"));
  EXPECT_FALSE(IsAtOrBelow("zenlogic.jp", "ns1.zenlogic.jp"));
}

TEST(DnsNameTest, ReverseNames) {
  EXPECT_EQ(ReverseDnsName(*IpAddress::Parse("198.19.0.10")),
            "10.0.19.198.in-addr.arpa");
  EXPECT_EQ(ReversedAddressLabels(*IpAddress::Parse("127.0.0.2")), "2.0.0.127");
  // RFC 3596 §2.5's example.
  EXPECT_EQ(ReverseDnsName(*IpAddress::Parse("4321:0:1:2:3:4:567:89ab")),
            "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4."
            "ip6.arpa");
}

TEST(DnsNameTest, PrintableText) {
  EXPECT_EQ(PrintableDnsText("v=spf1 -all"), "v=spf1 -all");
  EXPECT_EQ(PrintableDnsText(std::string("a\0b\n\xff", 5)),
            "a\\x00b\\x0a\\xff");
  EXPECT_EQ(PrintableDnsText(std::string(400, 'x'), 10),
            std::string(10, 'x') + "…");
}

}  // namespace
}  // namespace renumber
