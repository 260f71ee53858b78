// The write loop behind every ESS Apply: read the collection, decide from
// what was read, POST with that collection's ETag, and read again — until
// the decision is "done" or a bound is hit.
//
// Each round re-reads, so one mechanism covers:
// - 412 OPTIMISTIC_LOCK: the next round decides against the fresh state
//   (at most kMaxStale times, then kConflict: a race, "run again"; never
//   kPreconditionFailed, which the engine reads as a safety refusal);
// - a lost answer (5xx, timeout, dropped connection, unreadable 2xx): the
//   next round's read shows whether the write took effect; if not, the POST
//   is sent again (at most kMaxUnknown lost answers, then the last error);
// - 409 DUPLICATE: the next round finds the route already there (done
//   without a write); 409 CHECK_REQUIRED: the next round may run a check;
// - a successful POST: the next round reads back and confirms the effect.
// Any other refusal is returned as is. When an error is returned after a
// write whose outcome stayed unknown, its message says so.
//
// Why this is not the shared WriteReadingBack (adapters/read_back.h): each
// round decides the write anew from what it read (the collection's ETag,
// the route's position), so a repeat may be another request; the shared
// loop repeats one request. Shared with it: the reply vocabulary
// (VendorReply) and the give-up words (NotAppliedError).
//
// Not thread-safe (one Apply at a time). The decide function sees the
// Progress so far; it must return kDone once the effect is present.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_WRITE_H_
#define RENUMBER_ADAPTERS_ESS_ESS_WRITE_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "adapters/adapter.h"
#include "adapters/ess/ess_client.h"

namespace renumber {
namespace ess {

inline constexpr int kMaxStale = 5;
inline constexpr int kMaxUnknown = 3;
inline constexpr int kMaxRounds = 16;

struct Step {
  bool done = false;
  nlohmann::json result;  // done: what Apply reports (journaled)
  std::string path;       // not done: the POST to send
  nlohmann::json body = nlohmann::json::object();
  bool if_match = true;   // false for the delivery check
  bool is_check = false;  // a check records a result, changes no collection

  static Step Done(nlohmann::json result);
  static Step Post(std::string path, nlohmann::json body);
  static Step Check(std::string path);
};

struct Progress {
  int posts = 0;           // POSTs sent (checks included)
  int checks = 0;          // delivery checks sent
  int check_required = 0;  // 409 CHECK_REQUIRED answers
  bool committed = false;  // a configuration write was answered OK
  bool uncertain = false;  // a configuration write got no usable answer
  // True when this Apply (probably) made the effect itself.
  bool wrote() const { return committed || uncertain; }
};

// Re-reads the collection the change is about; returns its ETag.
using ReadFn = std::function<Result<std::string>()>;
using DecideFn = std::function<Result<Step>(const Progress&)>;

Result<ApplyOutcome> RunWriteLoop(EssClient* client, const ReadFn& read,
                                  const DecideFn& decide);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_WRITE_H_
