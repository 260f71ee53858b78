#include "adapters/cdn/simulator/validate.h"

#include <set>

namespace renumber::cdnsim {

std::vector<std::string> ValidateVersion(const Version& v) {
  std::vector<std::string> errors;
  if (v.backends.empty()) errors.push_back("Version has no backends");
  std::set<std::string> backends, healthchecks, conditions, reported;
  for (const Healthcheck& h : v.healthchecks) healthchecks.insert(h.name);
  for (const Condition& c : v.conditions) conditions.insert(c.name);
  for (const Backend& b : v.backends) {
    if (!backends.insert(b.name).second && reported.insert(b.name).second)
      errors.push_back("Backend name '" + b.name +
                       "' is used by more than one backend");
  }
  for (const Backend& b : v.backends) {
    if (b.healthcheck && !healthchecks.count(*b.healthcheck))
      errors.push_back("Backend '" + b.name + "' uses healthcheck '" +
                       *b.healthcheck + "', which does not exist");
    if (!b.request_condition.empty() && !conditions.count(b.request_condition))
      errors.push_back("Backend '" + b.name + "' uses request condition '" +
                       b.request_condition + "', which does not exist");
  }
  for (const Director& d : v.directors) {
    for (const std::string& name : d.backends)
      if (!backends.count(name))
        errors.push_back("Director '" + d.name + "' references backend '" +
                         name + "', which does not exist");
  }
  return errors;
}

}  // namespace renumber::cdnsim
