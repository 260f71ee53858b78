#include "src/core/random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <limits>

namespace renumber {

uint64_t Random::Uniform(uint64_t n) {
  if (n <= 1) return 0;
  // Rejection sampling avoids modulo bias.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() -
                         std::numeric_limits<uint64_t>::max() % n;
  uint64_t v;
  do {
    Fill(reinterpret_cast<uint8_t*>(&v), sizeof v);
  } while (v >= limit);
  return v % n;
}

double Random::UnitDouble() {
  return static_cast<double>(Uniform(uint64_t{1} << 53)) /
         static_cast<double>(uint64_t{1} << 53);
}

std::string Random::Hex(size_t n) {
  std::string bytes(n, '\0');
  Fill(reinterpret_cast<uint8_t*>(bytes.data()), n);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

namespace {
class OpenSslRandom : public Random {
 public:
  void Fill(uint8_t* out, size_t n) override {
    if (RAND_bytes(out, static_cast<int>(n)) != 1) {
      std::fprintf(stderr, "renumber: the system random generator failed\n");
      std::abort();
    }
  }
};
}  // namespace

Random* SystemRandom() {
  static Random* r = new OpenSslRandom;
  return r;
}

void FakeRandom::Fill(uint8_t* out, size_t n) {
  std::lock_guard<std::mutex> l(mu_);
  for (size_t i = 0; i < n; ++i) {
    // splitmix64, one byte per step: simple and deterministic.
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    out[i] = static_cast<uint8_t>(z ^ (z >> 31));
  }
}

}  // namespace renumber
