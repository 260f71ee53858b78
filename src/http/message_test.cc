#include "src/http/message.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(HeadersTest, GetIsCaseInsensitive) {
  Headers h{{"Content-Type", "application/json"}};
  EXPECT_EQ(h.Get("content-type"), "application/json");
  EXPECT_EQ(h.Get("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(h.Get("Content-Length").has_value());
  EXPECT_EQ(h.GetOr("Content-Length", "none"), "none");
}

TEST(HeadersTest, SetReplacesAllValuesAddAppends) {
  Headers h;
  h.Add("X-A", "1");
  h.Add("x-a", "2");
  EXPECT_EQ(h.items().size(), 2u);
  EXPECT_EQ(h.Get("X-A"), "1");  // the first one
  h.Set("X-a", "3");
  ASSERT_EQ(h.items().size(), 1u);
  EXPECT_EQ(h.items()[0].first, "X-a");
  EXPECT_EQ(h.Get("x-A"), "3");
}

TEST(HeadersTest, RemoveKeepsOthersInOrder) {
  Headers h{{"A", "1"}, {"B", "2"}, {"a", "3"}, {"C", "4"}};
  h.Remove("a");
  ASSERT_EQ(h.items().size(), 2u);
  EXPECT_EQ(h.items()[0].first, "B");
  EXPECT_EQ(h.items()[1].first, "C");
}

TEST(HeaderNameEqualsTest, ComparesIgnoringCaseOnly) {
  EXPECT_TRUE(HeaderNameEquals("Fastly-Key", "fastly-key"));
  EXPECT_FALSE(HeaderNameEquals("Fastly-Key", "Fastly-Keys"));
  EXPECT_FALSE(HeaderNameEquals("Fastly_Key", "Fastly-Key"));
}

TEST(IsIdempotentMethodTest, PostAndPatchAreNot) {
  for (const char* m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
    EXPECT_TRUE(IsIdempotentMethod(m)) << m;
  for (const char* m : {"POST", "PATCH", "CONNECT"})
    EXPECT_FALSE(IsIdempotentMethod(m)) << m;
}

TEST(UrlEncodeTest, KeepsUnreservedEncodesTheRest) {
  EXPECT_EQ(UrlEncode("aZ09-_.~"), "aZ09-_.~");
  EXPECT_EQ(UrlEncode("a b/c?d=e&f"), "a%20b%2Fc%3Fd%3De%26f");
  EXPECT_EQ(UrlEncode("\xe6\x97\xa5"), "%E6%97%A5");
  EXPECT_EQ(UrlEncode(""), "");
}

}  // namespace
}  // namespace renumber
