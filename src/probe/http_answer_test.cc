#include "src/probe/http_answer.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(HttpAnswerTest, ContentLengthBody) {
  const std::string raw =
      "HTTP/1.1 200 OK\r\nContent-Type: text/HTML; charset=utf-8\r\n"
      "Content-Length: 44\r\n\r\n"
      "<html><title> Shop &amp;\n Co </title></html>";
  EXPECT_EQ(CheckAnswer(raw), AnswerProgress::kComplete);
  EXPECT_EQ(CheckAnswer(raw.substr(0, raw.size() - 1)),
            AnswerProgress::kIncomplete);
  auto a = ParseAnswer(raw, false, 1 << 20);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(a->content_type, "text/html");
  EXPECT_EQ(a->title, "Shop & Co");
  EXPECT_EQ(a->body.size(), 44u);
  EXPECT_EQ(a->body_sha256, Sha256Hex(a->body));
  EXPECT_FALSE(a->truncated);
}

TEST(HttpAnswerTest, ChunkedBody) {
  const std::string raw =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: text/plain\r\n\r\n"
      "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
  EXPECT_EQ(CheckAnswer(raw), AnswerProgress::kComplete);
  EXPECT_EQ(CheckAnswer(raw.substr(0, raw.size() - 5)),
            AnswerProgress::kIncomplete);
  auto a = ParseAnswer(raw, true, 1 << 20);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->body, "hello, world");
  EXPECT_EQ(a->title, "");
}

TEST(HttpAnswerTest, BodyUntilCloseAndTheSizeLimit) {
  const std::string raw = "HTTP/1.0 200 OK\r\n\r\n" + std::string(100, 'x');
  EXPECT_EQ(CheckAnswer(raw), AnswerProgress::kIncomplete);
  auto a = ParseAnswer(raw, true, 40);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->body.size(), 40u);
  EXPECT_TRUE(a->truncated);
  EXPECT_EQ(a->body_sha256, Sha256Hex(std::string(40, 'x')));
}

TEST(HttpAnswerTest, RedirectsAreAnswers) {
  auto a = ParseAnswer(
      "HTTP/1.1 301 Moved\r\nLocation: https://x.example.jp/\r\n"
      "Content-Length: 0\r\n\r\n",
      false, 100);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status, 301);
  EXPECT_EQ(a->location, "https://x.example.jp/");
}

TEST(HttpAnswerTest, BrokenAnswers) {
  EXPECT_EQ(CheckAnswer("SSH-2.0-OpenSSH\r\n"), AnswerProgress::kBad);
  EXPECT_EQ(ParseAnswer("SSH-2.0-OpenSSH\r\n", true, 100).status().code(),
            Code::kInternal);
  // Closed before the announced length.
  auto cut = ParseAnswer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
                         true, 100);
  EXPECT_EQ(cut.status().code(), Code::kUnavailable);
  EXPECT_EQ(
      ParseAnswer("HTTP/1.1 200 OK\r\nContent-", true, 100).status().code(),
      Code::kUnavailable);
}

TEST(HttpAnswerTest, TitleFindsTheFirstTitleOnly) {
  EXPECT_EQ(HtmlTitle("<TITLE lang=ja>ようこそ</TITLE><title>x</title>"),
            "ようこそ");
  EXPECT_EQ(HtmlTitle("<p>no title</p>"), "");
  EXPECT_EQ(HtmlTitle("<title>&lt;b&gt; &quot;q&quot; &#39;s</title>"),
            "<b> \"q\" 's");
}

}  // namespace
}  // namespace renumber
