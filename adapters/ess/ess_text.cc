#include "adapters/ess/ess_text.h"

namespace renumber {
namespace ess {

std::string Endpoint(const std::string& address, int port) {
  if (address.find(':') != std::string::npos)
    return "[" + address + "]:" + std::to_string(port);
  return address + ":" + std::to_string(port);
}

Text CollectionText(const std::string& domain) {
  if (domain.empty()) return MakeText("the default routes", "既定の受信ルート");
  return MakeText("the routes of " + domain, domain + " の受信ルート");
}

Text RoleText(const std::string& role) {
  if (role == "primary") return MakeText("primary", "プライマリ");
  return MakeText("failover", "フェイルオーバー");
}

Text Join(const Text& a, const Text& b) {
  return MakeText(a.en + b.en, a.ja + b.ja);
}

std::string RouteObject(const std::string& domain, const std::string& id) {
  return (domain.empty() ? std::string("default") : domain) + " route " + id;
}

}  // namespace ess
}  // namespace renumber
