#include "src/engine/transport_stack.h"

#include <openssl/evp.h>

#include "src/http/logging_transport.h"

namespace renumber {
std::string CredentialFingerprint(const Credentials& c) {
  // Fed piece by piece: no string ever holds the password next to the rest
  // (such a string was freed unwiped after every use).
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
  auto feed = [&](const std::string& part) {
    ok = ok && EVP_DigestUpdate(ctx, part.data(), part.size()) == 1 &&
         EVP_DigestUpdate(ctx, "\n", 1) == 1;
  };
  feed(c.api_base);
  for (const auto& [name, value] : c.fields) feed(name), feed(value);
  for (const auto& [name, value] : c.secrets) feed(name), feed(value.reveal());
  ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1;
  EVP_MD_CTX_free(ctx);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; ok && i < 8 && i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return c.api_base + "#" + out;
}

TransportStack::TransportStack(Clock* clock, Random* random,
                               std::string ca_file, RetryPolicy policy,
                               std::chrono::microseconds max_rate_wait)
    : clock_(clock),
      random_(random),
      ca_file_(std::move(ca_file)),
      policy_(policy),
      limiters_(clock, max_rate_wait) {}

TransportStack::~TransportStack() = default;

Result<HttpTransport*> TransportStack::BaseFor(const std::string& ca_file) {
  auto it = bases_.find(ca_file);
  if (it != bases_.end()) return it->second.get();
  TransportOptions opts;
  opts.ca_file = ca_file;
  RN_RETURN_IF_ERROR(ValidateTransportOptions(opts));
  auto base = NewCpprestTransport(opts);
  HttpTransport* raw = base.get();
  bases_[ca_file] = std::move(base);
  return raw;
}

Result<HttpTransport*> TransportStack::For(const Credentials& c,
                                           RateLimiterSlot** slot) {
  std::lock_guard<std::mutex> l(mu_);
  // An account's own CA wins over the global one; both add to the system
  // store, never replace it.
  std::string ca = !c.ca_file.empty() ? c.ca_file : ca_file_;
  RN_ASSIGN_OR_RETURN(HttpTransport * base, BaseFor(ca));
  layers_.push_back(NewLoggingTransport(base));
  HttpTransport* logged = layers_.back().get();
  slots_.push_back(std::make_unique<RateLimiterSlot>(
      limiters_.For(CredentialFingerprint(c))));
  if (slot) *slot = slots_.back().get();
  layers_.push_back(NewPacingTransport(logged, slots_.back().get()));
  HttpTransport* paced = layers_.back().get();
  layers_.push_back(NewRetryingTransport(paced, clock_, random_, policy_));
  return layers_.back().get();
}

void TransportStack::ShareBudget(RateLimiterSlot* slot,
                                 const std::string& api_base,
                                 const std::string& user) {
  if (!slot || user.empty()) return;
  RateLimiter* shared = limiters_.For(api_base + "#user:" + user);
  // What this token's own answers told of the budget carries over: it
  // joins once it saw the count run low (the CDN adapter), and the shared
  // budget may not have heard of that window yet.
  shared->Absorb(*slot->get());
  slot->set(shared);
}

}  // namespace renumber
