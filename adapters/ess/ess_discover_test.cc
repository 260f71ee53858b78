#include "adapters/ess/ess_discover.h"

#include <gtest/gtest.h>

#include "adapters/ess/ess_test_builders.h"

namespace renumber {
namespace ess {
namespace {

using ess_test::kNew;
using ess_test::kOld;
using ess_test::MakeTarget;
using ess_test::SnapshotBuilder;
using K = Finding::Kind;

int Count(const Classification& c, K kind) {
  int n = 0;
  for (const Finding& f : c.findings) n += f.kind == kind;
  return n;
}

class EssClassifyTest : public ::testing::Test {
 protected:
  AccountState State(const SnapshotBuilder& b) {
    return ClassifyState(b.Build(), target_);
  }
  Target target_ = MakeTarget();
  FakeResolver resolver_;
};

TEST_F(EssClassifyTest, NotStartedPreparedCutOverMissing) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary).Outbound("o-1", kOld);
  EXPECT_EQ(State(b), AccountState::kNotStarted);
  b.Route("", "r-2", kNew, 25, kFailover).Outbound("o-2", kNew);
  EXPECT_EQ(State(b), AccountState::kPrepared);

  SnapshotBuilder cut;
  cut.Route("", "r-2", kNew, 25, kPrimary).Outbound("o-2", kNew);
  EXPECT_EQ(State(cut), AccountState::kCutOver);

  SnapshotBuilder none;
  none.Route("", "r-9", "192.0.2.1", 25, kPrimary).Outbound("o-9", "192.0.2.1");
  EXPECT_EQ(State(none), AccountState::kMissing);
}

TEST_F(EssClassifyTest, MissingNamesTheDeliveryServersInUse) {
  // A wrong old_ip in the plan: the account uses other servers.
  SnapshotBuilder none;
  none.Route("", "r-9", "192.0.2.1", 25, kPrimary)
      .Route("", "r-8", "192.0.2.2", 2525, kFailover)
      .Route("a.jp", "r-7", "192.0.2.1", 25, kPrimary)
      .Outbound("o-9", "192.0.2.1");
  Classification c = Classify(none.Build(), target_, &resolver_);
  ASSERT_EQ(c.state, AccountState::kMissing);
  ASSERT_EQ(Count(c, K::kNote), 1);
  const Finding& note = c.findings.back();
  EXPECT_NE(note.text.en.find("it uses 192.0.2.1:25, 192.0.2.2:2525 (check "
                              "old_ip in the plan)"),
            std::string::npos)
      << note.text.en;
  EXPECT_NE(note.text.ja.find("192.0.2.1:25, 192.0.2.2:2525"),
            std::string::npos);
  // Not said for an account in any other state.
  SnapshotBuilder started;
  started.Route("", "r-1", kOld, 25, kPrimary);
  EXPECT_EQ(Count(Classify(started.Build(), target_, &resolver_), K::kNote), 0);
}

TEST_F(EssClassifyTest, PartialStates) {
  // New route on another port than the old one.
  SnapshotBuilder port;
  port.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 2525, kFailover);
  EXPECT_EQ(State(port), AccountState::kPartial);
  // One collection prepared, another not yet.
  SnapshotBuilder half;
  half.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Route("a.jp", "r-3", kOld, 25, kPrimary);
  EXPECT_EQ(State(half), AccountState::kPartial);
  // Cutover done in one collection, not in the other.
  SnapshotBuilder mid;
  mid.Route("", "r-2", kNew, 25, kPrimary)
      .Route("a.jp", "r-3", kOld, 25, kPrimary)
      .Route("a.jp", "r-4", kNew, 25, kFailover);
  EXPECT_EQ(State(mid), AccountState::kPartial);
  // New promoted, old not deleted yet.
  SnapshotBuilder promoted;
  promoted.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kPrimary);
  EXPECT_EQ(State(promoted), AccountState::kPartial);
  // Routes prepared, outbound not.
  SnapshotBuilder outbound;
  outbound.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Outbound("o-1", kOld);
  EXPECT_EQ(State(outbound), AccountState::kPartial);
}

TEST_F(EssClassifyTest, CidrsCoverButAreNotReferences) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Outbound("o-1", "198.18.0.0/16")
      .Outbound("o-2", "198.19.0.0/24");
  EXPECT_EQ(State(b), AccountState::kPrepared);
  Classification c = Classify(b.Build(), target_, &resolver_);
  EXPECT_EQ(Count(c, K::kCidrOld), 1);
  EXPECT_EQ(Count(c, K::kCidrNew), 1);
  EXPECT_EQ(Count(c, K::kOldReference), 1);
  EXPECT_EQ(Count(c, K::kNewReference), 1);

  // Old covered by a CIDR only: the new IP must be covered too.
  SnapshotBuilder only_cidr;
  only_cidr.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Outbound("o-1", "198.18.0.0/16");
  EXPECT_EQ(State(only_cidr), AccountState::kPartial);
}

TEST_F(EssClassifyTest, HostNamesAreDnsWorkOrNotes) {
  resolver_.Set("mx.example.jp", {IpAddress::Parse(kOld).value()});
  resolver_.Set("other.example.jp", {IpAddress::Parse("192.0.2.7").value()});
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-5", "mx.example.jp", 25, kFailover)
      .Route("a.jp", "r-6", "other.example.jp", 25, kPrimary)
      .Route("a.jp", "r-7", "gone.example.jp", 25, kFailover);
  Classification c = Classify(b.Build(), target_, &resolver_);
  EXPECT_EQ(c.state, AccountState::kNotStarted);
  EXPECT_EQ(Count(c, K::kDnsDependent), 1);
  EXPECT_EQ(Count(c, K::kNote), 1);
  for (const Finding& f : c.findings) {
    if (f.kind == K::kDnsDependent) {
      EXPECT_EQ(f.object, "default route r-5");
      EXPECT_NE(f.text.en.find("mx.example.jp"), std::string::npos);
      EXPECT_NE(f.text.ja.find("DNS"), std::string::npos);
    }
    if (f.kind == K::kNote) {
      EXPECT_NE(f.text.en.find("gone.example.jp"), std::string::npos);
    }
  }
}

TEST_F(EssClassifyTest, Ipv4MappedAndIpv6Addresses) {
  SnapshotBuilder b;
  b.Route("", "r-1", "::ffff:198.18.0.1", 25, kPrimary);
  EXPECT_EQ(State(b), AccountState::kNotStarted);
  Target v6 = MakeTarget("2001:db8:a::10", "2001:db8:b::10");
  SnapshotBuilder six;
  six.Route("", "r-1", "2001:db8:a:0:0:0:0:10", 25, kPrimary)
      .Route("", "r-2", "2001:db8:b::10", 25, kFailover);
  EXPECT_EQ(ClassifyState(six.Build(), v6), AccountState::kPrepared);
}

TEST_F(EssClassifyTest, FindingsNameObjectsInBothLanguages) {
  SnapshotBuilder b;
  b.Route("a.jp", "r-3", kOld, 2525, kPrimary).Outbound("o-1", kOld);
  Classification c = Classify(b.Build(), target_, &resolver_);
  ASSERT_EQ(c.findings.size(), 2u);
  EXPECT_EQ(c.findings[0].object, "a.jp route r-3");
  EXPECT_EQ(c.findings[0].text.en,
            "delivery server 198.18.0.1:2525 (primary) in the routes of a.jp");
  EXPECT_NE(c.findings[0].text.ja.find("配送サーバー"), std::string::npos);
  EXPECT_EQ(c.findings[1].object, "outbound server o-1");
}

}  // namespace
}  // namespace ess
}  // namespace renumber
