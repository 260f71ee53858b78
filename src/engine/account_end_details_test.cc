#include "src/engine/account_end_details.h"

#include <gtest/gtest.h>

#include "src/log/log.h"

namespace renumber {
namespace {

using json = nlohmann::json;

AccountReport Prepared() {
  AccountReport r;
  Target& t = r.row.target;
  t.account = {"C-1", Service("cdn")};
  t.old_ip = *IpAddress::Parse("198.18.0.1");
  t.new_ip = *IpAddress::Parse("198.19.0.1");
  t.maintenance_end = *Timestamp::ParseRfc3339("2026-12-10T06:00:00+09:00");
  t.maintenance_end_offset = 540;
  t.ticket = "ZL-1";
  r.state_after = AccountState::kPrepared;
  r.findings = {
      {Finding::Kind::kOldReference, "svc/v3/backend a", {"old", "旧"}},
      {Finding::Kind::kDnsDependent,
       "svc/v3/backend b",
       {"origin.example.jp resolves to the old IP", "DNS の変更が必要です"}},
  };
  r.checks = {{"cdn.probe 198.19.0.1",
               true,
               {"200 same", "同じ"},
               false,
               std::chrono::milliseconds(12)}};
  return r;
}

TEST(AccountEndDetailsTest, KeepsWhatPeopleMustHandleAndRoundTrips) {
  json rec = {{"type", "account-end"}};
  AddAccountEndDetails(Prepared(), &rec);
  EXPECT_EQ(rec["target"]["maintenance_end"], "2026-12-10T06:00:00+09:00");
  EXPECT_EQ(rec["target"]["ticket"], "ZL-1");
  ASSERT_EQ(rec["findings"].size(), 1u) << "references are the state's job";
  EXPECT_EQ(rec["findings"][0]["kind"], "dns-dependent");
  EXPECT_EQ(rec["checks"][0]["latency_ms"], 12);

  AccountEndDetails d = ReadAccountEndDetails(json::parse(rec.dump()));
  ASSERT_TRUE(d.target && d.findings && d.checks);
  EXPECT_EQ(d.target->new_ip, "198.19.0.1");
  EXPECT_EQ((*d.findings)[0].text.ja, "DNS の変更が必要です");
  EXPECT_EQ((*d.checks)[0].name, "cdn.probe 198.19.0.1");
  EXPECT_TRUE((*d.checks)[0].ok);
  EXPECT_FALSE((*d.checks)[0].blocking);
  EXPECT_EQ((*d.checks)[0].latency, std::chrono::milliseconds(12));
}

TEST(AccountEndDetailsTest, NoFindingsWithoutARead) {
  AccountReport r = Prepared();
  r.state_after.reset();
  r.checks.clear();
  json rec = json::object();
  AddAccountEndDetails(r, &rec);
  EXPECT_TRUE(rec.contains("target"));
  EXPECT_FALSE(rec.contains("findings")) << "unknown is not 'none'";
  EXPECT_FALSE(rec.contains("checks"));
  AccountEndDetails d = ReadAccountEndDetails(rec);
  EXPECT_FALSE(d.findings.has_value());
  EXPECT_FALSE(d.checks.has_value());
}

TEST(AccountEndDetailsTest, VendorTextIsScrubbedBeforeItIsJournaled) {
  AddScrubbedSecret("tok-a1b2c3d4e5f6");
  AccountReport r = Prepared();
  r.findings.push_back({Finding::Kind::kNote,
                        "svc",
                        {"vendor said Fastly-Key tok-a1b2c3d4e5f6", "x"}});
  json rec = json::object();
  AddAccountEndDetails(r, &rec);
  EXPECT_EQ(rec.dump().find("tok-a1b2c3d4e5f6"), std::string::npos)
      << rec.dump();
}

TEST(AccountEndDetailsTest, OldRecordsAndOddShapesReadAsAbsent) {
  AccountEndDetails none = ReadAccountEndDetails(
      {{"type", "account-end"}, {"result", "done"}, {"state", "prepared"}});
  EXPECT_FALSE(none.target || none.findings || none.checks);
  AccountEndDetails odd = ReadAccountEndDetails(
      {{"target", "198.19.0.1"},
       {"findings", {1, "x", {{"kind", 7}}}},
       {"checks", {{{"name", "c"}, {"ok", "yes"}, {"latency_ms", "9"}}}}});
  EXPECT_FALSE(odd.target.has_value());
  ASSERT_TRUE(odd.findings.has_value());
  ASSERT_EQ(odd.findings->size(), 1u);
  EXPECT_EQ((*odd.findings)[0].kind, "");
  ASSERT_EQ(odd.checks->size(), 1u);
  EXPECT_FALSE((*odd.checks)[0].ok) << "only true is true";
  EXPECT_FALSE((*odd.checks)[0].latency.has_value());
}

}  // namespace
}  // namespace renumber
