#include "src/core/status.h"

#include <cstdio>
#include <cstdlib>

namespace renumber {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid-argument";
    case Code::kNotFound:
      return "not-found";
    case Code::kUnauthorized:
      return "unauthorized";
    case Code::kForbidden:
      return "forbidden";
    case Code::kConflict:
      return "conflict";
    case Code::kPreconditionFailed:
      return "precondition-failed";
    case Code::kRateLimited:
      return "rate-limited";
    case Code::kTimeout:
      return "timeout";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kCorruption:
      return "corruption";
    case Code::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::Annotate(std::string_view context) const {
  return Annotate(context, context);
}

Status Status::Annotate(std::string_view context,
                        std::string_view context_ja) const {
  if (ok()) return *this;
  return Status(code_, std::string(context) + ": " + message_,
                message_ja_.empty()
                    ? std::string()
                    : std::string(context_ja) + ": " + message_ja_);
}

void DieOnBadResultAccess(const Status& s) {
  std::fprintf(stderr, "renumber: bug: value of a failed Result used (%s)\n",
               s.ToString().c_str());
  std::abort();
}

}  // namespace renumber
