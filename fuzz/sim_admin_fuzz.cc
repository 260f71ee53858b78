// The simulators' shared request handling: the admin endpoint's faults
// JSON and the Basic authorization header every simulator request carries.
#include <cstdint>
#include <string>

#include "src/core/json_depth.h"
#include "src/sim/basic_auth.h"
#include "src/sim/host.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)renumber::ParseBasicAuth(text);
  (void)renumber::Base64Decode(text);
  auto j = renumber::ParseBoundedJson(text);  // as the admin endpoint does
  if (j.ok()) {
    auto config = renumber::FaultConfigFromJson(*j);
    if (config.ok()) (void)renumber::FaultConfigToJson(*config);
  }
  return 0;
}
