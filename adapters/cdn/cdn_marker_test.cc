#include "adapters/cdn/cdn_marker.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

IpAddress Ip(const char* s) { return *IpAddress::Parse(s); }

TEST(CdnMarkerTest, StagedCommentCarriesItsTagAndReadsBack) {
  const std::string c = StagedComment(3, Ip("198.18.0.5"), Ip("198.19.0.5"),
                                      "ZL-2026-10001", "plan-2026-12");
  EXPECT_NE(c.find("198.18.0.5 \xE2\x86\x92 198.19.0.5"), std::string::npos);
  EXPECT_NE(c.find("ticket ZL-2026-10001, campaign plan-2026-12"),
            std::string::npos);
  EXPECT_NE(c.find("基盤変更メンテナンス"), std::string::npos);
  auto m = ParseMark(c);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, MarkKind::kStaged);
  EXPECT_EQ(m->base, 3);
  EXPECT_TRUE(m->For(Ip("198.18.0.5"), Ip("198.19.0.5")));
  EXPECT_FALSE(m->For(Ip("198.18.0.5"), Ip("198.19.0.6")));
}

TEST(CdnMarkerTest, AbandonedAndSupersededAreNoLongerStaged) {
  Mark staged{MarkKind::kStaged, 7, "2001:db8:a::6", "2001:db8:b::6"};
  auto a = ParseMark(AbandonedComment(staged));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->kind, MarkKind::kAbandoned);
  EXPECT_EQ(a->base, 7);
  auto s = ParseMark(SupersededComment(staged, 9));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->kind, MarkKind::kSuperseded);
  EXPECT_TRUE(s->For(Ip("2001:db8:a::6"), Ip("2001:db8:b::6")));
}

TEST(CdnMarkerTest, OtherCommentsAreNotOurs) {
  for (const char* c :
       {"", "Update 3", "Changed by the customer in the console",
        "[renumber-staged]", "[renumber-staged base=x old=1 new=2]",
        "[renumber-twin base=3 old=1.2.3.4 new=1.2.3.5]",
        "[renumber-staged base=3 old=1.2.3.4]"})
    EXPECT_FALSE(ParseMark(c).has_value()) << c;
}

}  // namespace
}  // namespace renumber::cdn
