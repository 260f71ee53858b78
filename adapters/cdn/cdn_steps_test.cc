#include "adapters/cdn/cdn_steps.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace renumber::cdn {
namespace {

const char kOld[] = "198.18.0.5";
const char kNew[] = "198.19.0.5";

Addresses Addrs() {
  return {IpAddress::Parse(kOld).value(), IpAddress::Parse(kNew).value()};
}

Backend MakeBackend(const std::string& name, const std::string& address,
                    const std::string& hc = "", bool alb = false,
                    const std::string& comment = "") {
  nlohmann::json raw = {{"name", name},
                        {"address", address},
                        {"port", 443},
                        {"use_ssl", true},
                        {"override_host", "www.c1.example.jp"},
                        {"auto_loadbalance", alb},
                        {"comment", comment}};
  raw["healthcheck"] = hc.empty() ? nlohmann::json() : nlohmann::json(hc);
  return ParseBackend(raw).value();
}

// What a step does to a configuration, as the contract describes it; used
// to check that applying a plan and planning again gives nothing.
void ApplyToConfig(const Step& s, VersionConfig* v) {
  const auto& p = s.params;
  auto find = [v](const std::string& n) {
    return std::find_if(v->backends.begin(), v->backends.end(),
                        [&](const Backend& b) { return b.name == n; });
  };
  if (s.kind == "add-healthcheck") {
    v->healthchecks.push_back({p["name"], p["host"], "/"});
  } else if (s.kind == "add-backend") {
    Backend old = *find(p["copy_of"]);
    TwinMarker m{old.name, old.auto_loadbalance, old.healthcheck, old.comment};
    v->backends.push_back(MakeBackend(p["name"], p["address"], p["healthcheck"],
                                      true, EncodeTwinComment(m)));
  } else if (s.kind == "update-backend") {
    auto b = find(p["name"]);
    if (p["set"].contains("auto_loadbalance")) b->auto_loadbalance = true;
    if (p["set"].contains("healthcheck"))
      b->healthcheck = p["set"]["healthcheck"];
  } else if (s.kind == "link-director") {
    for (auto& d : v->directors)
      if (d.name == p["director"]) d.backends.push_back(p["backend"]);
  } else if (s.kind == "delete-backend") {
    v->backends.erase(find(p["name"]));
    for (auto& d : v->directors)
      d.backends.erase(std::remove(d.backends.begin(), d.backends.end(),
                                   p["name"].get<std::string>()),
                       d.backends.end());
  } else if (s.kind == "rename-backend") {
    auto b = find(p["from"]);
    b->name = p["to"];
    if (p["set"].contains("auto_loadbalance"))
      b->auto_loadbalance = p["set"]["auto_loadbalance"];
    if (p["set"].contains("healthcheck"))
      b->healthcheck = p["set"]["healthcheck"];
    if (p["set"].contains("comment")) b->comment = p["set"]["comment"];
    for (auto& d : v->directors)
      std::replace(d.backends.begin(), d.backends.end(),
                   p["from"].get<std::string>(), p["to"].get<std::string>());
  }
}

VersionConfig TwoOriginsInAPool() {
  VersionConfig v;
  v.backends = {MakeBackend("origin_1", kOld),
                MakeBackend("origin_2", kOld, "hc_root", true, "second"),
                MakeBackend("static", "203.0.113.7")};
  v.directors = {{"pool", {"origin_1", "origin_2"}}, {"other", {"static"}}};
  v.healthchecks = {{"hc_root", "www.c1.example.jp", "/"}};
  return v;
}

std::vector<std::string> Kinds(const ServiceSteps& s) {
  std::vector<std::string> out;
  for (const Step& step : s.steps) out.push_back(step.kind + " " + step.key);
  return out;
}

TEST(CdnStepsTest, PrepareAddsTwinsHealthcheckUpdatesAndLinks) {
  auto steps = PrepareSteps(TwoOriginsInAPool(), Addrs(), "www.c1.example.jp");
  ASSERT_TRUE(steps.ok()) << steps.status().ToString();
  EXPECT_EQ(Kinds(*steps),
            (std::vector<std::string>{
                "add-healthcheck healthcheck/renumber_hc_www_c1_example_jp",
                "add-backend twin/origin_1", "add-backend twin/origin_2",
                "update-backend update/origin_1",
                "link-director director/pool/origin_1_renumber_new",
                "link-director director/pool/origin_2_renumber_new"}));
  // origin_2 keeps its own healthcheck; origin_1 gets the new one.
  EXPECT_EQ(steps->steps[1].params["healthcheck"],
            "renumber_hc_www_c1_example_jp");
  EXPECT_EQ(steps->steps[2].params["healthcheck"], "hc_root");
  EXPECT_EQ(steps->steps[1].params["address"], kNew);
  EXPECT_EQ(steps->steps[3].params["set"]["auto_loadbalance"], true);
}

TEST(CdnStepsTest, PrepareThenCutoverConvergeAndPlanAgainIsEmpty) {
  VersionConfig v = TwoOriginsInAPool();
  const Addresses a = Addrs();
  EXPECT_EQ(ClassifyService(v, a, "w"), ServiceState::kNotStarted);
  const std::vector<Step> prep = PrepareSteps(v, a, "w").value().steps;
  for (const Step& s : prep) ApplyToConfig(s, &v);
  EXPECT_TRUE(PrepareSteps(v, a, "w").value().steps.empty());
  EXPECT_EQ(ClassifyService(v, a, "w"), ServiceState::kPrepared);

  auto cut = CutoverSteps(v, a);
  ASSERT_TRUE(cut.ok());
  EXPECT_TRUE(cut->unprepared.empty());
  EXPECT_EQ(Kinds(*cut), (std::vector<std::string>{
                             "delete-backend delete/origin_1",
                             "delete-backend delete/origin_2",
                             "rename-backend rename/origin_1_renumber_new",
                             "rename-backend rename/origin_2_renumber_new"}));
  EXPECT_TRUE(cut->steps[0].removes_reference);
  // The rename restores the old backend's original settings.
  EXPECT_EQ(cut->steps[2].params["set"]["auto_loadbalance"], false);
  EXPECT_EQ(cut->steps[2].params["set"]["healthcheck"], "");
  EXPECT_EQ(cut->steps[3].params["set"]["comment"], "second");
  for (const Step& s : cut->steps) ApplyToConfig(s, &v);
  EXPECT_TRUE(CutoverSteps(v, a).value().steps.empty());
  EXPECT_EQ(ClassifyService(v, a, "w"), ServiceState::kCutOver);
  ASSERT_NE(v.FindBackend("origin_1"), nullptr);
  EXPECT_EQ(v.FindBackend("origin_1")->address, kNew);
  EXPECT_EQ(v.directors[0].backends,
            (std::vector<std::string>{"origin_1", "origin_2"}));
}

TEST(CdnStepsTest, PartialStatesAreFinishedNotRedone) {
  VersionConfig v = TwoOriginsInAPool();
  const Addresses a = Addrs();
  const std::vector<Step> all = PrepareSteps(v, a, "w").value().steps;
  for (size_t i = 0; i < 3; ++i) ApplyToConfig(all[i], &v);  // hc + 2 twins
  EXPECT_EQ(ClassifyService(v, a, "w"), ServiceState::kPartial);
  auto rest = PrepareSteps(v, a, "w").value();
  EXPECT_EQ(rest.steps.size(), all.size() - 3);
  // Cut over of a half-prepared service is only a projection.
  auto cut = CutoverSteps(v, a).value();
  EXPECT_EQ(cut.unprepared, (std::vector<std::string>{"origin_1", "origin_2"}));
}

TEST(CdnStepsTest, CutoverFinishesATwinWhoseOldIsAlreadyGone) {
  VersionConfig v = TwoOriginsInAPool();
  const Addresses a = Addrs();
  const std::vector<Step> prep = PrepareSteps(v, a, "w").value().steps;
  for (const Step& s : prep) ApplyToConfig(s, &v);
  const std::vector<Step> cut = CutoverSteps(v, a).value().steps;
  ApplyToConfig(cut[0], &v);  // origin_1 deleted, its twin not renamed yet
  EXPECT_EQ(ClassifyService(v, a, "w"), ServiceState::kPartial);
  auto rest = CutoverSteps(v, a).value();
  EXPECT_TRUE(rest.unprepared.empty());
  EXPECT_EQ(Kinds(rest), (std::vector<std::string>{
                             "delete-backend delete/origin_2",
                             "rename-backend rename/origin_1_renumber_new",
                             "rename-backend rename/origin_2_renumber_new"}));
}

TEST(CdnStepsTest, NotStartedCutoverIsProjected) {
  auto cut = CutoverSteps(TwoOriginsInAPool(), Addrs()).value();
  EXPECT_EQ(cut.unprepared.size(), 2u);
  EXPECT_EQ(cut.steps.size(), 4u);
}

TEST(CdnStepsTest, TwinNameTakenByAnotherAddressIsRefused) {
  VersionConfig v = TwoOriginsInAPool();
  v.backends.push_back(MakeBackend("origin_1_renumber_new", "203.0.113.1"));
  auto steps = PrepareSteps(v, Addrs(), "w");
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(steps.status().message().find("origin_1_renumber_new"),
            std::string::npos);
}

TEST(CdnStepsTest, ServiceWithoutEitherIpIsNone) {
  VersionConfig v;
  v.backends = {MakeBackend("x", "203.0.113.7"), MakeBackend("h", "a.jp")};
  EXPECT_EQ(ClassifyService(v, Addrs(), "w"), ServiceState::kNone);
  EXPECT_TRUE(PrepareSteps(v, Addrs(), "w").value().steps.empty());
  EXPECT_TRUE(CutoverSteps(v, Addrs()).value().steps.empty());
}

}  // namespace
}  // namespace renumber::cdn
