// The simulator's wire code on hand-made packets (RFC 1035 §4.1).
#include "src/sim/dns_sim_wire.h"

#include <gtest/gtest.h>

#include "src/sim/dns_sim.h"

namespace renumber::dns_sim {
namespace {

// A query for `name` (labels), type, with id 0x1234 and RD.
std::string Packet(const std::string& name, uint16_t type,
                   uint16_t qdcount = 1) {
  std::string p = {0x12, 0x34, 0x01, 0x00, 0, static_cast<char>(qdcount),
                   0,    0,    0,    0,    0, 0};
  p += *WireName(name);
  p += {static_cast<char>(type >> 8), static_cast<char>(type & 0xff), 0, 1};
  return p;
}

uint16_t At(const std::string& p, size_t i) {
  return static_cast<uint16_t>((static_cast<uint8_t>(p[i]) << 8) |
                               static_cast<uint8_t>(p[i + 1]));
}

TEST(DnsSimWireTest, ReadsAQuery) {
  uint16_t id = 0;
  auto q = ReadQuery(Packet("WWW.Example.JP", 15), &id);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->id, 0x1234);
  EXPECT_TRUE(q->recursion_desired);
  EXPECT_EQ(q->name, "www.example.jp");
  EXPECT_EQ(q->type, 15);
  EXPECT_EQ(q->klass, 1);
}

TEST(DnsSimWireTest, MalformedQueries) {
  uint16_t id = 0;
  EXPECT_FALSE(ReadQuery("short", &id).ok());
  std::string two = Packet("example.jp", 1, 2);
  EXPECT_FALSE(ReadQuery(two, &id).ok());
  std::string cut = Packet("example.jp", 1);
  cut.resize(cut.size() - 3);
  EXPECT_FALSE(ReadQuery(cut, &id).ok());
  std::string pointer = Packet("example.jp", 1);
  pointer[12] = static_cast<char>(0xc0);  // compression in a question
  EXPECT_FALSE(ReadQuery(pointer, &id).ok());
  std::string response = Packet("example.jp", 1);
  response[2] = static_cast<char>(0x81);
  EXPECT_FALSE(ReadQuery(response, &id).ok());
  EXPECT_EQ(id, 0x1234);
  std::string formerr = WriteFormErr(id);
  EXPECT_EQ(formerr.size(), kHeaderSize);
  EXPECT_EQ(At(formerr, 2) & 0x800f, 0x8001);
}

TEST(DnsSimWireTest, AnswersCarryTheQuestionAndCounts) {
  uint16_t id = 0;
  auto q = ReadQuery(Packet("example.jp", 16), &id);
  ASSERT_TRUE(q.ok());
  Response r;
  r.answers.push_back({"example.jp", 16, 300, RdataTxt("v=spf1 -all")});
  std::string a = WriteResponse(*q, r);
  EXPECT_EQ(At(a, 0), 0x1234);
  EXPECT_EQ(At(a, 2), 0x8500);  // QR, AA, RD
  EXPECT_EQ(At(a, 4), 1);
  EXPECT_EQ(At(a, 6), 1);
  EXPECT_EQ(a.substr(kHeaderSize, q->question.size()), q->question);
  // A long answer is cut to the question with TC.
  Response big;
  for (int i = 0; i < 10; ++i)
    big.answers.push_back(
        {"example.jp", 16, 300, RdataTxt(std::string(60, 'x'))});
  std::string cut = WriteResponse(*q, big);
  EXPECT_EQ(At(cut, 2) & 0x0200, 0x0200);
  EXPECT_EQ(At(cut, 6), 0);
  EXPECT_LE(cut.size(), kMaxUdpAnswer);
}

TEST(DnsSimWireTest, TxtStringsOf255Bytes) {
  std::string t = RdataTxt(std::string(300, 'a'));
  ASSERT_EQ(t.size(), 302u);
  EXPECT_EQ(static_cast<uint8_t>(t[0]), 255);
  EXPECT_EQ(static_cast<uint8_t>(t[256]), 45);
  EXPECT_EQ(RdataTxt(""), std::string(1, '\0'));
  EXPECT_FALSE(RdataMx("mx.example.jp").ok());
  EXPECT_FALSE(RdataAddress("198.18.0.010", false).ok());
}

TEST(DnsSimWireTest, ServerAnswersWithoutASocket) {
  auto dns = SimDns::Start({{"example.jp",
                             {{"example.jp", dns_type::kNs, "ns1.example.jp"},
                              {"a.b.example.jp", dns_type::kA, "192.0.2.1"}}}},
                           {});
  ASSERT_TRUE(dns.ok()) << dns.status().ToString();
  auto rcode = [&](const std::string& name, uint16_t type) {
    return At((*dns)->Answer(Packet(name, type)), 2) & 0xf;
  };
  EXPECT_EQ(rcode("a.b.example.jp", 1), kNoError);
  EXPECT_EQ(rcode("b.example.jp", 1), kNoError);  // empty non-terminal
  EXPECT_EQ(rcode("c.example.jp", 1), kNxDomain);
  EXPECT_EQ(rcode("example.com", 1), kRefused);
  EXPECT_EQ((*dns)->Answer("x"), "");
}

}  // namespace
}  // namespace renumber::dns_sim
