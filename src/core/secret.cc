#include "src/core/secret.h"

#include <openssl/crypto.h>

namespace renumber {

Secret& Secret::operator=(const Secret& o) {
  if (this != &o) {
    Wipe();
    value_ = o.value_;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& o) noexcept {
  if (this != &o) {
    Wipe();
    value_ = std::move(o.value_);
    o.Wipe();
  }
  return *this;
}

void Secret::Wipe() {
  // The whole buffer, spare capacity included: a shorter value assigned
  // over a longer one, or a small value in the inline buffer, leaves bytes
  // beyond size().
  if (value_.capacity() > 0) OPENSSL_cleanse(value_.data(), value_.capacity());
  value_.clear();
}

bool operator==(const Secret& a, const Secret& b) {
  return a.value_.size() == b.value_.size() &&
         CRYPTO_memcmp(a.value_.data(), b.value_.data(), a.value_.size()) == 0;
}

}  // namespace renumber
