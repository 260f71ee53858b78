// NewCdnSimApi: the ZenlogicCDN simulator (work in progress: the contract's
// endpoints are being filled in; see README.md).
#include <memory>
#include <mutex>

#include "src/sim/vendors.h"

namespace renumber {
namespace {

class CdnSimApi : public SimApi {
 public:
  CdnSimApi(const std::vector<SimCustomer>& customers, Clock* clock)
      : customers_(customers), clock_(clock) {}

  std::string vendor() const override { return "cdn"; }

  ServerResponse Handle(const ServerRequest& request, SimCall* call) override {
    (void)request;
    call->endpoint = "";
    ServerResponse r;
    r.status = 501;
    r.body = R"({"msg":"Not implemented","detail":"simulator in progress"})";
    return r;
  }

  Status CustomerChange(const std::string& account) override {
    return Status::NotFound("unknown account " + account);
  }
  Status Configure(const nlohmann::json& settings) override {
    (void)settings;
    return Status::InvalidArgument("no settings yet");
  }
  nlohmann::json Settings() const override { return nlohmann::json::object(); }
  nlohmann::json SaveState() const override { return nlohmann::json::object(); }
  Status LoadState(const nlohmann::json& state) override {
    (void)state;
    return Status::Ok();
  }

 private:
  std::vector<SimCustomer> customers_;
  Clock* clock_;
};

}  // namespace

std::unique_ptr<SimApi> NewCdnSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock) {
  return std::make_unique<CdnSimApi>(customers, clock);
}

}  // namespace renumber
