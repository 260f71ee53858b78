#include "adapters/cdn/cdn_text.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

TEST(CdnTextTest, SetAddressSaysOnlyTheAddressChanges) {
  Text t =
      DescribeChange(ChangeKind::kSetAddress, {{"service", "www (S1)"},
                                               {"backend", "origin_1"},
                                               {"old_address", "198.18.0.5"},
                                               {"new_ip", "198.19.0.5"}});
  EXPECT_EQ(t.en,
            "In the staged version of www (S1), set origin server origin_1 "
            "from 198.18.0.5 to 198.19.0.5 (every other setting unchanged)");
  EXPECT_NE(t.ja.find("オリジンサーバー origin_1"), std::string::npos);
  EXPECT_NE(t.ja.find("他の設定は変更しません"), std::string::npos);
}

TEST(CdnTextTest, EveryKindHasBothLanguagesOnOneLine) {
  const nlohmann::json p = {{"service", "www (S1)"},
                            {"backend", "a"},
                            {"from_version", 3},
                            {"version", 2},
                            {"live_active", 4},
                            {"undoes", "cutover"},
                            {"base", 3},
                            {"old_ip", "198.18.0.5"},
                            {"new_ip", "198.19.0.5"}};
  for (ChangeKind k :
       {ChangeKind::kCloneVersion, ChangeKind::kLabelStaged,
        ChangeKind::kSetAddress, ChangeKind::kValidateStaged,
        ChangeKind::kSupersedeStaged, ChangeKind::kActivateStaged,
        ChangeKind::kReactivateVersion, ChangeKind::kAbandonStaged}) {
    const std::string kind = ChangeKinds().Name(k);
    Text t = DescribeChange(k, p);
    EXPECT_FALSE(t.en.empty()) << kind;
    EXPECT_FALSE(t.ja.empty()) << kind;
    EXPECT_NE(t.en, t.ja) << kind;
    EXPECT_EQ(t.en.find('\n'), std::string::npos) << kind;
    EXPECT_NE(t.en.find("www (S1)"), std::string::npos) << kind;
    EXPECT_NE(t.ja.find("www (S1)"), std::string::npos) << kind;
    // The Japanese text's own parentheses are full-width, in pairs.
    auto count = [&t](const std::string& paren) {
      size_t n = 0;
      for (size_t at = t.ja.find(paren); at != std::string::npos;
           at = t.ja.find(paren, at + paren.size()))
        ++n;
      return n;
    };
    EXPECT_EQ(count("（"), count("）")) << kind << ": " << t.ja;
  }
}

TEST(CdnTextTest, FindingsUseTheNoticesTerms) {
  EXPECT_NE(HiddenOriginText("www (S1)", "snippet debug")
                .ja.find("隠れたオリジンサーバー"),
            std::string::npos);
  EXPECT_NE(StagedText("www (S1)", 4, 3, true, 5).en.find("prepared-stale"),
            std::string::npos);
  EXPECT_NE(
      StagedText("www (S1)", 4, 3, false, 3).ja.find("切替用バージョン 4"),
      std::string::npos);
}

}  // namespace
}  // namespace renumber::cdn
