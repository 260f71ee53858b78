#include "src/vault/crypto.h"

#include <gtest/gtest.h>

namespace renumber::vault {
namespace {

std::string Hex(const std::string& s) { return ToHex(s); }
std::string Bin(const std::string& hex) { return *FromHex(hex); }

// RFC 7914 section 12, vectors 2 and 3 (vector 4, N=2^20, needs 1 GiB).
TEST(CryptoTest, ScryptRfc7914Vectors) {
  auto v2 = Scrypt("password", "NaCl", 1024, 8, 16, uint64_t{64} << 20, 64);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(Hex(v2->reveal()),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
  auto v3 = Scrypt("pleaseletmein", "SodiumChloride", 16384, 8, 1,
                   uint64_t{64} << 20, 64);
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  EXPECT_EQ(Hex(v3->reveal()),
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

TEST(CryptoTest, ScryptRespectsMaxMem) {
  // N=2^14, r=8 needs 16 MiB: a 1 MiB cap must make OpenSSL refuse.
  auto r = Scrypt("pw", "salt", 16384, 8, 1, 1 << 20, 32);
  EXPECT_FALSE(r.ok());
}

// McGrew & Viega GCM spec, test case 16 (AES-256, 60-byte plaintext, AAD).
TEST(CryptoTest, AesGcmKnownAnswer) {
  Secret key(
      Bin("feffe9928665731c6d6a8f9467308308"
          "feffe9928665731c6d6a8f9467308308"));
  std::string iv = Bin("cafebabefacedbaddecaf888");
  std::string pt =
      Bin("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
          "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  std::string aad = Bin("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  auto sealed = AesGcmSeal(key, iv, aad, pt);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(Hex(*sealed),
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            "76fc6ece0f4e1768cddf8853bb2d551b");
  auto opened = AesGcmOpen(key, iv, aad, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->reveal(), pt);
}

TEST(CryptoTest, AesGcmRejectsAnyChange) {
  Secret key(std::string(32, 'k'));
  std::string iv(12, 'n');
  auto sealed = AesGcmSeal(key, iv, "header", "plaintext body");
  ASSERT_TRUE(sealed.ok());
  for (size_t i = 0; i < sealed->size(); ++i) {
    std::string bad = *sealed;
    bad[i] ^= 0x01;
    auto r = AesGcmOpen(key, iv, "header", bad);
    EXPECT_TRUE(r.status().Is(Code::kUnauthorized)) << "byte " << i;
  }
  EXPECT_TRUE(
      AesGcmOpen(key, iv, "headeR", *sealed).status().Is(Code::kUnauthorized));
  EXPECT_TRUE(AesGcmOpen(Secret(std::string(32, 'K')), iv, "header", *sealed)
                  .status()
                  .Is(Code::kUnauthorized));
  EXPECT_TRUE(AesGcmOpen(key, iv, "header", sealed->substr(0, 10))
                  .status()
                  .Is(Code::kUnauthorized));
  EXPECT_FALSE(AesGcmSeal(Secret("short"), iv, "", "x").ok());
}

// RFC 5869 test case 1.
TEST(CryptoTest, HkdfRfc5869) {
  auto okm = HkdfSha256(Secret(std::string(22, '\x0b')),
                        Bin("000102030405060708090a0b0c"),
                        Bin("f0f1f2f3f4f5f6f7f8f9"), 42);
  ASSERT_TRUE(okm.ok());
  EXPECT_EQ(Hex(okm->reveal()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

// RFC 4231 test case 2.
TEST(CryptoTest, HmacSha256Rfc4231) {
  auto mac = HmacSha256(Secret("Jefe"), "what do ya want for nothing?");
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(Hex(*mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoTest, Sha256AndHex) {
  EXPECT_EQ(Hex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(FromHex("abc").ok());
  EXPECT_FALSE(FromHex("zz").ok());
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

}  // namespace
}  // namespace renumber::vault
