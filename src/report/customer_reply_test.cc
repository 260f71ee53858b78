#include "src/report/customer_reply.h"

#include <gtest/gtest.h>

#include <sstream>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

std::string ReplyTo(const std::string& customer, Lang lang, bool live = false) {
  CampaignReport r = SampleReport(live);
  for (const auto& [c, accounts] : ByCustomer(r))
    if (c == customer)
      return CustomerReply(c, accounts, r.offset_minutes, lang);
  return "";
}

// Words of the tool or of staff that a customer should not read.
void ExpectNoToolWords(const std::string& text) {
  for (const char* word :
       {"--", "renumber", "journal", "cut-over", "not-started", "prepared",
        "nothing-to-do", "verify", "[ok]", "ESS", "failover", "twin"})
    EXPECT_EQ(text.find(word), std::string::npos) << word << " in\n" << text;
}

TEST(CustomerReplyTest, JapaneseInTheNoticesTermsAndPolite) {
  const std::string ja = ReplyTo("C-1", Lang::kJa);
  for (const char* term :
       {"お客様ID: C-1", "基盤変更メンテナンス", "作業代行", "配送サーバー",
        "オリジンサーバー", "旧サーバーIPアドレス: 198.18.0.1",
        "新サーバーIPアドレス: 198.19.0.1",
        "新しいサーバーIPアドレスへの切替が完了し",
        "切替用の設定を準備しました", "（UTC+09:00）",
        "2026-12-11 06:05",  // cut over 21:05Z, in +09:00
        "お客様にてご対応をお願いしたい事項", "DNS レコードを新しいサーバーIP",
        "mail.c1.example.jp", "手作業での変更が必要です",
        "ご不明な点がございましたら"})
    EXPECT_NE(ja.find(term), std::string::npos) << term << " in\n" << ja;
  EXPECT_EQ(ja.find("custom draft"), std::string::npos)
      << "staff notes stay in the staff part";
  ExpectNoToolWords(ja);
  // Every sentence ends politely (です・ます).
  std::istringstream lines(ja);
  int sentences = 0;
  for (std::string line; std::getline(lines, line);) {
    for (size_t end = line.find("。"); end != std::string::npos;
         end = line.find("。", end + 1)) {
      const std::string before = line.substr(0, end);
      auto ends = [&](const std::string& s) {
        return before.size() >= s.size() &&
               before.compare(before.size() - s.size(), s.size(), s) == 0;
      };
      EXPECT_TRUE(ends("ます") || ends("です") || ends("ました") ||
                  ends("ください") || ends("ません") || ends("ません）"))
          << line;
      ++sentences;
    }
  }
  EXPECT_GE(sentences, 6);
}

TEST(CustomerReplyTest, EnglishSaysTheSame) {
  const std::string en = ReplyTo("C-1", Lang::kEn);
  for (const char* term :
       {"Customer ID: C-1", "delivery server", "origin server",
        "Old server IP address: 198.18.0.1", "switch to the new server IP",
        "ready but not yet active", "Please take care of the following",
        "- host name mail.c1.example.jp", "changed by hand", "(UTC+09:00)"})
    EXPECT_NE(en.find(term), std::string::npos) << term << " in\n" << en;
  ExpectNoToolWords(en);
}

// A service the reply catalog has no name for (a vendor added later) is
// named as registered; the two it knows by their catalog names.
TEST(CustomerReplyTest, AServiceWithoutACatalogNameShowsItsOwnName) {
  CampaignReport r = SampleReport(false);
  std::vector<const ReportAccount*> accounts;
  for (const auto& [c, list] : ByCustomer(r))
    if (c == "C-1") accounts = list;
  ASSERT_FALSE(accounts.empty());
  ReportAccount toy = *accounts[0];
  toy.service = "toy";
  accounts.push_back(&toy);
  const std::string en =
      CustomerReply("C-1", accounts, r.offset_minutes, Lang::kEn);
  EXPECT_NE(en.find("■ toy\n"), std::string::npos) << en;
  EXPECT_NE(en.find("■ ZenlogicCDN (origin server)\n"), std::string::npos)
      << en;
  const std::string ja =
      CustomerReply("C-1", accounts, r.offset_minutes, Lang::kJa);
  EXPECT_NE(ja.find("■ toy\n"), std::string::npos) << ja;
}

TEST(CustomerReplyTest, FailuresAreForStaffToExplain) {
  const std::string ja = ReplyTo("C-2", Lang::kJa);
  EXPECT_NE(ja.find("担当者が確認しております"), std::string::npos) << ja;
  EXPECT_EQ(ja.find("401"), std::string::npos) << "no error detail: " << ja;
  EXPECT_EQ(ja.find(kCanarySecret), std::string::npos);
  EXPECT_NE(ja.find("お客様にてご対応いただく作業はございません"),
            std::string::npos);
  const std::string never = ReplyTo("C-3", Lang::kEn);
  EXPECT_NE(never.find("No setting has been changed yet."), std::string::npos)
      << never;
  const std::string live = ReplyTo("C-3", Lang::kEn, /*live=*/true);
  EXPECT_NE(live.find("No setting has been changed yet."), std::string::npos)
      << live;
}

}  // namespace
}  // namespace renumber
