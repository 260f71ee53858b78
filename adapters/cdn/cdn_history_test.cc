#include "adapters/cdn/cdn_history.h"

#include <gtest/gtest.h>

namespace renumber::cdn {
namespace {

nlohmann::json Record(const std::string& kind, nlohmann::json params,
                      nlohmann::json outcome) {
  return {{"change", {{"id", "x"}, {"kind", kind}, {"params", params}}},
          {"outcome", outcome}};
}

nlohmann::json Clone(const std::string& sid, int from, int known,
                     int draft = 0) {
  return Record("clone-version",
                {{"service_id", sid},
                 {"service", "www (" + sid + ")"},
                 {"from_version", from},
                 {"known_latest", known}},
                draft ? nlohmann::json{{"cloned_from", from}, {"draft", draft}}
                      : nlohmann::json());
}

TEST(CdnHistoryTest, TheInterruptedClonesOfEachService) {
  nlohmann::json h = nlohmann::json::array(
      {Clone("S1", 3, 4, 5),
       Record("set-address", {{"service_id", "S1"}}, {{"draft", 5}}),
       // S2: killed before the clone's answer was journaled, twice; the
       // second run knew one version more (the first run's clone).
       Clone("S2", 1, 2), Clone("S2", 1, 3), "garbage",
       Record("activate-staged", {{"no_sid", 1}}, nullptr)});
  auto all = ReadHistory(h);
  ASSERT_EQ(all.size(), 2u);
  const ServiceHistory* s1 = FindHistory(all, "S1");
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->draft, 5);
  EXPECT_EQ(s1->clone_from, 3);
  EXPECT_EQ(s1->unresolved_above, 0);
  const ServiceHistory* s2 = FindHistory(all, "S2");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->draft, 0);
  EXPECT_EQ(s2->unresolved_above, 2);  // the earliest: copies above v2
  EXPECT_EQ(FindHistory(all, "S9"), nullptr);
  // A later clone with an outcome resolves the earlier intents.
  h.push_back(Clone("S2", 1, 3, 3));
  EXPECT_EQ(FindHistory(ReadHistory(h), "S2")->unresolved_above, 0);
  EXPECT_EQ(FindHistory(ReadHistory(h), "S2")->draft, 3);
}

TEST(CdnHistoryTest, SwitchesAndSomeoneElsesVersionBetweenThem) {
  auto activate = [](int prev, int act) {
    return Record("activate-staged", {{"service_id", "S1"}},
                  {{"previous_active", prev}, {"activated", act}});
  };
  auto all = ReadHistory(nlohmann::json::array(
      {activate(3, 5), activate(7, 8)}));  // 7: the customer's
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].activate_intent);
  EXPECT_EQ(all[0].first_previous_active, 3);
  EXPECT_EQ(all[0].activated, 8);
  EXPECT_EQ(all[0].foreign_between, 7);
  auto intent_only = ReadHistory(nlohmann::json::array(
      {Record("activate-staged", {{"service_id", "S1"}}, nullptr)}));
  EXPECT_TRUE(intent_only[0].activate_intent);
  EXPECT_EQ(intent_only[0].activated, 0);
}

}  // namespace
}  // namespace renumber::cdn
