#include "adapters/cdn/simulator/routes.h"

#include <vector>

namespace renumber::cdnsim {
namespace {

const std::vector<Route>& Table() {
  static const std::vector<Route>* table = new std::vector<Route>{
      {"GET", "/tokens/self", TokenSelf},
      {"GET", "/service", ListServices},
      {"GET", "/service/{sid}/details", ServiceDetails},
      {"GET", "/service/{sid}/version", ListVersions},
      {"PUT", "/service/{sid}/version/{v}", UpdateVersion},
      {"PUT", "/service/{sid}/version/{v}/clone", CloneVersion},
      {"PUT", "/service/{sid}/version/{v}/lock", LockVersion},
      {"PUT", "/service/{sid}/version/{v}/activate", ActivateVersion},
      {"GET", "/service/{sid}/version/{v}/validate", ValidateVersionEndpoint},
      {"GET", "/service/{sid}/diff/from/{from}/to/{to}", DiffVersions},
      {"GET", "/service/{sid}/version/{v}/domain", ListDomains},
      {"GET", "/service/{sid}/version/{v}/vcl", ListVcls},
      {"GET", "/service/{sid}/version/{v}/snippet", ListSnippets},
      {"GET", "/service/{sid}/version/{v}/pool", ListPools},
      {"GET", "/service/{sid}/pool/{pool_id}/servers", ListPoolServers},
      {"GET", "/service/{sid}/version/{v}/backend", ListBackends},
      {"POST", "/service/{sid}/version/{v}/backend", CreateBackend},
      {"GET", "/service/{sid}/version/{v}/backend/{name}", GetBackend},
      {"PUT", "/service/{sid}/version/{v}/backend/{name}", UpdateBackend},
      {"DELETE", "/service/{sid}/version/{v}/backend/{name}", DeleteBackend},
      {"GET", "/service/{sid}/version/{v}/healthcheck", ListHealthchecks},
      {"POST", "/service/{sid}/version/{v}/healthcheck", CreateHealthcheck},
      {"DELETE", "/service/{sid}/version/{v}/healthcheck/{name}",
       DeleteHealthcheck},
      {"GET", "/service/{sid}/version/{v}/director", ListDirectors},
      {"POST", "/service/{sid}/version/{v}/director/{dname}/backend/{bname}",
       AddDirectorBackend},
      {"DELETE", "/service/{sid}/version/{v}/director/{dname}/backend/{bname}",
       RemoveDirectorBackend},
  };
  return *table;
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern,
           const std::vector<std::string>& raw,
           std::map<std::string, std::string>* params) {
  if (pattern.size() != raw.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < pattern.size(); ++i) {
    auto segment = PercentDecode(raw[i], /*plus_as_space=*/false);
    if (!segment.ok() || segment->empty()) return false;
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}')
      found[p.substr(1, p.size() - 2)] = *segment;
    else if (p != *segment)
      return false;
  }
  *params = std::move(found);
  return true;
}

}  // namespace

std::string Route::Endpoint() const {
  return std::string(method) + " " + pattern;
}

const Route* MatchRoute(const std::string& method, const std::string& raw_path,
                        std::map<std::string, std::string>* params) {
  if (raw_path.empty() || raw_path[0] != '/') return nullptr;
  std::vector<std::string> raw = Split(raw_path);
  for (const Route& route : Table()) {
    if (method != route.method) continue;
    if (Match(Split(route.pattern), raw, params)) return &route;
  }
  return nullptr;
}

}  // namespace renumber::cdnsim
