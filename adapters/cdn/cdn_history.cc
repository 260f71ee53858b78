#include "adapters/cdn/cdn_history.h"

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
  const std::string kind = Str(change, "kind");
  if (kind != "clone-version" && kind != "activate-version") return;
  const nlohmann::json params =
      change.is_object() ? change.value("params", nlohmann::json()) : nullptr;
  const std::string sid = Str(params, "service_id");
  if (sid.empty()) return;
  const nlohmann::json outcome = record.value("outcome", nlohmann::json());
  ServiceHistory* h = Entry(all, sid);
  if (h->label.empty()) h->label = Str(params, "service");
  if (!Str(params, "phase").empty()) h->phase = Str(params, "phase");
  if (kind == "clone-version") {
    h->clone_intent = true;
    h->clone_from = Int(params, "from_version");
    h->clone_known_latest = Int(params, "known_latest");
    h->cloned_from = Int(outcome, "cloned_from");
    h->draft = Int(outcome, "draft");
    return;
  }
  h->activate_intent = true;
  h->activate_done = Int(outcome, "activated") > 0;
  if (h->activate_done) {
    const int before = Int(outcome, "previous_active");
    if (h->activated != 0 && before != h->activated)
      h->foreign_between = before;
    h->previous_active = before;
    h->activated = Int(outcome, "activated");
    if (h->first_previous_active == 0)
      h->first_previous_active = h->previous_active;
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
