#include "src/probe/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace renumber {

void ForEachInParallel(size_t n, int parallel,
                       const std::function<void(size_t)>& fn) {
  const size_t threads =
      std::min(n, static_cast<size_t>(std::max(1, parallel)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

}  // namespace renumber
