#include "adapters/cdn/cdn_text.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

TEST(CdnTextTest, UpdateAndRenameNameTheSettings) {
  Text up = DescribeChange(
      "update-backend",
      {{"service", "www (S1)"},
       {"name", "origin_1"},
       {"set", {{"auto_loadbalance", true}, {"healthcheck", "hc_x"}}}});
  EXPECT_EQ(up.en,
            "Update origin server origin_1 in the draft of www (S1): "
            "auto_loadbalance on, healthcheck hc_x");
  EXPECT_EQ(up.ja,
            "www (S1) の下書きでオリジンサーバー origin_1 を更新"
            "（auto_loadbalance 有効、ヘルスチェック hc_x）");
  Text rn = DescribeChange(
      "rename-backend",
      {{"service", "www (S1)"},
       {"from", "origin_1_renumber_new"},
       {"to", "origin_1"},
       {"set",
        {{"auto_loadbalance", false}, {"healthcheck", ""}, {"comment", ""}}}});
  EXPECT_EQ(rn.en,
            "Rename origin server origin_1_renumber_new to origin_1 in the "
            "draft of www (S1) and restore its original auto_loadbalance off, "
            "no healthcheck, its comment");
  EXPECT_NE(rn.ja.find("元の設定に戻す"), std::string::npos);
}

TEST(CdnTextTest, EveryKindHasBothLanguagesOnOneLine) {
  const nlohmann::json p = {{"service", "www (S1)"},
                            {"name", "a"},
                            {"from_version", 3},
                            {"version", 2},
                            {"live_active", 4},
                            {"undoes", "prepare"},
                            {"set", nlohmann::json::object()}};
  for (const char* kind :
       {"clone-version", "add-healthcheck", "add-backend", "update-backend",
        "link-director", "delete-backend", "rename-backend", "activate-version",
        "reactivate-version"}) {
    Text t = DescribeChange(kind, p);
    EXPECT_FALSE(t.en.empty()) << kind;
    EXPECT_FALSE(t.ja.empty()) << kind;
    EXPECT_EQ(t.en.find('\n'), std::string::npos) << kind;
    EXPECT_NE(t.en.find("www (S1)"), std::string::npos) << kind;
    EXPECT_NE(t.ja.find("www (S1)"), std::string::npos) << kind;
  }
}

}  // namespace
}  // namespace renumber::cdn
