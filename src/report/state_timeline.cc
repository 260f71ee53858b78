#include "src/report/state_timeline.h"

#include <algorithm>

namespace renumber {
namespace {

int Bucket(const std::string& state) {
  const auto& states = TimelineStates();
  auto it = std::find(states.begin(), states.end(), state);
  // A state this build does not know (a later version's) reads as unknown.
  if (it == states.end() || state == "not-run")
    it = std::find(states.begin(), states.end(), "unknown");
  return static_cast<int>(it - states.begin());
}

class Tally {
 public:
  // Every account starts in `initial`.
  Tally(const std::vector<std::string>& accounts, int initial)
      : counts_(TimelineStates().size(), 0) {
    for (const std::string& a : accounts) bucket_[a] = initial;
    counts_[initial] = static_cast<int>(bucket_.size());
  }
  void Set(const std::string& account, int bucket) {
    auto it = bucket_.find(account);
    if (it == bucket_.end()) return;
    --counts_[it->second];
    ++counts_[bucket];
    it->second = bucket;
  }
  bool Has(const std::string& account) const {
    return bucket_.count(account) > 0;
  }
  int accounts() const { return static_cast<int>(bucket_.size()); }
  // Appends the counts as the point at `at` (merged with a point there).
  void Snapshot(Timestamp at, std::vector<TimelinePoint>* points) const {
    if (!points->empty() && points->back().at == at)
      points->back().counts = counts_;
    else
      points->push_back({at, counts_});
  }

 private:
  std::map<std::string, int> bucket_;
  std::vector<int> counts_;
};

}  // namespace

const std::vector<std::string>& TimelineStates() {
  // "not-run" stays last: BuildTimeline starts every account there.
  // "prepared-stale" is the CDN's prepared with a customer's activation
  // since (design.md).
  static const std::vector<std::string> kStates = {
      "cut-over", "prepared", "prepared-stale", "not-started",
      "partial",  "missing",  "unknown",        "not-run"};
  return kStates;
}

StateTimeline BuildTimeline(
    const std::vector<AccountEvent>& events,
    const std::vector<std::string>& accounts,
    const std::optional<std::map<std::string, std::string>>& live,
    Timestamp live_at) {
  StateTimeline out;
  Tally tally(accounts, static_cast<int>(TimelineStates().size()) - 1);
  out.accounts = tally.accounts();
  for (const AccountEvent& e : events) {
    if (!tally.Has(e.account)) continue;
    tally.Set(e.account,
              e.type == "intent" ? Bucket("unknown") : Bucket(e.state));
    tally.Snapshot(e.at, &out.points);
  }
  if (live) {
    for (const std::string& a : accounts) {
      auto it = live->find(a);
      tally.Set(a, Bucket(it == live->end() ? "" : it->second));
    }
    tally.Snapshot(live_at, &out.points);
  }
  return out;
}

}  // namespace renumber
