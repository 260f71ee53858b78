// A throw-away PKI made with OpenSSL 3 (EVP/X509), written as PEM files to
// a fresh temporary directory that is removed on destruction: for tests,
// and for the simulated origin servers of `renumber sim` / `renumber demo`
// (never a real site's certificate). Not thread-safe; one per user.
#ifndef RENUMBER_HTTP_TLS_TEST_CERTS_H_
#define RENUMBER_HTTP_TLS_TEST_CERTS_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

class TestPki {
 public:
  TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;
  ~TestPki();

  // A self-signed CA ("<name> CA") and a server certificate for
  // subjectAltName IP:`server_ip` (when not empty) and DNS:`dns_names`
  // ("*.example.jp" allowed), signed by it (P-256 keys, SHA-256).
  Status Create(const std::string& name, const std::string& server_ip,
                const std::vector<std::string>& dns_names = {});

  // After Create: another server certificate from the same CA and for the
  // same key (key_file()), naming DNS:`dns_names` only; its PEM file's path
  // (removed with the rest). One per site keeps certificates small: a
  // client refuses a certificate chain above its limit (OpenSSL's default:
  // 100 KiB), which one certificate naming thousands of sites passes.
  Result<std::string> IssueServerCert(
      const std::vector<std::string>& dns_names);

  const std::string& ca_file() const { return ca_file_; }
  const std::string& cert_file() const { return cert_file_; }
  const std::string& key_file() const { return key_file_; }
  const std::string& dir() const { return dir_; }

 private:
  struct Keys;  // the CA's certificate and key, the servers' key
  std::unique_ptr<Keys> keys_;
  std::string dir_, ca_file_, cert_file_, key_file_;
  std::vector<std::string> issued_;  // IssueServerCert's files
  long serial_ = 2;
};

}  // namespace renumber

#endif  // RENUMBER_HTTP_TLS_TEST_CERTS_H_
