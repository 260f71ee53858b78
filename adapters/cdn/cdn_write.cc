#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {
namespace {

constexpr int kWriteAttempts = 4;
constexpr std::chrono::milliseconds kRepeatWait{250};  // times the attempt

// Never copied into a twin: identity, owner, timestamps, and the address
// fields (the old IP lives there too on the real service).
const std::set<std::string>& NotCopied() {
  static const auto* k = new std::set<std::string>{
      "name",       "address",    "comment",     "service_id",      "version",
      "created_at", "updated_at", "deleted_at",  "locked",          "ipv4",
      "ipv6",       "hostname",   "healthcheck", "auto_loadbalance"};
  return *k;
}

}  // namespace

Result<nlohmann::json> WriteConfirmed(CdnClient* client,
                                      const std::string& method,
                                      const std::string& path, const Form& form,
                                      const ReadBack& applied,
                                      const std::set<int>& read_back_on,
                                      RetryMode mode) {
  Status last;
  for (int attempt = 1; attempt <= kWriteAttempts; ++attempt) {
    WriteReply r = client->Write(method, path, form, mode);
    if (r.kind == WriteReply::Kind::kOk) return r.body;
    const bool rejected = r.kind == WriteReply::Kind::kRejected;
    if (rejected && !read_back_on.count(r.status)) return r.error;
    RN_ASSIGN_OR_RETURN(bool done, applied());
    if (done) return nlohmann::json{{"read_back", true}};
    if (rejected) return r.error;
    last = r.error;
    // Not applied: the transport already retried what it may; wait a
    // little longer each time before repeating (a 5xx storm passes).
    if (client->clock() && attempt < kWriteAttempts)
      client->clock()->SleepFor(kRepeatWait * attempt);
  }
  return Status(last.code(),
                last.message() + " (read back: not applied; " +
                    std::to_string(kWriteAttempts) + " attempts)",
                last.Message(true) + "（読み戻しの結果、反映されていません。" +
                    std::to_string(kWriteAttempts) + " 回試行）");
}

bool FormValue(const nlohmann::json& v, std::string* out) {
  if (v.is_string()) {
    *out = v.get<std::string>();
  } else if (v.is_boolean()) {
    *out = v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    *out = v.dump();
  } else {
    return false;
  }
  return true;
}

Form FormFromObject(const nlohmann::json& object) {
  Form form;
  if (!object.is_object()) return form;
  for (const auto& [key, value] : object.items()) {
    std::string s;
    if (FormValue(value, &s)) form.emplace_back(key, s);
  }
  return form;
}

Form TwinForm(const Backend& old, const IpAddress& new_ip,
              const std::string& healthcheck) {
  Form form = {{"name", TwinName(old.name)}, {"address", new_ip.ToString()}};
  for (const auto& [key, value] : old.raw.items()) {
    std::string s;
    if (!NotCopied().count(key) && FormValue(value, &s))
      form.emplace_back(key, s);
  }
  TwinMarker marker{old.name, old.auto_loadbalance, old.healthcheck,
                    old.comment};
  form.emplace_back("healthcheck", healthcheck);
  form.emplace_back("auto_loadbalance", "true");
  form.emplace_back("comment", EncodeTwinComment(marker));
  return form;
}

bool HasSettings(const Backend& b, const nlohmann::json& set) {
  if (!set.is_object()) return true;
  for (const auto& [key, value] : set.items()) {
    if (key == "auto_loadbalance") {
      if (!value.is_boolean() || b.auto_loadbalance != value.get<bool>())
        return false;
    } else if (key == "healthcheck" || key == "comment") {
      const std::string& have = key == "comment" ? b.comment : b.healthcheck;
      if (!value.is_string() || have != value.get<std::string>()) return false;
    } else if (!b.raw.contains(key) || b.raw[key] != value) {
      return false;
    }
  }
  return true;
}

}  // namespace renumber::cdn
