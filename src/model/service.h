// Services: the vendors renumber speaks to, as data. Each vendor folder
// declares its ServiceSpec (adapters/<vendor>/<vendor>_service.cc) and
// adapters/services.cc lists them; nothing else names a vendor. A Service
// is a value naming one registered spec.
//
// Threads: the registry is read from any thread; RegisterService must run
// before the threads that parse or compare services start (tests, start-up).
#ifndef RENUMBER_MODEL_SERVICE_H_
#define RENUMBER_MODEL_SERVICE_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace renumber {

// One credential field of a service, as credentials files and the vault
// name it ("username", "password", "api_token").
struct CredentialField {
  std::string name;
  bool secret = false;   // kept in Secret, scrubbed from logs, 0600 files
  bool required = true;  // present and non-empty
  // The catalog key of the question `renumber vault add` asks for a secret
  // field ("vault.prompt_password"); one argument: the account.
  std::string prompt;
};

// What a service's domains are for, which decides what preflight checks of
// them (MX and SPF, or the web addresses).
enum class DomainUse { kWeb, kMail };

struct ServiceSpec {
  std::string name;  // "ess": [a-z0-9]+, as in "C-10001/ess"
  std::vector<CredentialField> credentials;
  DomainUse domains = DomainUse::kWeb;
};

// The vendors' specs, in registration order (which orders accounts: an
// account's services are listed in this order). Defined by the one list,
// adapters/services.cc.
const std::vector<ServiceSpec>& BuiltinServiceSpecs();

// Adds a service after the built-in ones (a test vendor).
// kInvalidArgument for a bad name or one already registered.
Status RegisterService(ServiceSpec spec);

class Service {
 public:
  Service() = default;  // no service: name "", before every service
  // The registered service `name`. Aborts when there is none: names typed
  // by people go through ParseService.
  explicit Service(std::string_view name);

  const std::string& name() const;
  // The spec; only for a service that is not default-constructed.
  const ServiceSpec& spec() const { return *spec_; }

  friend bool operator==(Service a, Service b) { return a.spec_ == b.spec_; }
  friend bool operator!=(Service a, Service b) { return a.spec_ != b.spec_; }
  friend bool operator<(Service a, Service b) { return a.rank_ < b.rank_; }

 private:
  Service(const ServiceSpec* spec, int rank) : spec_(spec), rank_(rank) {}
  friend Result<Service> ParseService(std::string_view text);
  friend std::vector<Service> RegisteredServices();
  const ServiceSpec* spec_ = nullptr;  // registered: lives for the process
  int rank_ = -1;                      // registration order
};

const char* ServiceName(Service s);  // "ess" | "cdn" | ...
// kInvalidArgument naming the registered services otherwise.
Result<Service> ParseService(std::string_view text);
std::vector<Service> RegisteredServices();

}  // namespace renumber

#endif  // RENUMBER_MODEL_SERVICE_H_
