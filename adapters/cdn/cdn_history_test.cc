#include "adapters/cdn/cdn_history.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

nlohmann::json Record(const std::string& kind, nlohmann::json params,
                      nlohmann::json outcome) {
  return {{"change", {{"id", "x"}, {"kind", kind}, {"params", params}}},
          {"outcome", outcome}};
}

TEST(CdnHistoryTest, ReadsDraftsAndActivationsPerService) {
  nlohmann::json h = nlohmann::json::array(
      {Record("clone-version",
              {{"service_id", "S1"},
               {"from_version", 3},
               {"known_latest", 4},
               {"phase", "prepare"}},
              {{"service_id", "S1"}, {"cloned_from", 3}, {"draft", 5}}),
       Record("add-backend", {{"service_id", "S1"}}, {{"draft", 5}}),
       Record("activate-version", {{"service_id", "S1"}},
              {{"previous_active", 3}, {"activated", 5}}),
       Record("clone-version",
              {{"service_id", "S2"}, {"from_version", 1}, {"known_latest", 1}},
              nullptr),
       "garbage", Record("activate-version", {{"no_sid", 1}}, nullptr)});
  auto all = ReadHistory(h);
  ASSERT_EQ(all.size(), 2u);
  const ServiceHistory* s1 = FindHistory(all, "S1");
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->draft, 5);
  EXPECT_EQ(s1->cloned_from, 3);
  EXPECT_TRUE(s1->activate_done);
  EXPECT_EQ(s1->previous_active, 3);
  EXPECT_EQ(s1->activated, 5);
  EXPECT_EQ(s1->phase, "prepare");
  const ServiceHistory* s2 = FindHistory(all, "S2");
  ASSERT_NE(s2, nullptr);
  EXPECT_TRUE(s2->clone_intent);
  EXPECT_EQ(s2->draft, 0);
  EXPECT_EQ(s2->clone_known_latest, 1);
  EXPECT_FALSE(s2->activate_intent);
  EXPECT_EQ(s1->first_previous_active, 3);
  EXPECT_EQ(FindHistory(all, "S3"), nullptr);
  EXPECT_TRUE(ReadHistory(nlohmann::json::object()).empty());
}

TEST(CdnHistoryTest, ASecondRunKeepsTheVersionBeforeTheFirstSwitch) {
  nlohmann::json h = nlohmann::json::array(
      {Record("activate-version", {{"service_id", "S1"}},
              {{"previous_active", 3}, {"activated", 5}}),
       Record("clone-version", {{"service_id", "S1"}},
              {{"cloned_from", 5}, {"draft", 6}}),
       Record("activate-version", {{"service_id", "S1"}},
              {{"previous_active", 5}, {"activated", 6}})});
  auto all = ReadHistory(h);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].first_previous_active, 3);
  EXPECT_EQ(all[0].previous_active, 5);
  EXPECT_EQ(all[0].activated, 6);
  EXPECT_EQ(all[0].foreign_between, 0);
  // The second switch was made on top of a version someone else activated.
  h[2]["outcome"]["previous_active"] = 7;
  EXPECT_EQ(ReadHistory(h)[0].foreign_between, 7);
}

}  // namespace
}  // namespace renumber::cdn
