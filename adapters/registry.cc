#include "adapters/registry.h"

#include <map>
#include <mutex>

namespace renumber {
namespace {

struct Factories {
  std::mutex mu;
  std::map<std::string, AdapterFactory> by_service;
};

// The one list of adapter factories: one line per vendor, beside its
// service in services.cc.
Factories& TheFactories() {
  static auto* kFactories = new Factories{{},
                                          {
                                              {"ess", NewEssAdapter},
                                              {"cdn", NewCdnAdapter},
                                          }};
  return *kFactories;
}

}  // namespace

Status RegisterVendor(ServiceSpec spec, AdapterFactory factory) {
  std::string name = spec.name;
  RN_RETURN_IF_ERROR(RegisterService(std::move(spec)));
  Factories& f = TheFactories();
  std::lock_guard<std::mutex> l(f.mu);
  f.by_service[name] = std::move(factory);
  return Status::Ok();
}

Result<std::unique_ptr<Adapter>> NewAdapter(const Credentials& credentials,
                                            const AdapterDeps& deps) {
  if (!deps.transport || !deps.clock || !deps.resolver || !deps.random)
    return Status::Internal(
        "adapter dependencies are missing",
        "サービスの処理に必要な準備ができていません（内部エラー）");
  AdapterFactory factory;
  {
    Factories& f = TheFactories();
    std::lock_guard<std::mutex> l(f.mu);
    auto it = f.by_service.find(credentials.account.service.name());
    if (it != f.by_service.end()) factory = it->second;
  }
  if (!factory)
    return Status::InvalidArgument(
        "no adapter for service of " + credentials.account.ToString(),
        credentials.account.ToString() + " のサービスには対応していません");
  return factory(credentials, deps);
}

}  // namespace renumber
