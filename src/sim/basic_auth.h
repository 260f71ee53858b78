// HTTP Basic authentication as a server sees it (RFC 7617), shared by the
// simulators' admin endpoint and the ESS simulator. Pure functions;
// thread-safe. Not used by any adapter (clients build their own header).
#ifndef RENUMBER_SIM_BASIC_AUTH_H_
#define RENUMBER_SIM_BASIC_AUTH_H_

#include <optional>
#include <string>
#include <string_view>

namespace renumber {

struct BasicCredentials {
  std::string username;
  std::string password;
};

// Parses an Authorization header value "Basic base64(user:password)".
// nullopt for another scheme, invalid base64 or a missing ':'.
std::optional<BasicCredentials> ParseBasicAuth(std::string_view header);

// Standard base64 (with padding); nullopt on invalid input.
std::optional<std::string> Base64Decode(std::string_view text);
std::string Base64Encode(std::string_view bytes);

// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace renumber

#endif  // RENUMBER_SIM_BASIC_AUTH_H_
