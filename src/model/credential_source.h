// Where the engine gets an account's credentials: a credentials file
// (--credentials) or the vault. Each Get is one use of a secret; the vault
// audits it before returning.
//
// Threads: Get may be called from several worker threads at once.
// Errors: kNotFound when the account has no credentials (the message names
// the account and the source), kPreconditionFailed for an expired vault
// entry, others from the source.
#ifndef RENUMBER_MODEL_CREDENTIAL_SOURCE_H_
#define RENUMBER_MODEL_CREDENTIAL_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/model/model.h"

namespace renumber {

class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  // `purpose`: what the secret is used for, recorded by audited sources,
  // e.g. "prepare campaign plan-2026-12".
  virtual Result<Credentials> Get(const AccountKey& account,
                                  const std::string& purpose) = 0;
  // Accounts this source holds credentials for (no secrets).
  virtual std::vector<AccountKey> Accounts() = 0;
};

// An api_base is https://, or plain http:// to a loopback address only
// (simulators), and holds no user name or password; kInvalidArgument
// otherwise (the message never repeats a user:password part). The check is
// ParseUrl + CheckVendorUrl (src/core/url.h), exactly what the transport
// applies to every request it sends.
Status CheckApiBase(const std::string& url);

// A credentials file in the credentials-template format
// (credentials-template/README.md):
//   {"version": 1, "accounts": [{"customer", "service", "api_base",
//     <the service's credential fields>, "ca_file"?}]}
// (ESS: "username", "password"; CDN: "api_token".)
// A key the file does not use for that place is refused (a misspelt
// "ca_fiel" or a "password" on a CDN entry must not be silently ignored).
// Refused when group or others can read it. Errors name the file and the
// entry (index and customer/service), never a secret value.
// The keys ParseCredentialsJson reads: of the document, and of an
// account entry of `service` (every other key is refused).
const std::vector<std::string>& CredentialsFileKeys();
// An entry's keys: customer, service, api_base, the service's credential
// fields (ServiceSpec::credentials), ca_file.
const std::vector<std::string>& CredentialsEntryKeys(Service service);

// A credentials file larger than this is refused unread.
inline constexpr size_t kMaxCredentialsFileBytes = size_t{16} << 20;
Result<std::vector<Credentials>> ParseCredentialsJson(
    const std::string& text, const std::string& origin);
Result<std::unique_ptr<CredentialSource>> OpenCredentialsFile(
    FileSystem* fs, const std::string& path);
// A source over credentials already in memory (tests, demo).
std::unique_ptr<CredentialSource> NewMemoryCredentialSource(
    std::vector<Credentials> credentials);

}  // namespace renumber

#endif  // RENUMBER_MODEL_CREDENTIAL_SOURCE_H_
