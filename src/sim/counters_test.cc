#include "src/sim/counters.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(SimCountersTest, CountsEveryDimension) {
  SimCounters c;
  c.Record({"GET", "GET /v1/x", "C-1", 200, false, {}});
  c.Record({"POST", "POST /v1/x", "C-1", 201, true, {}});
  c.Record({"POST", "POST /v1/x", "C-2", 429, false, {}});
  c.Record({"POST", "", "", 0, false, {"drop"}});
  c.Record({"POST", "POST /v1/x", "C-2", 500, true, {"lost_response"}});
  auto j = c.ToJson();
  EXPECT_EQ(j["requests"], 5);
  EXPECT_EQ(j["writes"], 4);
  EXPECT_EQ(j["committed_writes"], 2);
  EXPECT_EQ(j["rate_limited"], 1);
  EXPECT_EQ(j["by_endpoint"]["GET /v1/x"], 1);
  EXPECT_EQ(j["by_endpoint"]["POST /v1/x"], 3);
  EXPECT_EQ(j["by_endpoint"]["(not handled)"], 1);
  EXPECT_EQ(j["by_status"]["429"], 1);
  EXPECT_EQ(j["by_status"]["dropped"], 1);
  EXPECT_EQ(j["by_account"]["C-1"], 2);
  EXPECT_EQ(j["by_account"]["C-2"], 2);
  EXPECT_EQ(j["writes_by_account"]["C-1"], 1);
  EXPECT_EQ(j["committed_by_account"]["C-2"], 1);
  EXPECT_EQ(j["faults"]["drop"], 1);
  EXPECT_EQ(j["faults"]["lost_response"], 1);
}

TEST(SimCountersTest, ResetClearsAll) {
  SimCounters c;
  c.Record({"POST", "POST /v1/x", "C-1", 429, true, {"slow"}});
  c.Reset();
  auto j = c.ToJson();
  EXPECT_EQ(j["requests"], 0);
  EXPECT_EQ(j["rate_limited"], 0);
  EXPECT_TRUE(j["by_endpoint"].empty());
  EXPECT_TRUE(j["faults"].empty());
  EXPECT_TRUE(j["by_account"].is_object());
}

}  // namespace
}  // namespace renumber
