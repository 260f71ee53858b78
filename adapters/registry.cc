#include "adapters/registry.h"

#include <map>

namespace renumber {
namespace {

const std::map<Service, AdapterFactory>& Factories() {
  static const auto* kFactories = new std::map<Service, AdapterFactory>{
      {Service::kEss, NewEssAdapter},
      {Service::kCdn, NewCdnAdapter},
  };
  return *kFactories;
}

}  // namespace

Result<std::unique_ptr<Adapter>> NewAdapter(const Credentials& credentials,
                                            const AdapterDeps& deps) {
  if (!deps.transport || !deps.clock || !deps.resolver || !deps.random)
    return Status::Internal(
        "adapter dependencies are missing",
        "サービスの処理に必要な準備ができていません（内部エラー）");
  auto it = Factories().find(credentials.account.service);
  if (it == Factories().end())
    return Status::InvalidArgument(
        "no adapter for service of " + credentials.account.ToString(),
        credentials.account.ToString() + " のサービスには対応していません");
  return it->second(credentials, deps);
}

}  // namespace renumber
