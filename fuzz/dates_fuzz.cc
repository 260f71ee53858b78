// RFC 3339 times (plan, journal, vault) and HTTP dates (Retry-After): what
// parses prints back to the same instant.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/core/time.h"
#include "src/http/retry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto t = renumber::Timestamp::ParseRfc3339(text);
  if (t.ok()) {
    auto again = renumber::Timestamp::ParseRfc3339(t->ToRfc3339());
    if (!again.ok() || !(*again == *t)) std::abort();
  }
  (void)renumber::Timestamp::ParseHttpDate(text);
  (void)renumber::ParseRetryAfter(
      text, renumber::Timestamp::FromUnixSeconds(1764547200));
  return 0;
}
