#include "adapters/cdn/cdn_history.h"

#include <algorithm>

#include "adapters/cdn/cdn_changes.h"

namespace renumber::cdn {
namespace {

int Int(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string Str(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

ServiceHistory* Entry(std::vector<ServiceHistory>* all,
                      const std::string& sid) {
  for (auto& h : *all)
    if (h.sid == sid) return &h;
  all->push_back(ServiceHistory{});
  all->back().sid = sid;
  return &all->back();
}

void ReadOne(const nlohmann::json& record, std::vector<ServiceHistory>* all) {
  if (!record.is_object() || !record.contains("change")) return;
  const nlohmann::json& change = record["change"];
  const std::optional<ChangeKind> kind =
      ChangeKinds().Parse(Str(change, "kind"));
  if (kind != ChangeKind::kCloneVersion && kind != ChangeKind::kActivateStaged)
    return;
  const nlohmann::json params =
      change.is_object() ? change.value("params", nlohmann::json()) : nullptr;
  const std::string sid = Str(params, "service_id");
  if (sid.empty()) return;
  const nlohmann::json outcome = record.value("outcome", nlohmann::json());
  ServiceHistory* h = Entry(all, sid);
  if (h->label.empty()) h->label = Str(params, "service");
  if (kind == ChangeKind::kCloneVersion) {
    h->clone_from = Int(params, "from_version");
    if (outcome.is_object() && Int(outcome, "draft") > 0) {
      h->draft = Int(outcome, "draft");
      h->unresolved_above = 0;
    } else {
      const int known = Int(params, "known_latest");
      h->unresolved_above = h->unresolved_above == 0
                                ? known
                                : std::min(h->unresolved_above, known);
    }
    return;
  }
  h->activate_intent = true;
  if (Int(outcome, "activated") > 0) {
    const int before = Int(outcome, "previous_active");
    if (h->activated != 0 && before != h->activated)
      h->foreign_between = before;
    if (h->first_previous_active == 0) h->first_previous_active = before;
    h->activated = Int(outcome, "activated");
  }
}

}  // namespace

std::vector<ServiceHistory> ReadHistory(const nlohmann::json& history) {
  std::vector<ServiceHistory> all;
  if (!history.is_array()) return all;
  for (const auto& record : history) ReadOne(record, &all);
  return all;
}

const ServiceHistory* FindHistory(const std::vector<ServiceHistory>& all,
                                  const std::string& sid) {
  for (const auto& h : all)
    if (h.sid == sid) return &h;
  return nullptr;
}

}  // namespace renumber::cdn
