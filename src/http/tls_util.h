// TLS helpers for the client transport that need no HTTP library: loading a
// private CA file, and turning the packed OpenSSL error codes that cpprestsdk
// reports as "Unknown error 167772294" (docs/stack.md #5) back into words.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_HTTP_TLS_UTIL_H_
#define RENUMBER_HTTP_TLS_UTIL_H_

#include <string>

#include "src/core/status.h"

namespace renumber {

// Reads a PEM file holding one or more CA certificates and returns its text.
// kInvalidArgument, naming the file, when it cannot be read or holds no
// parsable certificate.
Result<std::string> LoadCaFile(const std::string& path);

// Whether `value` is a packed OpenSSL error from the SSL or X509 library.
bool IsOpenSslError(int value);
// Whether it says the peer's certificate failed verification (untrusted CA,
// wrong host name, expired, ...).
bool IsCertificateVerifyFailure(int value);
// OpenSSL's reason text ("certificate verify failed", "wrong version
// number"), or "" when unknown.
std::string OpenSslReason(int value);

}  // namespace renumber

#endif  // RENUMBER_HTTP_TLS_UTIL_H_
