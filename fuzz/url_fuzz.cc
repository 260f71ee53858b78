// URLs (api_base, every request, a redirect's Location): one parser; what
// it accepts has a host and a resource, and its origin parses the same.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/core/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto url = renumber::ParseUrl(text);
  if (!url.ok()) return 0;
  if (url->host.empty() || url->resource.empty() || url->resource[0] != '/')
    std::abort();
  (void)renumber::CheckVendorUrl(*url);
  auto again = renumber::ParseUrl(url->Origin() + url->resource);
  if (!again.ok() || again->host != url->host || again->port != url->port ||
      again->resource != url->resource)
    std::abort();
  return 0;
}
