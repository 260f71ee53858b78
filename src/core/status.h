// Errors as values (after leveldb's Status).
//
// A Status is either OK or carries one code from a small fixed set and a
// message a user can act on ("what failed, where, and what to do"). Result<T>
// is a value or a non-OK Status. Only main() turns a Status into an exit code;
// library exceptions are caught at the boundary that calls the library.
//
// Thread-safety: values; copy freely.
#ifndef RENUMBER_CORE_STATUS_H_
#define RENUMBER_CORE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace renumber {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // bad input; nothing was changed
  kNotFound,            // the object does not exist
  kUnauthorized,        // credentials missing or wrong
  kForbidden,           // authenticated but not allowed (or untrusted peer)
  kConflict,            // the request clashes with current state
  kPreconditionFailed,  // a safety gate or optimistic lock refused it
  kRateLimited,         // the peer asked us to slow down
  kTimeout,             // no answer in time (the effect may have happened)
  kUnavailable,         // connection failed or the peer had a transient fault
  kCorruption,          // stored data failed a checksum or parse
  kInternal,            // a bug or an unexpected answer
};

// Stable lower-case name of a code, e.g. "precondition-failed".
const char* CodeName(Code code);

// A message a user reads exists in English and Japanese: `message()` is
// the English one, `message_ja()` the Japanese one ("" when there is none:
// a bug in code users read from, caught by src/i18n/status_coverage_test.cc;
// simulators answer like the vendors, in English). Message(ja) picks one.
class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message)
      : code_(code), message_(std::move(message)) {}
  Status(Code code, std::string message, std::string message_ja)
      : code_(code),
        message_(std::move(message)),
        message_ja_(std::move(message_ja)) {}

  static Status Ok() { return Status(); }
#define RN_STATUS_FACTORY_(Name, code)                               \
  static Status Name(std::string m) { return {code, std::move(m)}; } \
  static Status Name(std::string en, std::string ja) {               \
    return {code, std::move(en), std::move(ja)};                     \
  }
  RN_STATUS_FACTORY_(InvalidArgument, Code::kInvalidArgument)
  RN_STATUS_FACTORY_(NotFound, Code::kNotFound)
  RN_STATUS_FACTORY_(Unauthorized, Code::kUnauthorized)
  RN_STATUS_FACTORY_(Forbidden, Code::kForbidden)
  RN_STATUS_FACTORY_(Conflict, Code::kConflict)
  RN_STATUS_FACTORY_(PreconditionFailed, Code::kPreconditionFailed)
  RN_STATUS_FACTORY_(RateLimited, Code::kRateLimited)
  RN_STATUS_FACTORY_(Timeout, Code::kTimeout)
  RN_STATUS_FACTORY_(Unavailable, Code::kUnavailable)
  RN_STATUS_FACTORY_(Corruption, Code::kCorruption)
  RN_STATUS_FACTORY_(Internal, Code::kInternal)
#undef RN_STATUS_FACTORY_

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& message_ja() const { return message_ja_; }
  // Japanese when asked for and there is one, else English.
  const std::string& Message(bool japanese) const {
    return japanese && !message_ja_.empty() ? message_ja_ : message_;
  }
  bool Is(Code c) const { return code_ == c; }

  // "code: message", or "ok".
  std::string ToString() const;
  // Same code, message prefixed with context: "context: message" (the
  // same context in both languages: a file, an account, a flag).
  Status Annotate(std::string_view context) const;
  // The same with a context in words, in each language.
  Status Annotate(std::string_view context, std::string_view context_ja) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string message_ja_;
};

// A value or an error. Accessing the value of an error is a bug (aborts).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result built from OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return Check(), *value_; }
  const T& value() const& { return Check(), *value_; }
  T&& value() && { return Check(), std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void Check() const;
  std::optional<T> value_;
  Status status_;
};

[[noreturn]] void DieOnBadResultAccess(const Status& s);

template <typename T>
void Result<T>::Check() const {
  if (!value_) DieOnBadResultAccess(status_);
}

}  // namespace renumber

#define RN_CONCAT_INNER_(a, b) a##b
#define RN_CONCAT_(a, b) RN_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when it is not OK.
#define RN_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::renumber::Status rn_status_ = (expr);  \
    if (!rn_status_.ok()) return rn_status_; \
  } while (0)

// `RN_ASSIGN_OR_RETURN(auto x, F());` binds the value or returns the error.
#define RN_ASSIGN_OR_RETURN(lhs, expr) \
  RN_ASSIGN_OR_RETURN_IMPL_(RN_CONCAT_(rn_result_, __LINE__), lhs, expr)
#define RN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // RENUMBER_CORE_STATUS_H_
