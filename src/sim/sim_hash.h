// Stable hashing for what the simulators derive from names (seeded ids,
// ETags): FNV-1a of a string and the SplitMix64 mixer. The same input gives
// the same value in every process and on every machine. Not for security.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_SIM_SIM_HASH_H_
#define RENUMBER_SIM_SIM_HASH_H_

#include <cstdint>
#include <string_view>

namespace renumber::sim {

// 64-bit FNV-1a.
inline uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// SplitMix64's finalizer: every bit of `z` moves every bit of the result.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The next value of the SplitMix64 sequence that `state` holds.
inline uint64_t SplitMix64(uint64_t* state) {
  return Mix64(*state += 0x9e3779b97f4a7c15ULL);
}

}  // namespace renumber::sim

#endif  // RENUMBER_SIM_SIM_HASH_H_
