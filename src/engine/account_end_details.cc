#include "src/engine/account_end_details.h"

#include "src/log/log.h"

namespace renumber {
namespace {

using json = nlohmann::json;

json TextJson(const Text& t) {
  return {{"en", ScrubSecrets(t.en)}, {"ja", ScrubSecrets(t.ja)}};
}

std::string StringAt(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool BoolAt(const json& j, const char* key, bool otherwise) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : otherwise;
}

Text TextAt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return {};
  return {StringAt(*it, "en"), StringAt(*it, "ja")};
}

std::optional<RecordedTarget> ReadTarget(const json& rec) {
  auto it = rec.find("target");
  if (it == rec.end() || !it->is_object()) return std::nullopt;
  return RecordedTarget{StringAt(*it, "old_ip"), StringAt(*it, "new_ip"),
                        StringAt(*it, "maintenance_end"),
                        StringAt(*it, "ticket")};
}

std::optional<std::vector<RecordedFinding>> ReadFindings(const json& rec) {
  auto it = rec.find("findings");
  if (it == rec.end() || !it->is_array()) return std::nullopt;
  std::vector<RecordedFinding> out;
  for (const json& f : *it)
    if (f.is_object())
      out.push_back(
          {StringAt(f, "kind"), StringAt(f, "object"), TextAt(f, "text")});
  return out;
}

std::optional<std::vector<Check>> ReadChecks(const json& rec) {
  auto it = rec.find("checks");
  if (it == rec.end() || !it->is_array()) return std::nullopt;
  std::vector<Check> out;
  for (const json& c : *it) {
    if (!c.is_object()) continue;
    Check check;
    check.name = StringAt(c, "name");
    check.ok = BoolAt(c, "ok", false);
    check.blocking = BoolAt(c, "blocking", true);
    check.detail = TextAt(c, "detail");
    auto ms = c.find("latency_ms");
    if (ms != c.end() && ms->is_number_integer())
      check.latency = std::chrono::milliseconds(ms->get<int64_t>());
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace

bool KeepsFinding(const Finding& f) {
  return f.kind != Finding::Kind::kOldReference &&
         f.kind != Finding::Kind::kNewReference;
}

void AddAccountEndDetails(const AccountReport& r, json* rec) {
  const Target& t = r.row.target;
  (*rec)["target"] = {
      {"old_ip", t.old_ip.ToString()},
      {"new_ip", t.new_ip.ToString()},
      {"maintenance_end", t.maintenance_end.ToRfc3339(t.maintenance_end_offset)},
      {"ticket", t.ticket}};
  // Only a run that read the account knows what is there.
  if (r.state_before || r.state_after) {
    json findings = json::array();
    for (const Finding& f : r.findings)
      if (KeepsFinding(f))
        findings.push_back({{"kind", FindingKindName(f.kind)},
                            {"object", ScrubSecrets(f.object)},
                            {"text", TextJson(f.text)}});
    (*rec)["findings"] = findings;
  }
  if (!r.checks.empty()) {
    json checks = json::array();
    for (const Check& c : r.checks) {
      json check = {{"name", ScrubSecrets(c.name)},
                    {"ok", c.ok},
                    {"blocking", c.blocking},
                    {"detail", TextJson(c.detail)}};
      if (c.latency) check["latency_ms"] = c.latency->count();
      checks.push_back(check);
    }
    (*rec)["checks"] = checks;
  }
}

AccountEndDetails ReadAccountEndDetails(const json& rec) {
  return {ReadTarget(rec), ReadFindings(rec), ReadChecks(rec)};
}

}  // namespace renumber
