// Writes that are confirmed: a write whose outcome is unknown (5xx after the
// transport's own retries, timeout, dropped connection, a 2xx body that is
// not JSON) is read back before it is repeated, so a lost answer never
// creates a duplicate. Also the form encodings of the objects we write.
//
// Threads: one at a time (like CdnClient).
#ifndef RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_
#define RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_config.h"
#include "src/core/ip.h"

namespace renumber::cdn {

// Answers "is the write's effect present now?" by reading.
using ReadBack = std::function<Result<bool>()>;

// Sends `method path form`; on kOk returns the body. On an unknown outcome,
// or a rejection whose status is in `read_back_on` (e.g. 409 for a create
// that may have happened, 404 for a delete), asks `applied`: when the
// effect is present the write counts as done ({"read_back": true});
// otherwise an unknown outcome is repeated after a growing wait (through
// the client's clock), at most 4 sends in all, and a rejection is returned
// as the named error.
Result<nlohmann::json> WriteConfirmed(CdnClient* client,
                                      const std::string& method,
                                      const std::string& path, const Form& form,
                                      const ReadBack& applied,
                                      const std::set<int>& read_back_on = {},
                                      RetryMode mode = RetryMode::kByMethod);

// A JSON scalar as a form value: strings as they are, booleans
// "true"/"false", numbers in decimal. False for null, objects and arrays.
bool FormValue(const nlohmann::json& v, std::string* out);
// Every scalar field of a JSON object, in order.
Form FormFromObject(const nlohmann::json& object);

// The create form of the twin of `old`: every setting of `old` copied
// except identity, read-only and address fields; address `new_ip`,
// auto_loadbalance on, healthcheck `healthcheck`, and a comment holding the
// TwinMarker (old name, original auto_loadbalance/healthcheck/comment).
Form TwinForm(const Backend& old, const IpAddress& new_ip,
              const std::string& healthcheck);

// True when `b` already has every field of `set` (a healthcheck of "" and
// null are the same).
bool HasSettings(const Backend& b, const nlohmann::json& set);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_
