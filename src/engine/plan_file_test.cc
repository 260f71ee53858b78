#include "src/engine/plan_file.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

const char* kHeader = "customer,service,old_ip,new_ip,maintenance_end,ticket\n";

Result<std::vector<PlanRow>> Parse(const std::string& body,
                                   bool allow_family = false) {
  return ParsePlanCsv(body, "plan.csv", PlanOptions{allow_family});
}

TEST(PlanFileTest, ParsesRowsCommentsBomAndQuotes) {
  std::string text = std::string("\xEF\xBB\xBF# a campaign\n\n") + kHeader +
                     "C-1,ess,203.0.113.10,198.51.100.20,"
                     "2026-12-10T06:00:00+09:00,ZL-1\r\n"
                     "  # indented comment\n"
                     "\"C-2\",cdn,2001:db8::1,2001:db8::2,"
                     "2026-12-10T06:00:00Z,\"ZL, \"\"2\"\"\"\n";
  auto rows = Parse(text);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const Target& a = (*rows)[0].target;
  EXPECT_EQ(a.account.ToString(), "C-1/ess");
  EXPECT_EQ(a.old_ip.ToString(), "203.0.113.10");
  EXPECT_EQ(a.maintenance_end.ToRfc3339(), "2026-12-09T21:00:00Z");
  EXPECT_EQ((*rows)[0].line, 4);
  EXPECT_EQ((*rows)[1].target.ticket, "ZL, \"2\"");
  EXPECT_EQ((*rows)[1].line, 6);
}

TEST(PlanFileTest, ColumnsInAnyOrder) {
  auto rows = Parse(
      "ticket,service,customer,new_ip,old_ip,maintenance_end\n"
      "T,ess,C-1,198.51.100.20,203.0.113.10,2026-12-10T06:00:00Z\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].target.new_ip.ToString(), "198.51.100.20");
}

struct BadCase {
  const char* row;
  const char* expect;  // substring of the error
};

TEST(PlanFileTest, EveryBadRowNamesFileAndLine) {
  const BadCase cases[] = {
      {"C-1,dns,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "unknown service"},
      {"C-1,ess,203.0.113.010,198.51.100.20,2026-12-10T06:00:00Z,T", "old_ip"},
      {"C-1,ess,2001:DB8::1,2001:db8::2,2026-12-10T06:00:00Z,T",
       "canonical form; write '2001:db8::1'"},
      {"C-1,ess,203.0.113.10,203.0.113.10,2026-12-10T06:00:00Z,T",
       "the same address"},
      {"C-1,ess,203.0.113.10,2001:db8::2,2026-12-10T06:00:00Z,T",
       "--allow-family-change"},
      {"C-1,ess,203.0.113.10,198.51.100.20,2026-12-10 06:00,T",
       "maintenance_end"},
      {"C-1,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z",
       "expected 6 fields, found 5"},
      {"C-1,ess,\"203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "unterminated quote"},
      {",ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "customer id is empty"},
      // Customer ids become file names and reach terminals.
      {"../../x,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "customer id is not valid"},
      {"C/1,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "customer id is not valid"},
      {"\x1b[2J,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "customer id is not valid"},
      {".hidden,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T",
       "customer id is not valid"},
      {"C-1,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T\xff",
       "UTF-8"},
  };
  for (const BadCase& c : cases) {
    auto rows = Parse(std::string(kHeader) + "# ok\n" + c.row + "\n");
    ASSERT_FALSE(rows.ok()) << c.row;
    EXPECT_EQ(rows.status().code(), Code::kInvalidArgument);
    EXPECT_NE(rows.status().message().find("plan.csv:3"), std::string::npos)
        << rows.status().message();
    EXPECT_NE(rows.status().message().find(c.expect), std::string::npos)
        << rows.status().message();
  }
}

TEST(PlanFileTest, FamilyChangeAllowedWhenAsked) {
  auto rows = Parse(std::string(kHeader) +
                        "C-1,ess,203.0.113.10,2001:db8::2,"
                        "2026-12-10T06:00:00Z,T\n",
                    /*allow_family=*/true);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  // A mapped address counts as IPv4.
  rows = Parse(std::string(kHeader) +
               "C-1,ess,203.0.113.10,::ffff:198.51.100.2,"
               "2026-12-10T06:00:00Z,T\n");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
}

TEST(PlanFileTest, DuplicatesHeaderAndEmptyFiles) {
  auto dup =
      Parse(std::string(kHeader) +
            "C-1,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T\n"
            "C-1,ess,203.0.113.11,198.51.100.21,2026-12-10T06:00:00Z,T\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("plan.csv:3: duplicate account C-1/ess "
                                        "(first on line 2)"),
            std::string::npos)
      << dup.status().message();
  EXPECT_FALSE(Parse("").ok());
  EXPECT_FALSE(Parse(kHeader).ok());
  auto no_header =
      Parse("C-1,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00Z,T\n");
  ASSERT_FALSE(no_header.ok());
  EXPECT_NE(no_header.status().message().find("plan.csv:1: header"),
            std::string::npos);
  auto extra =
      Parse("customer,service,old_ip,new_ip,maintenance_end,ticket,x\n");
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.status().message().find("unknown column 'x'"),
            std::string::npos);
}

TEST(PlanFileTest, SingleAccountShortcut) {
  Timestamp now = *Timestamp::ParseRfc3339("2026-12-01T00:00:00Z");
  auto row = SingleAccountRow("C-9", "cdn", "203.0.113.10", "198.51.100.20", "",
                              "", now, {});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->target.maintenance_end, now);
  auto bad = SingleAccountRow("C-9", "cdn", "203.0.113.10", "203.0.113.10", "",
                              "", now, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("command line"), std::string::npos);
}

}  // namespace
}  // namespace renumber
