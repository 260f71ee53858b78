#include "src/preflight/domain_source.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

AccountKey Key(const char* customer, Service s) { return {customer, s}; }

TEST(DomainSourceTest, FileByCustomerAndByAccount) {
  auto src = NewDomainsFileSource(
      "# customer domains\n"
      "C-10001  C10001.Example.JP. www.c10001.example.jp\n"
      "\n"
      "C-10002/ess  c10002.example.jp   # mail\n"
      "C-10002/cdn  www.c10002.example.jp\n"
      "C-10001/cdn  cdn.c10001.example.jp www.c10001.example.jp\n",
      "domains.txt");
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  auto ess1 = (*src)->Domains(Key("C-10001", Service("ess")));
  ASSERT_TRUE(ess1.ok());
  EXPECT_EQ(*ess1, (std::vector<std::string>{"c10001.example.jp",
                                             "www.c10001.example.jp"}));
  auto cdn1 = (*src)->Domains(Key("C-10001", Service("cdn")));
  EXPECT_EQ(*cdn1, (std::vector<std::string>{"c10001.example.jp",
                                             "www.c10001.example.jp",
                                             "cdn.c10001.example.jp"}));
  EXPECT_EQ(*(*src)->Domains(Key("C-10002", Service("ess"))),
            std::vector<std::string>{"c10002.example.jp"});
  EXPECT_EQ((*src)->Domains(Key("C-10003", Service("ess"))).status().code(),
            Code::kNotFound);
}

TEST(DomainSourceTest, BadLinesAreNamed) {
  for (const char* bad :
       {"C-10001\n", "C-10001/web example.jp\n", "C-10001 not_a..domain\n",
        "C-10001 localhost\n", "/ess example.jp\n"}) {
    auto src = NewDomainsFileSource(std::string("# x\n") + bad, "d.txt");
    ASSERT_FALSE(src.ok()) << bad;
    EXPECT_EQ(src.status().code(), Code::kInvalidArgument);
    EXPECT_NE(src.status().message().find("d.txt:2"), std::string::npos)
        << src.status().message();
  }
}

TEST(DomainSourceTest, FixedNames) {
  auto src =
      NewFixedDomainSource({"Example.JP", "example.jp", "www.example.jp"});
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(*(*src)->Domains(Key("C-1", Service("ess"))),
            (std::vector<std::string>{"example.jp", "www.example.jp"}));
  EXPECT_FALSE(NewFixedDomainSource({"no spaces.jp"}).ok());
}

}  // namespace
}  // namespace renumber
