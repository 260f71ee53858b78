// Reading PhaseContext.history (the journal records of the phase: all runs
// since its last rollback) for the CDN adapter, per service:
// - the clone of an interrupted run, to adopt it instead of cloning again:
//   the draft its outcome names, or — for clones journaled as intents only
//   (killed before the journal recorded the clone's answer) — the earliest
//   newest-version number known before them, above which an untouched copy
//   of the version they cloned is ours;
// - the switches (activate-staged) made, for rollback: the version active
//   before the first one and the last one activated.
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_
#define RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace renumber::cdn {

struct ServiceHistory {
  std::string sid;
  std::string label;
  // clone-version
  int clone_from = 0;        // the version the last clone was made of
  int draft = 0;             // the last clone's outcome: its draft
  int unresolved_above = 0;  // >0: clone intents without an outcome since
                             // the last outcome; copies above this are ours
  // activate-staged
  bool activate_intent = false;
  int first_previous_active = 0;  // active before our first switch
  int activated = 0;              // our last switch
  int foreign_between = 0;        // someone else's version between two switches
};

std::vector<ServiceHistory> ReadHistory(const nlohmann::json& history);
const ServiceHistory* FindHistory(const std::vector<ServiceHistory>& all,
                                  const std::string& sid);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_HISTORY_H_
