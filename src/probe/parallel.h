// Bounded parallelism for probes: run fn(0) ... fn(n-1) on at most
// `parallel` threads at once and return when every call has returned.
//
// fn must be thread-safe and must not throw; each index is called exactly
// once. parallel < 1 counts as 1.
#ifndef RENUMBER_PROBE_PARALLEL_H_
#define RENUMBER_PROBE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace renumber {

void ForEachInParallel(size_t n, int parallel,
                       const std::function<void(size_t)>& fn);

}  // namespace renumber

#endif  // RENUMBER_PROBE_PARALLEL_H_
