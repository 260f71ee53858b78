#include "src/probe/connect_to.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ConnectToTest, ParsesMappingsAndResolves) {
  auto map = ConnectToMap::Parse(
      "# comment\n198.18.0.10 443 127.0.0.1 40123\n\n"
      "2001:db8:a::6 80   127.0.0.1 40124  # trailing\n",
      "map.txt");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->Resolve({"198.18.0.10", 443}), (Endpoint{"127.0.0.1", 40123}));
  EXPECT_EQ(map->Resolve({"2001:db8:a::6", 80}),
            (Endpoint{"127.0.0.1", 40124}));
  // Unmapped: itself.
  EXPECT_EQ(map->Resolve({"198.18.0.10", 80}), (Endpoint{"198.18.0.10", 80}));
  auto again = ConnectToMap::Parse(map->ToText(), "again");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Resolve({"198.18.0.10", 443}).port, 40123);
}

TEST(ConnectToTest, ErrorsNameTheLine) {
  for (const char* bad :
       {"198.18.0.10 443 127.0.0.1\n", "198.18.0.10 0 127.0.0.1 1\n",
        "198.18.0.10 443 localhost 1\n", "198.018.0.10 443 127.0.0.1 1\n",
        "198.18.0.10 443 127.0.0.1 70000\n",
        "1.2.3.4 80 127.0.0.1 1\n1.2.3.4 80 127.0.0.1 2\n"}) {
    auto map = ConnectToMap::Parse(bad, "f");
    ASSERT_FALSE(map.ok()) << bad;
    EXPECT_EQ(map.status().code(), Code::kInvalidArgument);
    EXPECT_NE(map.status().message().find("f:"), std::string::npos)
        << map.status().message();
  }
}

}  // namespace
}  // namespace renumber
