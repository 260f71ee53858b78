// Randomness behind an interface: jitter, nonces, salts and ids.
//
// SystemRandom() draws from OpenSSL's CSPRNG and is thread-safe; FakeRandom is
// a deterministic generator for tests (thread-safe too).
#ifndef RENUMBER_CORE_RANDOM_H_
#define RENUMBER_CORE_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

namespace renumber {

class Random {
 public:
  virtual ~Random() = default;
  // Fills `out` with `n` random bytes.
  virtual void Fill(uint8_t* out, size_t n) = 0;
  // Uniform in [0, n); n > 0.
  uint64_t Uniform(uint64_t n);
  // Uniform in [0, 1).
  double UnitDouble();
  // `n` random bytes as lower-case hex.
  std::string Hex(size_t n);
};

// The process-wide CSPRNG (OpenSSL RAND_bytes). Never deleted.
Random* SystemRandom();

class FakeRandom : public Random {
 public:
  explicit FakeRandom(uint64_t seed = 1) : state_(seed) {}
  void Fill(uint8_t* out, size_t n) override;

 private:
  std::mutex mu_;
  uint64_t state_;
};

}  // namespace renumber

#endif  // RENUMBER_CORE_RANDOM_H_
