#include "src/report/report_json.h"

#include <gtest/gtest.h>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

using json = nlohmann::json;

TEST(ReportJsonTest, EverythingForPrograms) {
  // Through text and back, as a program would read it.
  json doc = json::parse(ReportJson(SampleReport(true)).dump(2));
  EXPECT_EQ(doc["report"], "campaign");
  EXPECT_EQ(doc["campaign"], "plan-2026-12");
  EXPECT_EQ(doc["utc_offset_minutes"], 540);
  EXPECT_EQ(doc["live_at"], "2026-12-10T23:59:00Z");
  EXPECT_EQ(doc["totals"]["accounts"], 4);
  EXPECT_EQ(doc["totals"]["by_verdict"]["CRITICAL"], 2);
  EXPECT_EQ(doc["totals"]["hidden_origins"], 0) << "live: none found";
  ASSERT_EQ(doc["accounts"].size(), 4u);
  const json& ess = doc["accounts"][0];
  EXPECT_EQ(ess["account"], "C-1/ess");
  EXPECT_EQ(ess["state"], "cut-over");
  EXPECT_EQ(ess["state_from"], "live");
  EXPECT_EQ(ess["changed_by"], "alice");
  EXPECT_EQ(ess["verdict"]["severity"], "CRITICAL");
  EXPECT_EQ(ess["checks"][0]["ok"], false);
  EXPECT_EQ(ess["dns_work"][0]["kind"], "dns-dependent");
  EXPECT_EQ(ess["target"]["maintenance_end"], "2026-12-10T06:00:00+09:00");
  EXPECT_TRUE(doc["accounts"][2]["state"].is_null());
  EXPECT_EQ(doc["timeline"]["states"][0], "cut-over");
  const json& last = doc["timeline"]["points"].back();
  EXPECT_EQ(last["at"], "2026-12-10T23:59:00Z");
  EXPECT_EQ(last["counts"]["not-started"], 1);
  ASSERT_EQ(doc["customers"].size(), 3u);
  EXPECT_NE(doc["customers"][0]["ja"].get<std::string>().find("お客様ID"),
            std::string::npos);
  EXPECT_NE(doc["customers"][0]["en"].get<std::string>().find("Customer ID"),
            std::string::npos);
  const std::string text = doc.dump();
  EXPECT_EQ(text.find("\\u001b"), std::string::npos)
      << "no control character, even escaped";
  EXPECT_EQ(text.find(kCanarySecret), std::string::npos);
}

}  // namespace
}  // namespace renumber
