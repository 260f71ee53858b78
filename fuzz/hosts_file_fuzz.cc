// A hosts(5) file (--hosts): parsed, then asked about names from the input.
#include <cstdint>
#include <string>

#include "src/core/resolver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto r = renumber::NewHostsFileResolver(text, "fuzz.hosts", nullptr);
  if (!r.ok()) return 0;
  for (const char* host : {"localhost", "mail.example.jp", "", "a"})
    (void)(*r)->Resolve(host);
  // Every word of the input as a host name.
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) (void)(*r)->Resolve(text.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
