#include "adapters/read_cache.h"

namespace renumber {

const HttpResponse* ReadCache::Find(const std::string& path) const {
  auto it = answers_.find(path);
  if (it == answers_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

void ReadCache::Put(const std::string& path, const HttpResponse& response) {
  answers_[path] = response;
}

void ReadCache::Erase(const std::string& path) { answers_.erase(path); }

void ReadCache::EraseIf(const std::function<bool(const std::string&)>& drop) {
  for (auto it = answers_.begin(); it != answers_.end();)
    it = drop(it->first) ? answers_.erase(it) : std::next(it);
}

void ReadCache::Visit(
    const std::function<void(const std::string&, const HttpResponse&)>& visit)
    const {
  for (const auto& [path, answer] : answers_) visit(path, answer);
}

}  // namespace renumber
