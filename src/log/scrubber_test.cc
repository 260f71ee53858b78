#include "src/log/scrubber.h"

#include <gtest/gtest.h>

#include <string>

#include "src/core/secret.h"

namespace renumber {
namespace {

// Each test registers its own secrets (the registry is process-wide).
TEST(ScrubberTest, ExactEchoIsScrubbed) {
  AddScrubbedSecret("exact-0f3c9a71-secret");
  EXPECT_EQ(ScrubSecrets("a exact-0f3c9a71-secret b"),
            std::string("a ") + kRedacted + " b");
  EXPECT_EQ(ScrubSecrets("nothing here"), "nothing here");
}

// A vendor that upper-cases what it echoes: the old scrubber matched bytes
// exactly and printed it.
TEST(ScrubberTest, CaseChangedEchoIsScrubbed) {
  AddScrubbedSecret("Case-7d21b0e4-Token");
  std::string out = ScrubSecrets("invalid key CASE-7D21B0E4-TOKEN given");
  EXPECT_EQ(out.find("7D21B0E4"), std::string::npos) << out;
  EXPECT_EQ(out, std::string("invalid key ") + kRedacted + " given");
}

// A vendor that echoes only the start of a token: at least half of it
// (and at least 8 bytes) is enough to be redacted; a shorter common prefix
// is ordinary text.
TEST(ScrubberTest, TruncatedEchoIsScrubbed) {
  const std::string token = "sim-cdn-4be1f07c9d2a63e85b10c7f4a9d2e361";
  AddScrubbedSecret(token);
  std::string out = ScrubSecrets("key " + token.substr(0, 24) + " not valid");
  EXPECT_EQ(out.find(token.substr(8, 16)), std::string::npos) << out;
  EXPECT_NE(out.find(kRedacted), std::string::npos);
  EXPECT_EQ(ScrubSecrets("a sim-cdn- token"), "a sim-cdn- token");
  EXPECT_EQ(ScrubSecrets("id sim-cdn-4be1"), "id sim-cdn-4be1")
      << "12 of 40 bytes: below half";
}

// The adapters cut a vendor's message (300 or 120 bytes) and then scrub:
// a secret split by the cut survived in part. A tail right before the
// cut mark that begins a secret is now redacted.
TEST(ScrubberTest, SecretSplitByAnEarlierCutIsRedacted) {
  const std::string pass = "split-93ac55e1b7d04f2a8c6e19b3";
  AddScrubbedSecret(pass);
  std::string message = std::string(290, 'm') + " " + pass + " tail";
  std::string cut = message.substr(0, 300) + "...";  // what an adapter does
  std::string out = ScrubSecrets("ESS: 400 E_BAD: " + cut);
  EXPECT_EQ(out.find("split-93"), std::string::npos) << out;
  EXPECT_EQ(out.find("..."), out.size() - 3);
  // Three bytes that begin a secret are enough before a cut; two are
  // ordinary text.
  EXPECT_EQ(ScrubSecrets("x spl..."), std::string("x ") + kRedacted + "...");
  EXPECT_EQ(ScrubSecrets("x sp..."), "x sp...");
  EXPECT_EQ(ScrubSecrets("x spl and more"), "x spl and more") << "not at a cut";
}

TEST(ScrubberTest, ScrubAndCutScrubsFirstThenCuts) {
  const std::string pass = "cut-5e0b7a19c2d84f63a1e7";
  AddScrubbedSecret(pass);
  const std::string message = std::string(100, 'm') + pass + "!";
  for (size_t max :
       {size_t{90}, size_t{105}, size_t{110}, size_t{124}, size_t{200}}) {
    std::string out = ScrubAndCut(message, max);
    EXPECT_EQ(out.find("cut-5e"), std::string::npos) << max << ": " << out;
    EXPECT_EQ(out.find("5e0b7a19"), std::string::npos) << max << ": " << out;
    EXPECT_LE(out.size(), max + 3) << max;
  }
  EXPECT_EQ(ScrubAndCut("short", 120), "short");
  EXPECT_EQ(ScrubAndCut(std::string(130, 'a'), 120),
            std::string(120, 'a') + "...");
  // Never half a UTF-8 character.
  std::string ja = "配送サーバー";  // 3 bytes each
  EXPECT_EQ(ScrubAndCut(ja, 7), "配送...");
}

}  // namespace
}  // namespace renumber
