#include "adapters/cdn/cdn_read.h"

#include <algorithm>
#include <set>

namespace renumber::cdn {
namespace {

constexpr int kPerPage = 100;
constexpr int kMaxPages = 1000;

Status Unexpected(const CdnClient& c, const std::string& call,
                  const Status& why) {
  return c.Error(Code::kInternal, call, "unexpected answer: " + why.message());
}

Result<ServiceSnapshot> Parse(const std::string& id, const std::string& name,
                              const nlohmann::json& raw,
                              const std::string& what) {
  ServiceSnapshot s;
  s.id = id;
  s.name = name;
  s.raw = raw;
  if (!raw.is_object() || !raw.contains("details"))
    return Status::Internal(what + ": no details",
                            what + ": サービスの詳細がありません");
  auto details = ParseDetails(raw["details"]);
  if (!details.ok())
    return Status::Internal(what + ": " + details.status().message(),
                            what + ": " + details.status().Message(true));
  s.details = std::move(*details);
  if (s.name.empty()) s.name = s.details.name;
  if (s.details.active > 0) {
    const nlohmann::json none;
    auto field = [&](const char* k) -> const nlohmann::json& {
      return raw.contains(k) ? raw[k] : none;
    };
    RN_ASSIGN_OR_RETURN(
        s.active_config,
        ParseVersionConfig(field("backends"), field("directors"),
                           field("healthchecks"), what));
  }
  return s;
}

// The config of `version` as raw answers.
Result<nlohmann::json> ReadConfigRaw(CdnClient* client, const std::string& sid,
                                     int version) {
  const std::string base = VersionPath(sid, version);
  nlohmann::json raw = nlohmann::json::object();
  for (const char* what : {"backend", "director", "healthcheck"}) {
    RN_ASSIGN_OR_RETURN(raw[std::string(what) + "s"],
                        client->Get(base + "/" + what));
  }
  return raw;
}

}  // namespace

std::string VersionPath(const std::string& sid, int version) {
  return "/service/" + PathPart(sid) + "/version/" + std::to_string(version);
}

std::string ServiceSnapshot::label() const {
  return name.empty() ? id : name + " (" + id + ")";
}

int ServiceSnapshot::PendingDraft() const {
  const int latest = details.Latest();
  const VersionInfo* v = details.Find(latest);
  if (!v || latest <= details.active || v->locked || v->active) return 0;
  return latest;
}

Result<ServiceDetails> ReadDetails(CdnClient* client, const std::string& sid) {
  const std::string path = "/service/" + PathPart(sid) + "/details";
  RN_ASSIGN_OR_RETURN(auto j, client->Get(path));
  auto d = ParseDetails(j);
  if (!d.ok()) return Unexpected(*client, "GET " + path, d.status());
  if (d->id.empty()) d->id = sid;
  return d;
}

Result<VersionConfig> ReadConfig(CdnClient* client, const std::string& sid,
                                 int version) {
  RN_ASSIGN_OR_RETURN(auto raw, ReadConfigRaw(client, sid, version));
  const std::string what = "GET " + VersionPath(sid, version) + "/*";
  auto v = ParseVersionConfig(raw["backends"], raw["directors"],
                              raw["healthchecks"], what);
  if (!v.ok())
    return client->Error(Code::kInternal, what, v.status().message());
  return v;
}

Result<nlohmann::json> ReadContent(CdnClient* client, const std::string& sid,
                                   int version) {
  RN_ASSIGN_OR_RETURN(auto raw, ReadConfigRaw(client, sid, version));
  for (auto& [key, list] : raw.items()) {
    if (!list.is_array()) continue;
    for (auto& item : list)
      if (item.is_object())
        for (const char* k : {"service_id", "version", "created_at",
                              "updated_at", "deleted_at", "locked"})
          item.erase(k);
    std::sort(list.begin(), list.end(),
              [](const nlohmann::json& a, const nlohmann::json& b) {
                return a.value("name", nlohmann::json()).dump() <
                       b.value("name", nlohmann::json()).dump();
              });
  }
  return raw;
}

Result<std::vector<ServiceSnapshot>> ReadAccount(CdnClient* client) {
  std::vector<ServiceSnapshot> out;
  std::set<std::string> seen;
  for (int page = 1; page <= kMaxPages; ++page) {
    const std::string path = "/service?page=" + std::to_string(page) +
                             "&per_page=" + std::to_string(kPerPage);
    RN_ASSIGN_OR_RETURN(auto list, client->Get(path));
    if (!list.is_array())
      return client->Error(Code::kInternal, "GET " + path,
                           "unexpected answer: not an array");
    for (const auto& entry : list) {
      if (!entry.is_object() || !entry.contains("id") ||
          !entry["id"].is_string())
        return client->Error(Code::kInternal, "GET " + path,
                             "unexpected answer: a service without an id");
      const std::string sid = entry["id"].get<std::string>();
      if (!seen.insert(sid).second)
        return client->Error(Code::kInternal, "GET " + path,
                             "service " + sid + " listed twice");
      const std::string details_path = "/service/" + PathPart(sid) + "/details";
      nlohmann::json raw = nlohmann::json::object();
      RN_ASSIGN_OR_RETURN(raw["details"], client->Get(details_path));
      auto details = ParseDetails(raw["details"]);
      if (!details.ok())
        return Unexpected(*client, "GET " + details_path, details.status());
      if (details->active > 0) {
        RN_ASSIGN_OR_RETURN(auto cfg,
                            ReadConfigRaw(client, sid, details->active));
        raw.update(cfg);
      }
      const std::string name =
          entry.contains("name") && entry["name"].is_string()
              ? entry["name"].get<std::string>()
              : "";
      auto snap =
          Parse(sid, name, raw, "GET " + VersionPath(sid, details->active));
      if (!snap.ok())
        return client->Error(Code::kInternal, "read " + sid,
                             snap.status().message());
      out.push_back(std::move(*snap));
    }
    if (static_cast<int>(list.size()) < kPerPage) return out;
  }
  return client->Error(Code::kInternal, "GET /service",
                       "more than " + std::to_string(kMaxPages) + " pages");
}

nlohmann::json SnapshotToJson(const std::vector<ServiceSnapshot>& services) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : services)
    list.push_back({{"id", s.id}, {"name", s.name}, {"raw", s.raw}});
  return {{"services", list}};
}

Result<std::vector<ServiceSnapshot>> SnapshotFromJson(const nlohmann::json& j) {
  std::vector<ServiceSnapshot> out;
  try {
    for (const auto& s : j.at("services")) {
      RN_ASSIGN_OR_RETURN(auto snap, Parse(s.at("id").get<std::string>(),
                                           s.at("name").get<std::string>(),
                                           s.at("raw"), "discovery snapshot"));
      out.push_back(std::move(snap));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(
        std::string("not a CDN discovery snapshot: ") + e.what(),
        std::string("CDN の読み取り結果の形式ではありません: ") + e.what());
  }
  return out;
}

}  // namespace renumber::cdn
