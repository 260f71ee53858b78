#include "src/http/tls_test_certs.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace renumber {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

KeyPtr NewKey() {
  return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
                EVP_PKEY_free);
}

bool AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext =
      X509V3_EXT_conf_nid(nullptr, &ctx, nid, const_cast<char*>(value));
  if (!ext) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// An unsigned certificate for `key` named CN=`cn`, valid from 30 days ago
// for a year: runs whose clock is moved to a maintenance night (the
// runbook test's libfaketime) still find it valid. The caller sets the
// issuer, extensions and signs it.
CertPtr NewCert(EVP_PKEY* key, const std::string& cn, long serial) {
  CertPtr cert(X509_new(), X509_free);
  if (!cert) return cert;
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30L * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME_add_entry_by_txt(
      X509_get_subject_name(cert.get()), "CN", MBSTRING_UTF8,
      reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  return cert;
}

Status WritePem(const std::string& path, X509* cert, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return Status::Internal("cannot write " + path);
  ::chmod(path.c_str(), 0600);
  bool ok = cert ? PEM_write_X509(f, cert) == 1
                 : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr,
                                        nullptr) == 1;
  ok = (std::fclose(f) == 0) && ok;
  return ok ? Status::Ok() : Status::Internal("cannot write " + path);
}

// A server certificate for `key` naming `dns_names` (and IP:`ip` when not
// empty), signed by `ca`/`ca_key`.
CertPtr NewServerCert(X509* ca, EVP_PKEY* ca_key, EVP_PKEY* key,
                      const std::string& cn, long serial, const std::string& ip,
                      const std::vector<std::string>& dns_names) {
  CertPtr leaf = NewCert(key, cn, serial);
  if (!leaf) return leaf;
  X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca));
  std::string san = ip.empty() ? "" : "IP:" + ip;
  for (const std::string& dns : dns_names)
    san += (san.empty() ? "DNS:" : ",DNS:") + dns;
  const bool ok =
      AddExt(leaf.get(), ca, NID_basic_constraints, "CA:FALSE") &&
      AddExt(leaf.get(), ca, NID_key_usage, "critical,digitalSignature") &&
      AddExt(leaf.get(), ca, NID_ext_key_usage, "serverAuth") &&
      (san.empty() ||
       AddExt(leaf.get(), ca, NID_subject_alt_name, san.c_str())) &&
      AddExt(leaf.get(), ca, NID_authority_key_identifier, "keyid:always") &&
      X509_sign(leaf.get(), ca_key, EVP_sha256()) > 0;
  if (!ok) leaf.reset();
  return leaf;
}

}  // namespace

struct TestPki::Keys {
  KeyPtr ca_key{nullptr, EVP_PKEY_free};
  KeyPtr leaf_key{nullptr, EVP_PKEY_free};
  CertPtr ca{nullptr, X509_free};
};

TestPki::TestPki() = default;

TestPki::~TestPki() {
  for (const std::string& f : issued_) ::unlink(f.c_str());
  for (const auto& f : {ca_file_, cert_file_, key_file_})
    if (!f.empty()) ::unlink(f.c_str());
  if (!dir_.empty()) ::rmdir(dir_.c_str());
}

Status TestPki::Create(const std::string& name, const std::string& server_ip,
                       const std::vector<std::string>& dns_names) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/renumber-pki-XXXXXX";
  if (!::mkdtemp(templ.data())) return Status::Internal("mkdtemp failed");
  dir_ = templ;
  keys_ = std::make_unique<Keys>();
  keys_->ca_key = NewKey();
  keys_->leaf_key = NewKey();
  if (!keys_->ca_key || !keys_->leaf_key)
    return Status::Internal("EC key generation failed");

  keys_->ca = NewCert(keys_->ca_key.get(), name + " CA", 1);
  X509* ca = keys_->ca.get();
  if (!ca) return Status::Internal("X509_new failed");
  X509_set_issuer_name(ca, X509_get_subject_name(ca));
  bool ok = AddExt(ca, ca, NID_basic_constraints, "critical,CA:TRUE") &&
            AddExt(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign") &&
            AddExt(ca, ca, NID_subject_key_identifier, "hash") &&
            X509_sign(ca, keys_->ca_key.get(), EVP_sha256()) > 0;
  if (!ok) return Status::Internal("cannot build the CA certificate");

  const std::string cn = !server_ip.empty()
                             ? server_ip
                             : (dns_names.empty() ? name : dns_names.front());
  CertPtr leaf = NewServerCert(ca, keys_->ca_key.get(), keys_->leaf_key.get(),
                               cn, serial_, server_ip, dns_names);
  if (!leaf) return Status::Internal("cannot build the server certificate");

  ca_file_ = dir_ + "/ca.pem";
  cert_file_ = dir_ + "/cert.pem";
  key_file_ = dir_ + "/key.pem";
  RN_RETURN_IF_ERROR(WritePem(ca_file_, ca, nullptr));
  RN_RETURN_IF_ERROR(WritePem(cert_file_, leaf.get(), nullptr));
  return WritePem(key_file_, nullptr, keys_->leaf_key.get());
}

Result<std::string> TestPki::IssueServerCert(
    const std::vector<std::string>& dns_names) {
  if (!keys_ || !keys_->ca)
    return Status::Internal("TestPki::IssueServerCert before Create");
  const std::string cn = dns_names.empty() ? "server" : dns_names.front();
  CertPtr leaf =
      NewServerCert(keys_->ca.get(), keys_->ca_key.get(), keys_->leaf_key.get(),
                    cn, ++serial_, "", dns_names);
  if (!leaf) return Status::Internal("cannot build a server certificate");
  const std::string path = dir_ + "/cert-" + std::to_string(serial_) + ".pem";
  issued_.push_back(path);
  RN_RETURN_IF_ERROR(WritePem(path, leaf.get(), nullptr));
  return path;
}

}  // namespace renumber
