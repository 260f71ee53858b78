// Registering and scrubbing a secret leaves no copy of it in freed heap
// memory (the old scrubber freed a plain copy at every registration and
// reallocated the text it was scrubbing in place).
#include <gtest/gtest.h>

#include <random>

#include "src/log/scrubber.h"
#include "tests/support/heap_probe.h"

namespace renumber {
namespace {

std::string Marker() {
  std::random_device rd;
  std::string out = "marker-";
  for (int i = 0; i < 32; ++i) out += "0123456789abcdef"[rd() % 16];
  return out;
}

TEST(ScrubberHeapTest, NoFreedCopyOfARegisteredSecret) {
  const std::string secret = Marker();
  const std::string text = "the vendor said: bad key " + secret + " (400)";
  std::string out;
  {
    HeapProbe probe(secret);
    AddScrubbedSecret(secret);
    out = ScrubSecrets(text);
    out += ScrubAndCut(text, 30);
    EXPECT_GT(probe.frees(), 0) << "the probe saw nothing";
    EXPECT_EQ(probe.hits(), 0) << "a freed block held the secret";
  }
  EXPECT_EQ(out.find(secret.substr(7, 12)), std::string::npos) << out;
}

}  // namespace
}  // namespace renumber
