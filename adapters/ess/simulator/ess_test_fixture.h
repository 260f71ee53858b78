// For tests only: the ESS simulator on a free loopback port with a
// FakeClock, and a client that builds every request by hand from the
// contract text (docs/ess-contract.md): Basic auth, JSON bodies,
// If-Match. Shares no code with any adapter.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_TEST_FIXTURE_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "adapters/ess/simulator/ess_sim_vendor.h"
#include "src/core/time.h"
#include "src/sim/host.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/test_client.h"
#include "src/sim/world.h"

namespace renumber {

struct EssReply {
  int status = 0;
  nlohmann::json body;
  Headers headers;
  std::string raw;
};

class EssSimTest : public ::testing::Test {
 protected:
  static constexpr const char* kEnd = "2026-12-10T06:00:00+09:00";

  EssSimTest()
      : clock_(Timestamp::ParseRfc3339("2026-12-01T00:00:00Z").value()) {}

  void SetUp() override {
    InitHttpRuntime(64);
    customers_ = SeedCustomers(8, kEnd);
    auto api = NewEssSimApi(customers_, &clock_);
    api_ = api.get();
    auto host = StartSimHost(std::move(api), SimHostOptions{});
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(host).value();
    client_ = std::make_unique<TestClient>(host_->base_url());
  }
  void TearDown() override {
    if (host_) host_->Stop();
  }

  // Customer i's admin login (C-10001 is index 0).
  std::pair<std::string, std::string> Admin(int i) const {
    return {customers_[i].Credential("ess", "username"),
            customers_[i].Credential("ess", "password")};
  }
  // The account's read-only user, as the simulator seeded it.
  std::pair<std::string, std::string> Viewer(int i) const {
    const nlohmann::json state = api_->SaveState();
    for (const auto& a : state["accounts"]) {
      if (a["customer"] != customers_[i].id) continue;
      for (const auto& u : a["users"]) {
        if (!u["admin"].get<bool>())
          return {u["username"].get<std::string>(),
                  u["password"].get<std::string>()};
      }
    }
    ADD_FAILURE() << "no viewer for " << customers_[i].id;
    return {};
  }

  EssReply Raw(const std::string& method, const std::string& path,
               const std::string& body,
               std::vector<std::pair<std::string, std::string>> headers) {
    auto r = client_->Send(method, path, body, std::move(headers));
    EXPECT_TRUE(r.ok()) << method << " " << path << ": "
                        << r.status().ToString();
    if (!r.ok()) return {};
    return {r->status, BodyJson(*r), r->headers, r->body};
  }
  EssReply Get(const std::string& path, int who = 0) {
    auto [u, p] = Admin(who);
    return Raw("GET", path, "", {BasicAuthHeader(u, p)});
  }
  EssReply Post(const std::string& path, const nlohmann::json& body,
                int who = 0,
                std::optional<std::string> if_match = std::nullopt) {
    auto [u, p] = Admin(who);
    std::vector<std::pair<std::string, std::string>> h = {
        BasicAuthHeader(u, p)};
    if (if_match) h.push_back({"If-Match", *if_match});
    // A null body (an empty brace list in a test) is sent as {}.
    return Raw("POST", path, body.is_null() ? "{}" : body.dump(), h);
  }
  // The ETag of a collection (GET of `collection`).
  std::string Etag(const std::string& collection, int who = 0) {
    EssReply r = Get(collection, who);
    EXPECT_EQ(r.status, 200) << collection << ": " << r.raw;
    return r.body.value("etag", "");
  }
  // A write with the current ETag of `collection`.
  EssReply Write(const std::string& path, const nlohmann::json& body,
                 const std::string& collection, int who = 0) {
    return Post(path, body, who, Etag(collection, who));
  }
  nlohmann::json Routes(const std::string& collection, int who = 0) {
    return Get(collection, who).body["routes"];
  }
  // The first route of `collection` whose address is `address`.
  nlohmann::json RouteByAddress(const std::string& collection,
                                const std::string& address, int who = 0) {
    for (const auto& r : Routes(collection, who)) {
      if (r["address"] == address) return r;
    }
    return nlohmann::json();
  }
  // A custom-mode domain of customer `who`.
  std::string CustomDomain(int who) {
    auto r = Get("/v1/domains?per_page=100", who);
    for (const auto& d : r.body["domains"]) {
      if (d["route_mode"] == "custom") return d["name"];
    }
    ADD_FAILURE() << "no custom domain for " << customers_[who].id;
    return "";
  }

  static void ExpectFailure(const EssReply& r, int status,
                            const std::string& code) {
    EXPECT_EQ(r.status, status) << r.raw;
    EXPECT_EQ(r.body.value("status", ""), "FAILURE") << r.raw;
    EXPECT_EQ(r.body.value("code", ""), code) << r.raw;
    EXPECT_FALSE(r.body.value("message", "").empty()) << r.raw;
  }
  static void ExpectSuccess(const EssReply& r, int status) {
    EXPECT_EQ(r.status, status) << r.raw;
    EXPECT_EQ(r.body.value("status", ""), "SUCCESS") << r.raw;
  }

  FakeClock clock_;
  std::vector<SimCustomer> customers_;
  SimApi* api_ = nullptr;
  std::unique_ptr<SimHost> host_;
  std::unique_ptr<TestClient> client_;
};

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_TEST_FIXTURE_H_
