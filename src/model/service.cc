#include "src/model/service.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace renumber {
namespace {

// Registered specs never move or go (a deque keeps references on
// push_back), so a Service may point at one for the life of the process.
struct Registry {
  std::mutex mu;
  std::deque<ServiceSpec> specs;
};

Registry& TheRegistry() {
  static Registry* registry = [] {
    auto* r = new Registry;
    for (const ServiceSpec& s : BuiltinServiceSpecs()) r->specs.push_back(s);
    return r;
  }();
  return *registry;
}

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 16) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

}  // namespace

Status RegisterService(ServiceSpec spec) {
  if (!ValidName(spec.name))
    return Status::InvalidArgument(
        "a service name is 1-16 of [a-z0-9]",
        "サービス名は英小文字と数字で 1〜16 文字にしてください");
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> l(r.mu);
  for (const ServiceSpec& s : r.specs)
    if (s.name == spec.name)
      return Status::InvalidArgument(
          "service '" + spec.name + "' is already registered",
          "サービス '" + spec.name + "' はすでに登録されています");
  r.specs.push_back(std::move(spec));
  return Status::Ok();
}

Service::Service(std::string_view name) {
  auto found = ParseService(name);
  if (!found.ok()) {
    std::fprintf(stderr, "renumber: no service '%.*s' is registered\n",
                 static_cast<int>(name.size()), name.data());
    std::abort();
  }
  *this = *found;
}

const std::string& Service::name() const {
  static const std::string kNone;
  return spec_ ? spec_->name : kNone;
}

const char* ServiceName(Service s) { return s.name().c_str(); }

Result<Service> ParseService(std::string_view text) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> l(r.mu);
  std::string en, ja;
  for (size_t i = 0; i < r.specs.size(); ++i) {
    if (r.specs[i].name == text)
      return Service(&r.specs[i], static_cast<int>(i));
    bool last = i + 1 == r.specs.size();
    en += (i == 0 ? "" : last ? " or " : ", ") + r.specs[i].name;
    ja += (i == 0 ? "" : last ? " か " : "、") + r.specs[i].name;
  }
  return Status::InvalidArgument(
      "unknown service '" + std::string(text) + "' (expected " + en + ")",
      "不明なサービス '" + std::string(text) + "' です（" + ja +
          " を指定してください）");
}

std::vector<Service> RegisteredServices() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> l(r.mu);
  std::vector<Service> out;
  for (size_t i = 0; i < r.specs.size(); ++i)
    out.push_back(Service(&r.specs[i], static_cast<int>(i)));
  return out;
}

}  // namespace renumber
