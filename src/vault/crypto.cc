#include "src/vault/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <atomic>
#include <memory>

namespace renumber::vault {
namespace {

std::atomic<uint64_t> g_scrypt_runs{0};

Status OpenSslError(const char* what) {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  const char* reason = e ? ERR_reason_error_string(e) : nullptr;
  std::string detail = reason ? reason : "no detail";
  return Status::Internal(
      std::string(what) + " failed in OpenSSL: " + detail,
      std::string(what) + " が OpenSSL で失敗しました: " + detail);
}

struct KdfDeleter {
  void operator()(EVP_KDF* k) const { EVP_KDF_free(k); }
  void operator()(EVP_KDF_CTX* c) const { EVP_KDF_CTX_free(c); }
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
  void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
  void operator()(EVP_MAC_CTX* c) const { EVP_MAC_CTX_free(c); }
};
template <typename T>
using Owned = std::unique_ptr<T, KdfDeleter>;

// Runs the named EVP_KDF with `params` into a fresh Secret of `out_len`.
Result<Secret> RunKdf(const char* name, OSSL_PARAM* params, size_t out_len) {
  Owned<EVP_KDF> kdf(EVP_KDF_fetch(nullptr, name, nullptr));
  if (!kdf) return OpenSslError(name);
  Owned<EVP_KDF_CTX> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return OpenSslError(name);
  std::string out(out_len, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                     out_len, params) != 1) {
    Wipe(&out);
    return OpenSslError(name);
  }
  return Secret(std::move(out));
}

void* Bytes(std::string_view s) { return const_cast<char*>(s.data()); }

}  // namespace

Result<Secret> Scrypt(std::string_view password, std::string_view salt,
                      uint64_t n, uint32_t r, uint32_t p, uint64_t max_mem,
                      size_t out_len) {
  ++g_scrypt_runs;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                        Bytes(password), password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Bytes(salt),
                                        salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &max_mem),
      OSSL_PARAM_construct_end()};
  return RunKdf("SCRYPT", params, out_len);
}

Result<Secret> HkdfSha256(const Secret& ikm, std::string_view salt,
                          std::string_view info, size_t out_len) {
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, Bytes(ikm.reveal()),
                                        ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Bytes(salt),
                                        salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, Bytes(info),
                                        info.size()),
      OSSL_PARAM_construct_end()};
  return RunKdf("HKDF", params, out_len);
}

Result<std::string> HmacSha256(const Secret& key, std::string_view data) {
  Owned<EVP_MAC> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) return OpenSslError("HMAC");
  Owned<EVP_MAC_CTX> ctx(EVP_MAC_CTX_new(mac.get()));
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  const auto* k = reinterpret_cast<const unsigned char*>(key.reveal().data());
  std::string out(EVP_MAX_MD_SIZE, '\0');
  size_t len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), k, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(),
                     reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                    &len, out.size()) != 1)
    return OpenSslError("HMAC");
  out.resize(len);
  return out;
}

std::string Sha256(std::string_view data) {
  std::string out(32, '\0');
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(),
             reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(),
             nullptr);
  return out;
}

Result<std::string> AesGcmSeal(const Secret& key, std::string_view nonce,
                               std::string_view aad,
                               std::string_view plaintext) {
  if (key.size() != kKeyBytes || nonce.size() != kNonceBytes)
    return Status::InvalidArgument(
        "AES-256-GCM needs a 32-byte key and a 12-byte nonce",
        "AES-256-GCM には 32 バイトの鍵と 12 "
        "バイトのノンスが必要です（内部エラー）");
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  const auto* k = reinterpret_cast<const unsigned char*>(key.reveal().data());
  const auto* iv = reinterpret_cast<const unsigned char*>(nonce.data());
  std::string out(plaintext.size() + kTagBytes, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, fin = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k, iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(
          ctx.get(), o, &len,
          reinterpret_cast<const unsigned char*>(plaintext.data()),
          static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          o + plaintext.size()) != 1)
    return OpenSslError("AES-256-GCM encryption");
  return out;
}

Result<Secret> AesGcmOpen(const Secret& key, std::string_view nonce,
                          std::string_view aad, std::string_view sealed) {
  if (key.size() != kKeyBytes || nonce.size() != kNonceBytes)
    return Status::InvalidArgument(
        "AES-256-GCM needs a 32-byte key and a 12-byte nonce",
        "AES-256-GCM には 32 バイトの鍵と 12 "
        "バイトのノンスが必要です（内部エラー）");
  if (sealed.size() < kTagBytes)
    return Status::Unauthorized("sealed data is shorter than its tag",
                                "暗号化データが認証タグより短くなっています");
  size_t body = sealed.size() - kTagBytes;
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  const auto* k = reinterpret_cast<const unsigned char*>(key.reveal().data());
  const auto* iv = reinterpret_cast<const unsigned char*>(nonce.data());
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(body, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, fin = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k, iv) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), o, &len, in, static_cast<int>(body)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          const_cast<unsigned char*>(in + body)) != 1) {
    Wipe(&out);
    return OpenSslError("AES-256-GCM decryption");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), o + len, &fin) != 1) {
    ERR_clear_error();
    Wipe(&out);  // never hand out unauthenticated plaintext
    return Status::Unauthorized("AES-256-GCM tag mismatch",
                                "AES-256-GCM の認証タグが一致しません");
  }
  return Secret(std::move(out));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string ToHex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Result<std::string> FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0)
    return Status::InvalidArgument("odd-length hex", "16 進数の桁数が奇数です");
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return Status::InvalidArgument("bad hex digit",
                                     "16 進数として読めない文字があります");
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
  s->clear();
}

uint64_t ScryptRunsForTesting() { return g_scrypt_runs.load(); }

}  // namespace renumber::vault
