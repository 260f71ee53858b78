// A throw-away PKI made with OpenSSL 3 (EVP/X509), written as PEM files to
// a fresh temporary directory that is removed on destruction: for tests,
// and for the simulated origin servers of `renumber sim` / `renumber demo`
// (never a real site's certificate). Not thread-safe; one per user.
#ifndef RENUMBER_HTTP_TLS_TEST_CERTS_H_
#define RENUMBER_HTTP_TLS_TEST_CERTS_H_

#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

class TestPki {
 public:
  TestPki() = default;
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;
  ~TestPki();

  // A self-signed CA ("<name> CA") and a server certificate for
  // subjectAltName IP:`server_ip` (when not empty) and DNS:`dns_names`
  // ("*.example.jp" allowed), signed by it (P-256 keys, SHA-256).
  Status Create(const std::string& name, const std::string& server_ip,
                const std::vector<std::string>& dns_names = {});

  const std::string& ca_file() const { return ca_file_; }
  const std::string& cert_file() const { return cert_file_; }
  const std::string& key_file() const { return key_file_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_, ca_file_, cert_file_, key_file_;
};

}  // namespace renumber

#endif  // RENUMBER_HTTP_TLS_TEST_CERTS_H_
