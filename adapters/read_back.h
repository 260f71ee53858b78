// Read back before repeating a write: the rule both adapters follow when a
// write's answer is lost (adapter.h "Apply is idempotent against live
// state").
//
// WriteReadingBack sends one write; when its outcome is unknown (5xx after
// the transport's own retries, timeout, dropped connection, unreadable 2xx)
// or it is refused with a status in `read_back_on` (e.g. a 409 for a change
// that may already have happened), it asks `present` whether the effect is
// there. Present: done, without another send. Absent: an unknown outcome is
// sent again after a growing wait (policy.wait * attempt, through the clock),
// at most policy.max_sends sends in all; a refusal is returned as its error.
// A definite refusal (kRefused, kStale) outside `read_back_on` is returned
// at once, without a read.
//
// Why ESS's write loop (adapters/ess/ess_write.h) does not run on this: ESS
// decides *what* to write from each read (the ETag of the collection, the
// position among the routes) and a 412 feeds the same loop, so it is
// read -> decide -> write, where each repeat may be a different request;
// here the same request is repeated. What is the same in both — the reply
// vocabulary (VendorReply), "an unknown outcome is read back, never sent
// blind", and the words when the effect never showed (NotAppliedError) —
// lives here and in vendor_client.h.
//
// Threads: runs on the caller's thread, calling `send` and `present` in
// turn; neither is kept. Errors: the last write's named error, or the
// read's.
#ifndef RENUMBER_ADAPTERS_READ_BACK_H_
#define RENUMBER_ADAPTERS_READ_BACK_H_

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "adapters/vendor_client.h"
#include "src/core/status.h"
#include "src/core/time.h"

namespace renumber {

struct ReadBackPolicy {
  int max_sends = 4;
  std::chrono::milliseconds wait{250};  // times the attempt
  Clock* clock = nullptr;               // null: no waiting
};

using SendWrite = std::function<VendorReply()>;
// Answers "is the write's effect present now?" by reading.
using EffectPresent = std::function<Result<bool>()>;

// The kOk body, or {"read_back": true} when the effect was found by reading.
Result<nlohmann::json> WriteReadingBack(const SendWrite& send,
                                        const EffectPresent& present,
                                        const std::set<int>& read_back_on,
                                        const ReadBackPolicy& policy);

// `last` (the error of the last write without an answer) saying that after
// `sends` such writes the effect was read back and not found.
Status NotAppliedError(const Status& last, int sends);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_READ_BACK_H_
