// What a vendor sends back on its way to a log or a terminal: the body and
// headers redacted for the trace log, a message scrubbed and cut, and made
// safe for a terminal. No secret registered here may come out whole.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/core/json_depth.h"
#include "src/http/redact.h"
#include "src/log/scrubber.h"
#include "src/log/terminal_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string kSecret = "fuzz-secret-7c1e93a0b5d2";
  static const bool registered = (renumber::AddScrubbedSecret(kSecret), true);
  (void)registered;
  std::string text(reinterpret_cast<const char*>(data), size);
  renumber::HttpResponse r;
  r.status = 400;
  r.body = text;
  r.headers.Add("Location", text);
  (void)renumber::DumpResponse(r);
  (void)renumber::RedactUrl(text);
  (void)renumber::ParseBoundedJson(text);
  std::string cut = renumber::ScrubAndCut(text, size / 2);
  if (cut.find(kSecret) != std::string::npos) std::abort();
  std::string shown = renumber::ForHumans(text);
  if (shown.find(kSecret) != std::string::npos) std::abort();
  for (char c : shown)
    if (c == '\x1b' || c == '\r' || c == '\x07') std::abort();
  return 0;
}
