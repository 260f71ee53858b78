// The vault file container (see FORMAT.md beside this file): a fixed 64-byte
// header (magic, format version, KDF id and parameters, salt, nonce) followed
// by the AES-256-GCM ciphertext of the body and its tag. The exact header
// bytes are the associated data, so any change to them fails the tag.
//
// KDF parameters read from a file are checked against hard caps (CheckKdfCaps)
// before any key derivation runs, so a hostile file cannot make us allocate
// gigabytes or spin for minutes.
//
// Pure functions over bytes; thread-safe. Errors: kCorruption for a file that
// is not a vault, has an unknown version, is truncated or asks for KDF
// parameters above the caps; kUnauthorized (kWrongPassphrase) when the tag
// does not verify.
#ifndef RENUMBER_VAULT_VAULT_FORMAT_H_
#define RENUMBER_VAULT_VAULT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "src/core/random.h"
#include "src/core/secret.h"
#include "src/core/status.h"

namespace renumber::vault {

// scrypt cost: N = 2^log2_n, block size r, parallelism p.
struct KdfParams {
  uint32_t log2_n = 17;
  uint32_t r = 8;
  uint32_t p = 1;
  friend bool operator==(const KdfParams& a, const KdfParams& b) {
    return a.log2_n == b.log2_n && a.r == b.r && a.p == b.p;
  }
};

// What `vault init` and `rekey` write. Tests may ask for a lower N through
// VaultOptions (never through a command-line flag).
inline constexpr KdfParams kProductionKdf{17, 8, 1};

// Hard caps for parameters read from a file.
inline constexpr uint32_t kMinLog2N = 10;
inline constexpr uint32_t kMaxLog2N = 20;
inline constexpr uint32_t kMaxR = 32;
inline constexpr uint32_t kMaxP = 16;
inline constexpr uint64_t kMaxKdfMemory = uint64_t{256} << 20;  // 128*r*N
inline constexpr uint64_t kMaxKdfWork = uint64_t{1} << 22;      // N*r*p

inline constexpr char kMagic[8] = {'\x89', 'R', 'N', 'V', 'A', 'U', 'L', 'T'};
inline constexpr uint16_t kFormatVersion = 1;
inline constexpr uint8_t kKdfScrypt = 1;
inline constexpr size_t kSaltBytes = 32;
inline constexpr size_t kHeaderBytes = 64;
inline constexpr size_t kMaxFileBytes = size_t{16} << 20;

// The one message for a tag failure: a wrong passphrase and an altered file
// cannot be told apart, and we do not try to.
inline constexpr const char* kWrongPassphrase =
    "cannot unlock the vault: wrong passphrase, or the vault file was altered";
inline constexpr const char* kWrongPassphraseJa =
    "保管庫を開けません: "
    "パスフレーズが違うか、保管庫のファイルが改変されています";

// kOk when `k` is within the caps above; kCorruption naming the parameter
// otherwise.
Status CheckKdfCaps(const KdfParams& k);
// The exact memory OpenSSL's scrypt needs for `k` (its maxmem check).
uint64_t KdfMemoryBytes(const KdfParams& k);

struct Header {
  KdfParams kdf;
  std::string salt;   // kSaltBytes
  std::string nonce;  // 12 bytes
};

// A header with a fresh salt and nonce from `random`.
Header NewHeader(const KdfParams& kdf, Random* random);
std::string EncodeHeader(const Header& h);
// Checks size bounds, magic, version, KDF id and caps; reads no key.
Result<Header> ParseHeader(std::string_view file);

// scrypt(passphrase, salt) -> HKDF-SHA256 -> the AES-256-GCM body key.
// Checks the caps again first.
Result<Secret> DeriveBodyKey(const Secret& passphrase, const Header& h);

// header || AES-256-GCM(body_key, nonce, aad = header, plaintext) || tag.
Result<std::string> SealFile(const Header& h, const Secret& body_key,
                             std::string_view plaintext);
// The plaintext of a file whose header `h` was parsed from it, or
// kUnauthorized(kWrongPassphrase); never partial plaintext.
Result<Secret> OpenFile(std::string_view file, const Secret& body_key);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_VAULT_FORMAT_H_
