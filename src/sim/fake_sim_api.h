// For tests only: a tiny SimApi that stands in for a vendor so SimHost's
// faults, counters and admin endpoint can be tested over real HTTP.
//   GET  /v1/items     200 {"items": N}
//   POST /v1/items     201, commits (N += 1)
//   GET  /v1/limited   429 with Retry-After
// Auth: header X-Account must be "C-1" or "C-2", else 401.
#ifndef RENUMBER_SIM_FAKE_SIM_API_H_
#define RENUMBER_SIM_FAKE_SIM_API_H_

#include <mutex>
#include <string>
#include <vector>

#include "src/sim/sim_api.h"

namespace renumber {

class FakeSimApi : public SimApi {
 public:
  explicit FakeSimApi(bool implements_account_of = false)
      : account_of_(implements_account_of) {}
  std::string vendor() const override { return "fake"; }

  ServerResponse Handle(const ServerRequest& r, SimCall* call) override {
    std::lock_guard<std::mutex> l(mu_);
    events_.push_back("handle " + r.method + " " + r.path);
    ServerResponse out;
    std::string account = r.headers.GetOr("X-Account", "");
    if (account != "C-1" && account != "C-2") {
      out.status = 401;
      out.body = R"({"error":"who"})";
      return out;
    }
    call->account = account;
    if (r.path == "/v1/items" && r.method == "GET") {
      call->endpoint = "GET /v1/items";
      out.body = nlohmann::json{{"items", items_}}.dump();
    } else if (r.path == "/v1/items" && r.method == "POST") {
      call->endpoint = "POST /v1/items";
      call->committed = true;
      ++items_;
      out.status = 201;
      out.body = nlohmann::json{{"items", items_}}.dump();
    } else if (r.path == "/v1/limited") {
      call->endpoint = r.method + " /v1/limited";
      out.status = 429;
      out.headers.Set("Retry-After", "1");
      out.body = R"({"error":"slow down"})";
    } else {
      out.status = 404;
      out.body = R"({"error":"no such path"})";
    }
    return out;
  }

  std::string AccountOf(const ServerRequest& r) override {
    return account_of_ ? r.headers.GetOr("X-Account", "") : "";
  }

  Status CustomerChange(const std::string& account) override {
    std::lock_guard<std::mutex> l(mu_);
    if (account != "C-1" && account != "C-2")
      return Status::NotFound("unknown account " + account);
    events_.push_back("change " + account);
    return Status::Ok();
  }

  Status Configure(const nlohmann::json& settings) override {
    std::lock_guard<std::mutex> l(mu_);
    for (auto it = settings.begin(); it != settings.end(); ++it) {
      if (it.key() != "mode")
        return Status::InvalidArgument("unknown setting " + it.key());
    }
    if (settings.contains("mode")) mode_ = settings["mode"];
    return Status::Ok();
  }
  nlohmann::json Settings() const override {
    std::lock_guard<std::mutex> l(mu_);
    return {{"mode", mode_}};
  }
  nlohmann::json SaveState() const override {
    std::lock_guard<std::mutex> l(mu_);
    return {{"items", items_}};
  }
  Status LoadState(const nlohmann::json& state) override {
    std::lock_guard<std::mutex> l(mu_);
    items_ = state.at("items").get<int>();
    return Status::Ok();
  }

  int items() const {
    std::lock_guard<std::mutex> l(mu_);
    return items_;
  }
  std::vector<std::string> events() const {
    std::lock_guard<std::mutex> l(mu_);
    return events_;
  }

 private:
  const bool account_of_;
  mutable std::mutex mu_;
  int items_ = 0;
  nlohmann::json mode_ = "normal";
  std::vector<std::string> events_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_FAKE_SIM_API_H_
