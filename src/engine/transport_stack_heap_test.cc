// The rate limiter's key for a login leaves no copy of the password in
// freed memory (the old fingerprint concatenated base, user, password and
// token into a string and freed it unwiped).
#include <gtest/gtest.h>

#include <random>

#include "src/engine/transport_stack.h"
#include "tests/support/heap_probe.h"

namespace renumber {
namespace {

TEST(TransportStackHeapTest, FingerprintCopiesNoSecret) {
  std::random_device rd;
  std::string password = "fp-password-";
  for (int i = 0; i < 24; ++i) password += "0123456789abcdef"[rd() % 16];
  Credentials c;
  c.account = {"C-10001", Service("ess")};
  c.api_base = "https://ess.example.net";
  c.fields["username"] = "admin@c10001.example.jp";
  c.secrets["password"] = Secret(password);
  std::string a, b;
  {
    HeapProbe probe(password);
    a = CredentialFingerprint(c);
    b = CredentialFingerprint(c);
    EXPECT_GT(probe.frees(), 0) << "the probe saw nothing";
    EXPECT_EQ(probe.hits(), 0) << "a freed block held the password";
  }
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.rfind("https://ess.example.net#", 0), 0u) << a;
  EXPECT_EQ(a.size(), std::string("https://ess.example.net#").size() + 16);
  c.secrets["password"] = Secret(password + "x");
  EXPECT_NE(CredentialFingerprint(c), a);
}

}  // namespace
}  // namespace renumber
