#include "src/vault/vault_format.h"

#include <cstring>

#include "src/vault/crypto.h"

namespace renumber::vault {
namespace {

constexpr const char* kBodyKeyInfo = "renumber-vault/1 body key AES-256-GCM";

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((v >> shift) & 0xff));
}

uint32_t GetU32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i)
    v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}

Status Corrupt(const std::string& why) {
  return Status::Corruption(
      "the vault file is damaged or not a vault: " + why,
      "保管庫のファイルが壊れているか、保管庫ではありません: " + why);
}

}  // namespace

Status CheckKdfCaps(const KdfParams& k) {
  auto refuse = [&](const std::string& what) {
    return Status::Corruption(
        "the vault file asks for scrypt parameters outside the safe limits (" +
            what + "); refusing to run the key derivation",
        "保管庫のファイルが安全な範囲を超える scrypt のパラメーター（" + what +
            "）を指定しているため、鍵の導出を行いません");
  };
  if (k.log2_n < kMinLog2N || k.log2_n > kMaxLog2N)
    return refuse("N = 2^" + std::to_string(k.log2_n) + ", allowed 2^" +
                  std::to_string(kMinLog2N) + "..2^" +
                  std::to_string(kMaxLog2N));
  if (k.r < 1 || k.r > kMaxR)
    return refuse("r = " + std::to_string(k.r) + ", allowed 1.." +
                  std::to_string(kMaxR));
  if (k.p < 1 || k.p > kMaxP)
    return refuse("p = " + std::to_string(k.p) + ", allowed 1.." +
                  std::to_string(kMaxP));
  // scrypt (RFC 7914) requires N < 2^(128*r/8); OpenSSL enforces it.
  if (uint64_t{k.log2_n} >= 16 * uint64_t{k.r})
    return refuse("N = 2^" + std::to_string(k.log2_n) +
                  " is too large for r = " + std::to_string(k.r) +
                  " (scrypt needs N < 2^(16*r))");
  uint64_t n = uint64_t{1} << k.log2_n;
  if (128 * uint64_t{k.r} * n > kMaxKdfMemory)
    return refuse("memory 128*r*N above " +
                  std::to_string(kMaxKdfMemory >> 20) + " MiB");
  if (n * k.r * k.p > kMaxKdfWork) return refuse("work N*r*p above 2^22");
  return Status::Ok();
}

uint64_t KdfMemoryBytes(const KdfParams& k) {
  uint64_t n = uint64_t{1} << k.log2_n;
  return 128 * uint64_t{k.r} * (n + 2) + 128 * uint64_t{k.r} * k.p;
}

Header NewHeader(const KdfParams& kdf, Random* random) {
  Header h;
  h.kdf = kdf;
  h.salt.assign(kSaltBytes, '\0');
  h.nonce.assign(kNonceBytes, '\0');
  random->Fill(reinterpret_cast<uint8_t*>(h.salt.data()), h.salt.size());
  random->Fill(reinterpret_cast<uint8_t*>(h.nonce.data()), h.nonce.size());
  return h;
}

std::string EncodeHeader(const Header& h) {
  std::string out(kMagic, sizeof kMagic);
  out.push_back(static_cast<char>(kFormatVersion >> 8));
  out.push_back(static_cast<char>(kFormatVersion & 0xff));
  out.push_back(static_cast<char>(kKdfScrypt));
  out.push_back(static_cast<char>(h.kdf.log2_n));
  PutU32(&out, h.kdf.r);
  PutU32(&out, h.kdf.p);
  out += h.salt;
  out += h.nonce;
  return out;
}

Result<Header> ParseHeader(std::string_view file) {
  if (file.size() < kHeaderBytes + kTagBytes)
    return Corrupt("too short (" + std::to_string(file.size()) + " bytes)");
  if (file.size() > kMaxFileBytes)
    return Corrupt("larger than " + std::to_string(kMaxFileBytes >> 20) +
                   " MiB");
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0)
    return Corrupt("bad magic bytes");
  unsigned version = static_cast<unsigned char>(file[8]) << 8 |
                     static_cast<unsigned char>(file[9]);
  if (version != kFormatVersion)
    return Corrupt("format version " + std::to_string(version) +
                   " is not supported (this build reads version " +
                   std::to_string(kFormatVersion) + ")");
  if (static_cast<unsigned char>(file[10]) != kKdfScrypt)
    return Corrupt("unknown key derivation id " +
                   std::to_string(static_cast<unsigned char>(file[10])));
  Header h;
  h.kdf.log2_n = static_cast<unsigned char>(file[11]);
  h.kdf.r = GetU32(file, 12);
  h.kdf.p = GetU32(file, 16);
  RN_RETURN_IF_ERROR(CheckKdfCaps(h.kdf));
  h.salt = std::string(file.substr(20, kSaltBytes));
  h.nonce = std::string(file.substr(20 + kSaltBytes, kNonceBytes));
  return h;
}

Result<Secret> DeriveBodyKey(const Secret& passphrase, const Header& h) {
  RN_RETURN_IF_ERROR(CheckKdfCaps(h.kdf));
  RN_ASSIGN_OR_RETURN(
      Secret master,
      Scrypt(passphrase.reveal(), h.salt, uint64_t{1} << h.kdf.log2_n, h.kdf.r,
             h.kdf.p, KdfMemoryBytes(h.kdf), kKeyBytes));
  return HkdfSha256(master, "", kBodyKeyInfo, kKeyBytes);
}

Result<std::string> SealFile(const Header& h, const Secret& body_key,
                             std::string_view plaintext) {
  std::string header = EncodeHeader(h);
  RN_ASSIGN_OR_RETURN(std::string sealed,
                      AesGcmSeal(body_key, h.nonce, header, plaintext));
  return header + sealed;
}

Result<Secret> OpenFile(std::string_view file, const Secret& body_key) {
  RN_ASSIGN_OR_RETURN(Header h, ParseHeader(file));
  auto plain = AesGcmOpen(body_key, h.nonce, file.substr(0, kHeaderBytes),
                          file.substr(kHeaderBytes));
  if (!plain.ok()) {
    if (plain.status().Is(Code::kUnauthorized))
      return Status::Unauthorized(kWrongPassphrase, kWrongPassphraseJa);
    return plain.status();
  }
  return std::move(plain).value();
}

}  // namespace renumber::vault
