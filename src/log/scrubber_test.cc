#include "src/log/scrubber.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

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

// The one-pass search (scrubber.cc) against the definition in scrubber.h
// done the slow way, each secret in turn: random texts over a small
// alphabet, with registered secrets planted whole, cut short, upper-cased
// and next to "..." cut marks. Secrets here use only q, x, z and digits,
// which no other test's secrets or texts are made of.
std::string SlowScrub(const std::string& text,
                      const std::vector<std::string>& secrets) {
  std::string lowered = text;
  for (char& c : lowered) c = static_cast<char>(std::tolower(c));
  std::vector<bool> redact(text.size(), false);
  auto mark = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) redact[i] = true;
  };
  for (const std::string& p : secrets) {
    const size_t anchor =
        std::min(p.size(), std::max<size_t>(8, (p.size() + 1) / 2));
    for (size_t pos = 0; pos + anchor <= lowered.size(); ++pos) {
      if (lowered.compare(pos, anchor, p, 0, anchor) != 0) continue;
      size_t k = anchor;
      while (pos + k < lowered.size() && k < p.size() &&
             lowered[pos + k] == p[k])
        ++k;
      mark(pos, pos + k);
    }
    for (size_t cut = 0; cut + 3 <= lowered.size(); ++cut) {
      if (lowered.compare(cut, 3, "...") != 0) continue;
      for (size_t t = std::min(anchor, cut + 1); t-- > 3;)
        if (lowered.compare(cut - t, t, p, 0, t) == 0) {
          mark(cut - t, cut);
          break;
        }
    }
  }
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (!redact[i]) {
      out += text[i++];
      continue;
    }
    out += kRedacted;
    while (i < text.size() && redact[i]) ++i;
  }
  return out;
}

TEST(ScrubberTest, OnePassFindsWhatEachSecretInTurnFinds) {
  std::mt19937 rng(20261203);
  auto pick = [&](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  const std::string alphabet = "qxz01.";
  std::vector<std::string> secrets;
  for (int i = 0; i < 40; ++i) {
    std::string s;
    const size_t length = 4 + pick(20);
    // Many share a start, as the simulators' "sim-ess-…" logins do.
    s = i % 3 == 0 ? "qzx0" : "";
    while (s.size() < length) s += "qxz0123456789"[pick(13)];
    secrets.push_back(s);
    AddScrubbedSecret(s);
  }
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t parts = pick(6);
    for (size_t i = 0; i < parts; ++i) {
      for (size_t n = pick(12); n > 0; --n)
        text += alphabet[pick(alphabet.size())];
      std::string s = secrets[pick(secrets.size())];
      s.resize(1 + pick(s.size()));  // whole, or cut short
      if (pick(4) == 0)
        for (char& c : s) c = static_cast<char>(std::toupper(c));
      text += s;
      if (pick(3) == 0) text += "...";
    }
    ASSERT_EQ(ScrubSecrets(text), SlowScrub(text, secrets)) << text;
  }
}

}  // namespace
}  // namespace renumber
