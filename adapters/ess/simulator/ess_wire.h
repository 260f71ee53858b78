// Wire helpers of the ESS simulator: JSON replies in the contract's shape
// ("status": "SUCCESS" / "FAILURE" with code and message), request-body
// parsing, and validation of addresses, ports and deletion reasons. Written
// from docs/ess-contract.md on its own (no adapter code).
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_WIRE_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_WIRE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "src/http/server.h"

namespace renumber::ess_sim {

// 2xx with {"status": "SUCCESS", ...body}; `etag` also goes in the ETag
// header when not empty.
ServerResponse Success(int status, nlohmann::json body,
                       const std::string& etag = "");
ServerResponse Failure(int status, const std::string& code,
                       const std::string& message);

// The request body as a JSON object; an empty body counts as {}.
// nullopt when it is not a JSON object.
std::optional<nlohmann::json> ParseObject(const std::string& body);

// An IPv4/IPv6 address (canonical text) or a host name (lower case);
// nullopt when it is neither.
std::optional<std::string> NormalizeRouteAddress(const std::string& text);
// An IPv4/IPv6 address or CIDR block (canonical text); nullopt otherwise.
std::optional<std::string> NormalizeOutboundAddress(const std::string& text);
// Same address (IPs compare by value, names by lower-case text).
bool SameAddress(const std::string& a, const std::string& b);

// One of the five reasons of the contract.
bool IsDeletionReason(const std::string& reason);

// Deletion body fields. `error` is set (a ready Failure) when invalid:
// REASON_REQUIRED without reason or note, INVALID_ARGUMENT otherwise.
struct DeletionBody {
  std::string reason, note;
  std::optional<std::string> ticket;
  std::optional<ServerResponse> error;
};
DeletionBody ParseDeletion(const nlohmann::json& body);

// If-Match compared with an ETag: quotes and a W/ prefix are ignored; "*"
// never matches (the contract asks for the collection's ETag).
bool EtagMatches(const std::string& if_match, const std::string& etag);

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_WIRE_H_
