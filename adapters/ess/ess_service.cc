// ESS as a service: its name and the credentials it needs (a console login).
#include "adapters/services.h"

namespace renumber {

ServiceSpec EssServiceSpec() {
  return {"ess",
          {{"username", /*secret=*/false, /*required=*/true, ""},
           {"password", /*secret=*/true, /*required=*/true,
            "vault.prompt_password"}},
          DomainUse::kMail};  // its domains receive mail
}

}  // namespace renumber
