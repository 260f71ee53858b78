// Writes that are confirmed: a write whose outcome is unknown (5xx after the
// transport's own retries, timeout, dropped connection, a 2xx body that is
// not JSON) is read back before it is repeated, so a lost answer never
// creates a duplicate. The loop is the shared one (adapters/read_back.h);
// this is the CDN's call of it with its client's clock.
//
// Threads: one at a time (like CdnClient).
#ifndef RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_
#define RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "adapters/cdn/cdn_client.h"
#include "adapters/read_back.h"

namespace renumber::cdn {

// Answers "is the write's effect present now?" by reading.
using ReadBack = EffectPresent;  // adapters/read_back.h

// Sends `method path form`; on kOk returns the body. On an unknown outcome,
// or a rejection whose status is in `read_back_on` (e.g. 409 for a change
// that may have happened), asks `applied`: when the effect is present the
// write counts as done ({"read_back": true}); otherwise an unknown outcome
// is repeated after a growing wait (through the client's clock), at most 4
// sends in all, and a rejection is returned as the named error.
Result<nlohmann::json> WriteConfirmed(CdnClient* client,
                                      const std::string& method,
                                      const std::string& path, const Form& form,
                                      const ReadBack& applied,
                                      const std::set<int>& read_back_on = {},
                                      RetryMode mode = RetryMode::kByMethod);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_WRITE_H_
