#include "adapters/read_cache.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

HttpResponse Answer(const std::string& body) {
  HttpResponse r;
  r.status = 200;
  r.body = body;
  return r;
}

TEST(ReadCacheTest, KeepsAnAnswerUntilErased) {
  ReadCache cache;
  EXPECT_EQ(cache.Find("/a"), nullptr);
  cache.Put("/a", Answer("1"));
  ASSERT_NE(cache.Find("/a"), nullptr);
  EXPECT_EQ(cache.Find("/a")->body, "1");
  cache.Put("/a", Answer("2"));
  EXPECT_EQ(cache.Find("/a")->body, "2");
  EXPECT_EQ(cache.hits(), 3);
  cache.Erase("/a");
  EXPECT_EQ(cache.Find("/a"), nullptr);
}

TEST(ReadCacheTest, EraseIfForgetsOnlyWhatItIsAskedTo) {
  ReadCache cache;
  cache.Put("/service/S1/details", Answer("d"));
  cache.Put("/service/S1/version/3/backend", Answer("b"));
  cache.Put("/service/S2/details", Answer("e"));
  cache.EraseIf([](const std::string& p) {
    return p.find("/S1/") != 0 && p.find("S1") != std::string::npos;
  });
  EXPECT_EQ(cache.Find("/service/S1/details"), nullptr);
  EXPECT_EQ(cache.Find("/service/S1/version/3/backend"), nullptr);
  ASSERT_NE(cache.Find("/service/S2/details"), nullptr);
  cache.Clear();
  EXPECT_EQ(cache.Find("/service/S2/details"), nullptr);
}

}  // namespace
}  // namespace renumber
