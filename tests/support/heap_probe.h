// A test's view of freed heap memory: did a secret go back to the allocator
// without being wiped first?
//
// Linking heap_probe.cc into a test binary replaces the global operator new
// and operator delete (every form) with malloc/free-based ones. While a
// HeapProbe is alive, each block freed through operator delete is searched
// for the probe's needle before it is freed; hits() counts the blocks that
// still held it. Blocks freed with free() (C libraries such as OpenSSL) are
// not seen.
//
// One probe at a time. hits() may be read from any thread; frees on other
// threads (a library's pool) are counted too.
#ifndef RENUMBER_TESTS_SUPPORT_HEAP_PROBE_H_
#define RENUMBER_TESTS_SUPPORT_HEAP_PROBE_H_

#include <string>

namespace renumber {

class HeapProbe {
 public:
  // Starts watching for `needle` (at least 8 bytes).
  explicit HeapProbe(const std::string& needle);
  // Stops watching.
  ~HeapProbe();
  HeapProbe(const HeapProbe&) = delete;
  HeapProbe& operator=(const HeapProbe&) = delete;

  // Freed blocks that held the needle since this probe started.
  int hits() const;
  // Blocks freed through operator delete since this probe started (so a
  // test can show the probe saw the code under test at all).
  long frees() const;
};

}  // namespace renumber

#endif  // RENUMBER_TESTS_SUPPORT_HEAP_PROBE_H_
