// Builds the HTTP transport each account's adapter uses:
//   retry( pacing( logging( cpprest client for the account's CA ) ) )
// Retry wraps pacing so every attempt, retries included, is paced; pacing
// is per credential (api_base + a fingerprint of the login), so accounts
// sharing a login share a rate-limit budget, until ShareBudget moves an
// account to its vendor user's budget (every token of one user shares
// one, on the CDN). A pacing wait longer than `max_rate_wait` is not slept:
// the write fails as paused (pacing.h PausedStatus).
//
// Threads: For() is thread-safe; the transports it returns are owned by the
// stack, thread-safe, and live as long as the stack.
#ifndef RENUMBER_ENGINE_TRANSPORT_STACK_H_
#define RENUMBER_ENGINE_TRANSPORT_STACK_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "src/core/random.h"
#include "src/core/time.h"
#include "src/http/pacing.h"
#include "src/http/retry.h"
#include "src/http/transport.h"
#include "src/model/model.h"

namespace renumber {

// A short, non-reversible fingerprint of a login (api_base + "#" + 16 hex
// digits of a SHA-256 over base, user name, password and token), to key
// the rate limiter without keeping the secret in a map key. The secret is
// hashed where it lies: no copy of it is made.
std::string CredentialFingerprint(const Credentials& credentials);

class TransportStack {
 public:
  // `ca_file`: a CA trusted for every account (--ca-file), on top of the
  // system store and of each account's own ca_file.
  TransportStack(
      Clock* clock, Random* random, std::string ca_file,
      RetryPolicy policy = {},
      std::chrono::microseconds max_rate_wait = std::chrono::minutes(5));
  ~TransportStack();
  // `slot` (may be null) receives the transport's pacing slot.
  Result<HttpTransport*> For(const Credentials& credentials,
                             RateLimiterSlot** slot = nullptr);
  // Paces `slot` from the budget of `user` at `api_base` from now on.
  void ShareBudget(RateLimiterSlot* slot, const std::string& api_base,
                   const std::string& user);

 private:
  Result<HttpTransport*> BaseFor(const std::string& ca_file);
  Clock* clock_;
  Random* random_;
  std::string ca_file_;
  RetryPolicy policy_;
  RateLimiterRegistry limiters_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<HttpTransport>> bases_;
  std::vector<std::unique_ptr<HttpTransport>> layers_;
  std::vector<std::unique_ptr<RateLimiterSlot>> slots_;
};

}  // namespace renumber

#endif  // RENUMBER_ENGINE_TRANSPORT_STACK_H_
