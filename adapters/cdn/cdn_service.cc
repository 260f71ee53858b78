// The CDN as a service: its name and the credentials it needs (an API token).
#include "adapters/services.h"

namespace renumber {

ServiceSpec CdnServiceSpec() {
  return {
      "cdn",
      {{"api_token", /*secret=*/true, /*required=*/true, "vault.prompt_token"}},
      DomainUse::kWeb};  // its domains serve the web
}

}  // namespace renumber
