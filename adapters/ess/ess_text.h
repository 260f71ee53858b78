// The ESS adapter's words for humans, in English and Japanese (terms of
// the provider's notice: 配送サーバー for an inbound delivery server).
// Texts live here rather than in the shared i18n catalog so that the
// adapter's change and finding lines stay next to the code that makes them.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_TEXT_H_
#define RENUMBER_ADAPTERS_ESS_ESS_TEXT_H_

#include <string>

#include "src/model/model.h"

namespace renumber {
namespace ess {

inline Text MakeText(std::string en, std::string ja) {
  return Text{std::move(en), std::move(ja)};
}

// "198.19.0.1:25", "[2001:db8::1]:25".
std::string Endpoint(const std::string& address, int port);
// "the default routes" / "既定の受信ルート";
// "the routes of example.jp" / "example.jp の受信ルート".
Text CollectionText(const std::string& domain);
// "primary" / "プライマリ", "failover" / "フェイルオーバー".
Text RoleText(const std::string& role);
// Concatenates texts language by language.
Text Join(const Text& a, const Text& b);
// "default route r-7f3a", "example.jp route r-7f3a" (Finding::object).
std::string RouteObject(const std::string& domain, const std::string& id);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_TEXT_H_
