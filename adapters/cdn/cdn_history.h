// Reading the journal records the engine passes in PhaseContext.history
// ({"change": Change-as-JSON, "outcome": result or null}, oldest first) for
// what the CDN adapter needs: per service, the draft a run cloned (to resume
// on it) and the version it activated and the one active before (to roll
// back). Records of other kinds and malformed records are skipped.
// Pure; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_
#define RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace renumber::cdn {

struct ServiceHistory {
  std::string sid;
  std::string label;           // service label from the params
  bool clone_intent = false;   // a clone-version record exists
  int clone_from = 0;          // its params.from_version
  int clone_known_latest = 0;  // its params.known_latest
  int cloned_from = 0;         // outcome (0: intent only)
  int draft = 0;               // outcome
  bool activate_intent = false;
  bool activate_done = false;  // the latest activate record has an outcome
  int previous_active = 0;     // latest outcome: active before the switch
  int activated = 0;           // latest outcome: the version we activated
  // The version active before the first switch in these records: what a
  // rollback restores when several runs of the phase each switched.
  int first_previous_active = 0;
  // A version someone else activated between two of our switches (the
  // later switch was made on top of it), 0 when none.
  int foreign_between = 0;
  std::string phase;  // "prepare" / "cutover" from the params
};

// One entry per service, in the order services first appear.
std::vector<ServiceHistory> ReadHistory(const nlohmann::json& history);
const ServiceHistory* FindHistory(const std::vector<ServiceHistory>& all,
                                  const std::string& sid);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_
