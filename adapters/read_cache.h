// ReadCache: one account's successful GET answers within one run, so that
// an adapter does not ask the vendor again for what it has just read
// (issue 15: Discover, Apply and the read back after a phase read the same
// collections and versions many times over).
//
// It only stores and forgets; *when* an answer may be reused is each
// vendor client's rule, from what its contract guarantees
// (docs/ess-contract.md, docs/cdn-contract.md):
// - ESS (ess_client.h): every write is conditional on the collection's
//   ETag, so a stale answer can only cost a 412, which re-reads; a write
//   forgets the collection it touched, whatever its answer (a lost answer is
//   read back from the vendor, never from here).
// - CDN (cdn_client.h): activation is not conditional, so an answer about
//   something that can change is kept only until the next write or the
//   start of a change more than a second after it was read; the lists of a
//   locked version, which the contract makes read-only, and the service
//   list (renumber never adds or removes a service) are kept for the run,
//   a pool's servers (written by nothing of ours, read for the report
//   only) for up to 10 minutes of it.
//
// Keys are request paths below the API base. Threads: one thread at a time
// (the engine's rule for an adapter). Owns copies of the answers.
#ifndef RENUMBER_ADAPTERS_READ_CACHE_H_
#define RENUMBER_ADAPTERS_READ_CACHE_H_

#include <functional>
#include <map>
#include <string>

#include "src/http/transport.h"

namespace renumber {

class ReadCache {
 public:
  // The stored answer for `path`, or null.
  const HttpResponse* Find(const std::string& path) const;
  // Whether an answer for `path` is stored (not counted as a hit).
  bool Has(const std::string& path) const { return answers_.count(path) > 0; }
  void Put(const std::string& path, const HttpResponse& response);
  void Erase(const std::string& path);
  // Forgets every path for which `drop` is true.
  void EraseIf(const std::function<bool(const std::string&)>& drop);
  void Clear() { answers_.clear(); }
  // Calls `visit` with every kept path and answer, in path order.
  void Visit(const std::function<void(const std::string&, const HttpResponse&)>&
                 visit) const;
  // Lookups answered from the cache, for tests and the benchmark's notes.
  long hits() const { return hits_; }

 private:
  std::map<std::string, HttpResponse> answers_;
  mutable long hits_ = 0;
};

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_READ_CACHE_H_
