// The vault's cryptographic primitives, all through OpenSSL 3's EVP
// interfaces: scrypt (EVP_KDF "SCRYPT"), HKDF-SHA256, HMAC-SHA256, SHA-256 and
// AES-256-GCM. Nothing here reads files or knows the vault format.
//
// Byte strings are std::string (binary-safe). Keys and other secret bytes are
// passed as Secret so they are wiped when dropped. Every function is
// thread-safe. Errors: kInvalidArgument for bad sizes or parameters,
// kUnauthorized when an AEAD tag does not verify (a wrong key or altered
// data; the two cannot be told apart), kInternal when OpenSSL fails.
#ifndef RENUMBER_VAULT_CRYPTO_H_
#define RENUMBER_VAULT_CRYPTO_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "src/core/secret.h"
#include "src/core/status.h"

namespace renumber::vault {

inline constexpr size_t kKeyBytes = 32;    // AES-256, HMAC-SHA256 keys
inline constexpr size_t kNonceBytes = 12;  // GCM nonce
inline constexpr size_t kTagBytes = 16;    // GCM tag

// scrypt (RFC 7914) via EVP_KDF_fetch("SCRYPT"). `max_mem` is passed to
// OpenSSL explicitly (its default cap is too small for N = 2^17, r = 8).
// Callers check parameters against their own caps first (see vault_format.h):
// this function runs whatever it is given.
Result<Secret> Scrypt(std::string_view password, std::string_view salt,
                      uint64_t n, uint32_t r, uint32_t p, uint64_t max_mem,
                      size_t out_len);

// HKDF-SHA256 (RFC 5869), extract-and-expand.
Result<Secret> HkdfSha256(const Secret& ikm, std::string_view salt,
                          std::string_view info, size_t out_len);

// HMAC-SHA256 of `data` under `key` (32 raw bytes).
Result<std::string> HmacSha256(const Secret& key, std::string_view data);

// SHA-256 of `data` (32 raw bytes).
std::string Sha256(std::string_view data);

// AES-256-GCM: returns ciphertext || 16-byte tag. `key` is 32 bytes, `nonce`
// 12 bytes; `aad` is authenticated but not encrypted.
Result<std::string> AesGcmSeal(const Secret& key, std::string_view nonce,
                               std::string_view aad,
                               std::string_view plaintext);
// Reverses AesGcmSeal. A tag mismatch gives kUnauthorized and no plaintext.
Result<Secret> AesGcmOpen(const Secret& key, std::string_view nonce,
                          std::string_view aad, std::string_view sealed);

// Constant-time equality of two byte strings (lengths are not secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Lower-case hex and back (kInvalidArgument on bad input).
std::string ToHex(std::string_view bytes);
Result<std::string> FromHex(std::string_view hex);

// Overwrites a string's bytes with OPENSSL_cleanse (for plaintext buffers
// that are not held in a Secret, e.g. serialized JSON before encryption).
void Wipe(std::string* s);

// How many times Scrypt ran in this process (tests check that hostile
// parameters are refused before the KDF runs).
uint64_t ScryptRunsForTesting();

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_CRYPTO_H_
