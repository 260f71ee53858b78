#include "src/vault/vault_format.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "src/vault/crypto.h"
#include "src/vault/test_util.h"

namespace renumber::vault {
namespace {

using testing::kTestKdf;

TEST(VaultFormatTest, HeaderRoundTrip) {
  FakeRandom random(7);
  Header h = NewHeader(kTestKdf, &random);
  std::string bytes = EncodeHeader(h);
  ASSERT_EQ(bytes.size(), kHeaderBytes);
  auto parsed = ParseHeader(bytes + std::string(kTagBytes, 'x'));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->kdf, kTestKdf);
  EXPECT_EQ(parsed->salt, h.salt);
  EXPECT_EQ(parsed->nonce, h.nonce);
}

TEST(VaultFormatTest, CapsRefuseHostileParameters) {
  EXPECT_TRUE(CheckKdfCaps(kProductionKdf).ok());
  EXPECT_TRUE(CheckKdfCaps(kTestKdf).ok());
  EXPECT_TRUE(CheckKdfCaps(KdfParams{18, 8, 2}).ok());  // at both limits
  for (KdfParams k :
       {KdfParams{9, 8, 1}, KdfParams{21, 8, 1}, KdfParams{40, 8, 1},
        KdfParams{17, 0, 1}, KdfParams{17, 33, 1}, KdfParams{17, 8, 0},
        KdfParams{17, 8, 17}, KdfParams{19, 8, 1}, KdfParams{18, 8, 3},
        KdfParams{20, 1, 16}, KdfParams{20, 1, 1}, KdfParams{16, 1, 1}}) {
    Status s = CheckKdfCaps(k);
    EXPECT_TRUE(s.Is(Code::kCorruption))
        << k.log2_n << "/" << k.r << "/" << k.p;
  }
}

TEST(VaultFormatTest, HostileHeaderRefusedBeforeKdfRuns) {
  FakeRandom random(1);
  // N = 2^30, r = 8 would need 128 GiB.
  Header h = NewHeader(KdfParams{30, 8, 1}, &random);
  std::string file = EncodeHeader(h) + std::string(64, 'c');
  // The KDF's run counter is the proof that it never ran; no time bound
  // (one loose enough for a loaded machine proves nothing, one tight
  // enough to prove something fails on it).
  uint64_t runs = ScryptRunsForTesting();
  EXPECT_TRUE(ParseHeader(file).status().Is(Code::kCorruption));
  EXPECT_TRUE(
      DeriveBodyKey(Secret("passphrase"), h).status().Is(Code::kCorruption));
  EXPECT_TRUE(OpenFile(file, Secret(std::string(32, 'k')))
                  .status()
                  .Is(Code::kCorruption));
  EXPECT_EQ(ScryptRunsForTesting(), runs);
}

TEST(VaultFormatTest, SealOpenRoundTripAndFixedWrongKeyError) {
  FakeRandom random(3);
  Header h = NewHeader(kTestKdf, &random);
  auto key = DeriveBodyKey(Secret("correct horse"), h);
  ASSERT_TRUE(key.ok());
  auto file = SealFile(h, *key, "{\"hello\":1}");
  ASSERT_TRUE(file.ok());
  auto plain = OpenFile(*file, *key);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->reveal(), "{\"hello\":1}");
  auto wrong = DeriveBodyKey(Secret("wrong horse"), h);
  Status s = OpenFile(*file, *wrong).status();
  EXPECT_TRUE(s.Is(Code::kUnauthorized));
  EXPECT_EQ(s.message(), kWrongPassphrase);
}

TEST(VaultFormatTest, RejectsBadMagicVersionAndKdfId) {
  FakeRandom random(5);
  std::string file =
      EncodeHeader(NewHeader(kTestKdf, &random)) + std::string(kTagBytes, 't');
  for (size_t at : {0, 7, 8, 9, 10}) {
    std::string bad = file;
    bad[at] ^= 0x40;
    EXPECT_TRUE(ParseHeader(bad).status().Is(Code::kCorruption)) << at;
  }
  EXPECT_TRUE(ParseHeader(file.substr(0, kHeaderBytes + kTagBytes - 1))
                  .status()
                  .Is(Code::kCorruption));
  EXPECT_TRUE(ParseHeader(std::string(kMaxFileBytes + 1, 'x'))
                  .status()
                  .Is(Code::kCorruption));
}

// The production cost, measured: N = 2^17, r = 8, p = 1 (128 MiB).
TEST(VaultFormatTest, ProductionKdfCostMeasured) {
  Header h = NewHeader(kProductionKdf, SystemRandom());
  auto start = std::chrono::steady_clock::now();
  auto key = DeriveBodyKey(Secret("a production passphrase"), h);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->size(), kKeyBytes);
  EXPECT_EQ(KdfMemoryBytes(kProductionKdf),
            128ull * 8 * ((1 << 17) + 2) + 128ull * 8);
  ::testing::Test::RecordProperty("scrypt_n17_ms", static_cast<int>(ms));
  std::printf("scrypt N=2^17 r=8 p=1 (+HKDF): %lld ms\n",
              static_cast<long long>(ms));
  // 128 MiB of memory-hard work cannot be done in a few milliseconds: a
  // lower bound catches a cost silently dropped to a test value. (Only a
  // lower bound: load makes the run slower, never faster.)
  EXPECT_GT(ms, 20);
}

}  // namespace
}  // namespace renumber::vault
