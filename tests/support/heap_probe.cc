#include "tests/support/heap_probe.h"

#include <malloc.h>
#include <string.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace renumber {
namespace {

char g_needle[256];
std::atomic<size_t> g_needle_size{0};  // 0: not watching
std::atomic<int> g_hits{0};
std::atomic<long> g_frees{0};

void Inspect(void* p) {
  size_t n = g_needle_size.load(std::memory_order_acquire);
  if (n == 0 || p == nullptr) return;
  g_frees.fetch_add(1, std::memory_order_relaxed);
  if (memmem(p, malloc_usable_size(p), g_needle, n) != nullptr)
    g_hits.fetch_add(1, std::memory_order_relaxed);
}

void* Allocate(size_t size) {
  void* p = std::malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  return p;
}

void* AllocateAligned(size_t size, std::align_val_t align) {
  size_t a = static_cast<size_t>(align);
  size_t rounded = (size + a - 1) / a * a;
  void* p = std::aligned_alloc(a, rounded ? rounded : a);
  if (!p) throw std::bad_alloc();
  return p;
}

void Free(void* p) {
  Inspect(p);
  std::free(p);
}

}  // namespace

HeapProbe::HeapProbe(const std::string& needle) {
  size_t n = needle.size() < sizeof g_needle ? needle.size() : 0;
  memcpy(g_needle, needle.data(), n);
  g_hits.store(0);
  g_frees.store(0);
  g_needle_size.store(n, std::memory_order_release);
}

HeapProbe::~HeapProbe() { g_needle_size.store(0, std::memory_order_release); }

int HeapProbe::hits() const { return g_hits.load(); }

long HeapProbe::frees() const { return g_frees.load(); }

}  // namespace renumber

// The replaceable global allocation functions ([new.delete]).
void* operator new(size_t size) { return renumber::Allocate(size); }
void* operator new[](size_t size) { return renumber::Allocate(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size ? size : 1);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size ? size : 1);
}
void* operator new(size_t size, std::align_val_t a) {
  return renumber::AllocateAligned(size, a);
}
void* operator new[](size_t size, std::align_val_t a) {
  return renumber::AllocateAligned(size, a);
}
void operator delete(void* p) noexcept { renumber::Free(p); }
void operator delete[](void* p) noexcept { renumber::Free(p); }
void operator delete(void* p, size_t) noexcept { renumber::Free(p); }
void operator delete[](void* p, size_t) noexcept { renumber::Free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept {
  renumber::Free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  renumber::Free(p);
}
void operator delete(void* p, std::align_val_t) noexcept { renumber::Free(p); }
void operator delete[](void* p, std::align_val_t) noexcept {
  renumber::Free(p);
}
void operator delete(void* p, size_t, std::align_val_t) noexcept {
  renumber::Free(p);
}
void operator delete[](void* p, size_t, std::align_val_t) noexcept {
  renumber::Free(p);
}
