#include "src/log/log.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace renumber {
namespace {

TEST(LogTest, JsonLinesAreEscapedAndSecretsScrubbed) {
  std::string out;
  ASSERT_TRUE(InitLoggingTo("info", "json", &out).ok());
  AddScrubbedSecret("s3cr3t-token-value");
  spdlog::info("sending \"x\" with s3cr3t-token-value\nnext");
  spdlog::debug("not shown");
  EXPECT_EQ(out.find("s3cr3t"), std::string::npos) << out;
  EXPECT_NE(out.find("\\u2039") == std::string::npos
                ? out.find("\xe2\x80\xb9redacted")
                : 0,
            std::string::npos);
  EXPECT_NE(out.find("\\\"x\\\""), std::string::npos) << out;
  EXPECT_NE(out.find("\\nnext"), std::string::npos) << out;
  EXPECT_EQ(out.find("not shown"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "one line per message";
}

TEST(LogTest, TextFormatAndBadOptions) {
  std::string out;
  ASSERT_TRUE(InitLoggingTo("warn", "text", &out).ok());
  spdlog::warn("careful");
  EXPECT_NE(out.find(" warning careful"), std::string::npos) << out;
  EXPECT_EQ(InitLoggingTo("loud", "text", &out).code(), Code::kInvalidArgument);
  EXPECT_EQ(InitLoggingTo("info", "xml", &out).code(), Code::kInvalidArgument);
}

TEST(LogTest, SecretIsScrubbedAlsoInItsJsonEscapedForm) {
  AddScrubbedSecret("pa\"ss\\word-9");
  std::string dumped =
      "{\"detail\":\"key " + JsonEscape("pa\"ss\\word-9") + "\"}";
  std::string scrubbed = ScrubSecrets(dumped);
  EXPECT_EQ(scrubbed.find("word-9"), std::string::npos) << scrubbed;
  EXPECT_NE(scrubbed.find("redacted"), std::string::npos) << scrubbed;
  EXPECT_EQ(ScrubSecrets("raw pa\"ss\\word-9 end").find("word-9"),
            std::string::npos);
}

TEST(LogTest, JsonEscape) {
  EXPECT_EQ(JsonEscape("a\"b\\c\x01"), "a\\\"b\\\\c\\u0001");
  EXPECT_EQ(JsonEscape("配送サーバー"), "配送サーバー");
}

}  // namespace
}  // namespace renumber
