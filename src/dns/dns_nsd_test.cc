// The c-ares client against a real authoritative server (nsd) on loopback:
// every record type, NXDOMAIN and NODATA, CNAMEs, long and multi-string
// TXT records, and many threads at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "src/dns/dns_resolver.h"
#include "src/dns/nsd_test_server.h"

namespace renumber {
namespace {

// The long TXT record (strings of 200 characters, over 512 bytes in all)
// makes nsd set TC over UDP, so c-ares asks again over TCP.
std::string Zone(const std::string& long_txt) {
  std::string strings;
  for (size_t i = 0; i < long_txt.size(); i += 200)
    strings += " \"" + long_txt.substr(i, 200) + "\"";
  return "@    NS    ns1.other-dns.example.\n"
         "@    NS    ns2.other-dns.example.\n"
         "@    A     198.18.0.10\n"
         "@    AAAA  2001:db8:a::1\n"
         "@    MX    10 mx1\n"
         "@    MX    20 mx2.backup.example.\n"
         "mx1  A     198.18.0.10\n"
         "www  CNAME @\n"
         "@    TXT   \"v=spf1 ip4:198.18.0.10 \" \"include:_spf.example.jp "
         "-all\"\n"
         "@    TXT   \"google-site-verification=abc\"\n"
         "long TXT  " +
         strings + "\n";
}

class DnsNsdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string long_txt = "v=spf1";
    for (int i = 0; i < 30; ++i)
      long_txt += " ip4:192.0.2." + std::to_string(i) + "/32";
    long_txt_ = new std::string(long_txt);
    auto s = NsdTestServer::Start(
        {{"c10001.example.jp", Zone(long_txt)},
         {"19.198.in-addr.arpa",
          "@ NS ns1.zenlogic.jp.\n10.0 PTR mail.c10001.example.jp.\n"
          "11.0 PTR a.example.jp.\n11.0 PTR b.example.jp.\n"}});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = s->release();
    std::printf("nsd answered %.3f s after start\n", server_->start_seconds());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete long_txt_;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    DnsOptions o;
    o.servers = {server_->address()};
    o.timeout = std::chrono::milliseconds(500);
    auto r = NewDnsResolver(o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    dns_ = std::move(*r);
  }

  static NsdTestServer* server_;
  static std::string* long_txt_;
  std::unique_ptr<Resolver> dns_;
};
NsdTestServer* DnsNsdTest::server_ = nullptr;
std::string* DnsNsdTest::long_txt_ = nullptr;

TEST_F(DnsNsdTest, EveryRecordType) {
  auto a = dns_->LookupAddresses("c10001.example.jp", RecordType::kA);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)[0].ToString(), "198.18.0.10");
  auto aaaa = dns_->LookupAddresses("C10001.Example.JP.", RecordType::kAaaa);
  ASSERT_TRUE(aaaa.ok()) << aaaa.status().ToString();
  EXPECT_EQ((*aaaa)[0].ToString(), "2001:db8:a::1");

  auto mx = dns_->LookupMx("c10001.example.jp");
  ASSERT_TRUE(mx.ok()) << mx.status().ToString();
  std::sort(mx->begin(), mx->end(),
            [](auto& x, auto& y) { return x.preference < y.preference; });
  EXPECT_EQ(*mx, (std::vector<MxRecord>{{10, "mx1.c10001.example.jp"},
                                        {20, "mx2.backup.example"}}));

  auto ns = dns_->LookupNs("c10001.example.jp");
  ASSERT_TRUE(ns.ok()) << ns.status().ToString();
  std::sort(ns->begin(), ns->end());
  EXPECT_EQ(*ns, (std::vector<std::string>{"ns1.other-dns.example",
                                           "ns2.other-dns.example"}));

  auto ptr = dns_->LookupPtr(*IpAddress::Parse("198.19.0.10"));
  ASSERT_TRUE(ptr.ok()) << ptr.status().ToString();
  EXPECT_EQ(*ptr, std::vector<std::string>{"mail.c10001.example.jp"});
  auto two = dns_->LookupPtr(*IpAddress::Parse("198.19.0.11"));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  std::sort(two->begin(), two->end());
  EXPECT_EQ(*two, (std::vector<std::string>{"a.example.jp", "b.example.jp"}));
}

TEST_F(DnsNsdTest, TxtStringsAreJoinedPerRecord) {
  auto txt = dns_->LookupTxt("c10001.example.jp");
  ASSERT_TRUE(txt.ok()) << txt.status().ToString();
  std::sort(txt->begin(), txt->end());
  EXPECT_EQ(*txt, (std::vector<std::string>{
                      "google-site-verification=abc",
                      "v=spf1 ip4:198.18.0.10 include:_spf.example.jp -all"}));
  auto long_txt = dns_->LookupTxt("long.c10001.example.jp");
  ASSERT_TRUE(long_txt.ok()) << long_txt.status().ToString();
  EXPECT_EQ(*long_txt, std::vector<std::string>{*long_txt_});
}

TEST_F(DnsNsdTest, NoSuchNameAndNoSuchRecordAreNotFound) {
  auto nx = dns_->LookupTxt("nope.c10001.example.jp");
  ASSERT_EQ(nx.status().code(), Code::kNotFound) << nx.status().ToString();
  EXPECT_NE(nx.status().message().find("NXDOMAIN"), std::string::npos);
  auto nodata = dns_->LookupPtr(*IpAddress::Parse("198.19.0.99"));
  EXPECT_EQ(nodata.status().code(), Code::kNotFound);
  auto no_mx = dns_->LookupMx("mx1.c10001.example.jp");
  ASSERT_EQ(no_mx.status().code(), Code::kNotFound);
  EXPECT_NE(no_mx.status().message().find("no MX record"), std::string::npos);
  EXPECT_EQ(dns_->Resolve("nope.c10001.example.jp").status().code(),
            Code::kNotFound);
}

TEST_F(DnsNsdTest, CnameIsFollowedAndResolveAsksBothFamilies) {
  auto ips = dns_->Resolve("www.c10001.example.jp");
  ASSERT_TRUE(ips.ok()) << ips.status().ToString();
  std::vector<std::string> text;
  for (const IpAddress& ip : *ips) text.push_back(ip.ToString());
  std::sort(text.begin(), text.end());
  EXPECT_EQ(text, (std::vector<std::string>{"198.18.0.10", "2001:db8:a::1"}));
}

TEST_F(DnsNsdTest, OutsideItsZonesTheServerRefuses) {
  auto r = dns_->LookupAddresses("example.com", RecordType::kA);
  EXPECT_EQ(r.status().code(), Code::kUnavailable) << r.status().ToString();
  EXPECT_NE(r.status().message().find("REFUSED"), std::string::npos);
}

TEST_F(DnsNsdTest, ManyThreadsShareOneResolver) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0}, bad{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        bool ok = (t + i) % 2
                      ? dns_->LookupMx("c10001.example.jp").ok()
                      : dns_->LookupNs("c10001.example.jp").ok() &&
                            !dns_->LookupTxt("x.c10001.example.jp").ok();
        (ok ? good : bad)++;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 320);
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace renumber
