// Secret: a password, API token or key that must never be printed.
//
// It cannot be streamed or formatted as its value: operator<< and fmt print
// "‹redacted›". The bytes are wiped with OPENSSL_cleanse when the Secret is
// destroyed or reassigned. Use reveal() only at the point of use (building an
// auth header, deriving a key). Values; not thread-safe to mutate.
#ifndef RENUMBER_CORE_SECRET_H_
#define RENUMBER_CORE_SECRET_H_

#include <ostream>
#include <string>

namespace renumber {

inline constexpr const char* kRedacted = "\xe2\x80\xb9redacted\xe2\x80\xba";

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret& o) : value_(o.value_) {}
  Secret(Secret&& o) noexcept : value_(std::move(o.value_)) { o.Wipe(); }
  Secret& operator=(const Secret& o);
  Secret& operator=(Secret&& o) noexcept;
  ~Secret() { Wipe(); }

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  size_t size() const { return value_.size(); }
  friend bool operator==(const Secret& a, const Secret& b);

 private:
  void Wipe();
  std::string value_;
};

inline std::ostream& operator<<(std::ostream& os, const Secret&) {
  return os << kRedacted;
}

}  // namespace renumber

#endif  // RENUMBER_CORE_SECRET_H_
