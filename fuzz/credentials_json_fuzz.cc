// The credentials file (--credentials, vault import): any bytes must give
// accounts or an error naming the problem, never a crash, and an accepted
// account has a valid customer id and an api_base the transport accepts.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/core/url.h"
#include "src/model/credential_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto creds = renumber::ParseCredentialsJson(text, "fuzz.json");
  if (!creds.ok()) return 0;
  for (const renumber::Credentials& c : *creds) {
    if (!renumber::ValidateCustomerId(c.account.customer).ok()) std::abort();
    auto url = renumber::ParseUrl(c.api_base);
    if (!url.ok() || !renumber::CheckVendorUrl(*url).ok()) std::abort();
  }
  return 0;
}
