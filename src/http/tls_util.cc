#include "src/http/tls_util.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace renumber {

Result<std::string> LoadCaFile(const std::string& path) {
  const std::string what = "CA file '" + path + "' (--ca-file)";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        "cannot read the " + what + ": " + std::strerror(errno),
        "認証局のファイル '" + path +
            "'（--ca-file）を読めません: " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return Status::InvalidArgument(
        "cannot read the " + what,
        "認証局のファイル '" + path + "'（--ca-file）を読めません");
  std::string pem = text.str();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  int count = 0;
  while (bio) {
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) break;
    X509_free(cert);
    ++count;
  }
  ERR_clear_error();  // the end of the PEM stream leaves an error queued
  if (count == 0)
    return Status::InvalidArgument(
        "the " + what +
            " holds no PEM certificate (expected '-----BEGIN "
            "CERTIFICATE-----')",
        "認証局のファイル '" + path +
            "'（--ca-file）に PEM 形式の証明書がありません（'-----BEGIN "
            "CERTIFICATE-----' で始まるものが必要です）");
  return pem;
}

bool IsOpenSslError(int value) {
  if (value <= 0xffff) return false;  // errno values are small
  const unsigned long v = static_cast<unsigned long>(value);
  return ERR_GET_LIB(v) == ERR_LIB_SSL || ERR_GET_LIB(v) == ERR_LIB_X509;
}

bool IsCertificateVerifyFailure(int value) {
  if (!IsOpenSslError(value)) return false;
  const unsigned long v = static_cast<unsigned long>(value);
  return ERR_GET_LIB(v) == ERR_LIB_SSL &&
         ERR_GET_REASON(v) == SSL_R_CERTIFICATE_VERIFY_FAILED;
}

std::string OpenSslReason(int value) {
  if (!IsOpenSslError(value)) return "";
  // The reason strings are loaded lazily; make sure they are there.
  OPENSSL_init_ssl(
      OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS,
      nullptr);
  const char* reason =
      ERR_reason_error_string(static_cast<unsigned long>(value));
  return reason ? reason : "";
}

}  // namespace renumber
