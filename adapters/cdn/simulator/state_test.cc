// SaveState / LoadState round trips, and a bad state changes nothing.
#include "adapters/cdn/simulator/state.h"

#include <gtest/gtest.h>

#include "adapters/cdn/simulator/cdn_sim_vendor.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

std::vector<SimCustomer> Customers() {
  std::vector<SimCustomer> out;
  for (int i = 0; i < 8; ++i) {
    SimCustomer c;
    c.id = "C-" + std::to_string(20001 + i);
    c.index = i;
    c.old_ip = i == 7 ? "2001:db8:a::8" : "198.18.1." + std::to_string(i);
    c.services.push_back({"cdn", {{"api_token", "t" + std::to_string(i)}}});
    out.push_back(c);
  }
  return out;
}

// One request straight to Handle (the HTTP path is the conformance suite's).
ServerResponse Call(SimApi* api, const std::string& method,
                    const std::string& path, const std::string& body = "") {
  ServerRequest r;
  r.method = method;
  r.path = r.raw_path = path;
  r.headers.Set("Fastly-Key", "t2");
  if (!body.empty()) {
    r.headers.Set("Content-Type", "application/x-www-form-urlencoded");
    r.body = body;
  }
  SimCall call;
  return api->Handle(r, &call);
}

TEST(CdnStateTest, RoundTripKeepsEverything) {
  FakeClock clock;
  auto api = NewCdnSimApi(Customers(), &clock);
  ASSERT_TRUE(api->Configure({{"rate_limit", {{"size", 7}}}}).ok());
  json list = json::parse(Call(api.get(), "GET", "/service").body);
  std::string v = "/service/" + list[0]["id"].get<std::string>() + "/version/";
  // t2 is rank 2 (shape "images"): version 3 of 4 is active.
  ASSERT_EQ(Call(api.get(), "PUT", v + "3/clone").status, 200);
  ASSERT_EQ(Call(api.get(), "POST", v + "5/backend",
                 "name=twin&address=198.19.1.2&shield=x&use_ssl=1")
                .status,
            200);
  ASSERT_EQ(Call(api.get(), "PUT", v + "5/activate").status, 200);
  json saved = api->SaveState();
  EXPECT_EQ(saved["format"], kStateFormat);
  EXPECT_EQ(saved["rate_limit"]["size"], 7);
  EXPECT_FALSE(saved["history"].empty());
  EXPECT_EQ(saved["services"][0]["backend_limit"], 5);

  auto fresh = NewCdnSimApi({}, &clock);
  EXPECT_TRUE(fresh->SaveState()["services"].empty());
  ASSERT_TRUE(fresh->LoadState(saved).ok());
  EXPECT_EQ(fresh->SaveState(), saved);
  EXPECT_EQ(fresh->Settings()["rate_limit"]["size"], 7);
  // The loaded state serves requests: tokens, the draft and its backend.
  ServerResponse r = Call(fresh.get(), "GET", v + "5/backend/twin");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["shield"], "x");
  // And through JSON text as a state file would.
  auto again = NewCdnSimApi({}, &clock);
  ASSERT_TRUE(again->LoadState(json::parse(saved.dump())).ok());
  EXPECT_EQ(again->SaveState(), saved);
}

TEST(CdnStateTest, BadStatesAreRefusedAndChangeNothing) {
  FakeClock clock;
  auto api = NewCdnSimApi(Customers(), &clock);
  json good = api->SaveState();
  std::vector<json> bad(12, good);
  bad[0]["format"] = "other/1";
  bad[1].erase("services");
  bad[2]["services"][0]["versions"][0]["backends"][0]["port"] = "80";
  bad[3]["services"][0]["versions"][0]["number"] = 2;
  bad[4]["services"][0]["account"] = "C-99999";
  bad[5]["accounts"][0]["tokens"][0]["scope"] = "root";
  bad[6]["services"].push_back(good["services"][0]);
  for (json& v : bad[7]["services"][1]["versions"]) v["active"] = true;
  bad[8]["rate_limit"]["size"] = 0;
  bad[9]["services"][0]["type"] = "edge";
  bad[10]["accounts"][0]["tokens"][0].erase("user_id");
  bad[11]["services"][0]["backend_limit"] = 0;
  ASSERT_GT(good["services"][1]["versions"].size(), 1u);
  for (size_t i = 0; i < bad.size(); ++i) {
    Status s = api->LoadState(bad[i]);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << i << " " << s.ToString();
    EXPECT_EQ(api->SaveState(), good);
  }
  EXPECT_EQ(api->LoadState(json::array()).code(), Code::kInvalidArgument);
}

TEST(CdnStateTest, MissingOptionalFieldsTakeDefaults) {
  json state = json::parse(R"({
    "format": "renumber-cdn-sim/2",
    "accounts": [{"id": "C-1", "customer_id": "c1",
                  "tokens": [{"token": "t2", "scope": "global",
                              "user_id": "u1"}]}],
    "services": [{"id": "S1", "name": "www.example.jp", "account": "C-1",
                  "versions": [{"number": 1, "active": true, "locked": true,
                                "backends": [{"name": "o",
                                              "address": "192.0.2.1"}]}]}]
  })");
  FakeClock clock;
  auto api = NewCdnSimApi({}, &clock);
  ASSERT_TRUE(api->LoadState(state).ok());
  json b = api->SaveState()["services"][0]["versions"][0]["backends"][0];
  EXPECT_EQ(b["port"], 80);
  EXPECT_EQ(b["ssl_check_cert"], true);
  EXPECT_TRUE(b["healthcheck"].is_null());
  EXPECT_EQ(api->Settings()["rate_limit"]["size"], 1000);
  json service = api->SaveState()["services"][0];
  EXPECT_EQ(service["type"], "vcl");
  EXPECT_EQ(service["backend_limit"], 5);
  EXPECT_TRUE(b["share_key"].is_null());
}

}  // namespace
}  // namespace renumber::cdnsim
