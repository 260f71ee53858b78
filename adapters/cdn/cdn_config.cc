#include "adapters/cdn/cdn_config.h"

#include <algorithm>
#include <cctype>

namespace renumber::cdn {
namespace {

const char kTwinSuffix[] = "_renumber_new";
const char kMarkerPrefix[] = "renumber-twin ";

// "" for a missing or null field; nullopt for a field of another type.
std::optional<std::string> OptString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Booleans arrive as true/false, 1/0 or their strings.
bool AsBool(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number_integer()) return it->get<long long>() != 0;
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    return s == "true" || s == "1";
  }
  return false;
}

int AsInt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (!s.empty() && s.size() < 10 &&
        std::all_of(s.begin(), s.end(), ::isdigit))
      return std::stoi(s);
  }
  return 0;
}

Status Bad(const std::string& what, const std::string& why) {
  return Status::Internal("unexpected answer to " + what + ": " + why,
                          what + " に想定外の応答がありました: " + why);
}

}  // namespace

bool Director::Has(const std::string& backend) const {
  return std::find(backends.begin(), backends.end(), backend) != backends.end();
}

const Backend* VersionConfig::FindBackend(const std::string& name) const {
  for (const Backend& b : backends)
    if (b.name == name) return &b;
  return nullptr;
}

const Healthcheck* VersionConfig::FindHealthcheck(
    const std::string& name) const {
  for (const Healthcheck& h : healthchecks)
    if (h.name == name) return &h;
  return nullptr;
}

Result<Backend> ParseBackend(const nlohmann::json& j) {
  if (!j.is_object())
    return Status::Internal(
        "a backend is not an object",
        "オリジンサーバーの情報がオブジェクトではありません");
  Backend b;
  auto name = OptString(j, "name");
  auto address = OptString(j, "address");
  auto hc = OptString(j, "healthcheck");
  auto comment = OptString(j, "comment");
  if (!name || name->empty() || !address || !hc || !comment)
    return Status::Internal(
        "a backend lacks name/address or has bad types",
        "オリジンサーバーの name/address がないか、型が正しくありません");
  b.name = *name;
  b.address = *address;
  b.healthcheck = *hc;
  b.comment = *comment;
  b.auto_loadbalance = AsBool(j, "auto_loadbalance");
  b.raw = j;
  return b;
}

Result<Director> ParseDirector(const nlohmann::json& j) {
  auto name = j.is_object() ? OptString(j, "name") : std::nullopt;
  if (!name || name->empty())
    return Status::Internal("a director lacks a name",
                            "ディレクターに名前がありません");
  Director d;
  d.name = *name;
  auto it = j.find("backends");
  if (it != j.end() && it->is_array()) {
    for (const auto& b : *it)
      if (b.is_string()) d.backends.push_back(b.get<std::string>());
  }
  return d;
}

Result<VersionConfig> ParseVersionConfig(const nlohmann::json& backends,
                                         const nlohmann::json& directors,
                                         const nlohmann::json& healthchecks,
                                         const std::string& what) {
  if (!backends.is_array() || !directors.is_array() || !healthchecks.is_array())
    return Bad(what, "a list answer is not an array");
  VersionConfig v;
  for (const auto& j : backends) {
    auto b = ParseBackend(j);
    if (!b.ok()) return Bad(what, b.status().message());
    v.backends.push_back(std::move(*b));
  }
  for (const auto& j : directors) {
    auto d = ParseDirector(j);
    if (!d.ok()) return Bad(what, d.status().message());
    v.directors.push_back(std::move(*d));
  }
  for (const auto& j : healthchecks) {
    auto name = j.is_object() ? OptString(j, "name") : std::nullopt;
    if (!name || name->empty()) return Bad(what, "a healthcheck lacks a name");
    v.healthchecks.push_back({*name, OptString(j, "host").value_or(""),
                              OptString(j, "path").value_or("")});
  }
  return v;
}

AddressKind ClassifyAddress(const std::string& address, const IpAddress& old_ip,
                            const IpAddress& new_ip) {
  auto ip = IpAddress::Parse(address);
  if (!ip.ok()) return AddressKind::kHostName;
  if (*ip == old_ip) return AddressKind::kOld;
  if (*ip == new_ip) return AddressKind::kNew;
  return AddressKind::kOtherIp;
}

std::string TwinName(const std::string& old_name) {
  return old_name + kTwinSuffix;
}

std::string EncodeTwinComment(const TwinMarker& m) {
  nlohmann::json j = {{"of", m.of},
                      {"auto_loadbalance", m.auto_loadbalance},
                      {"healthcheck", m.healthcheck},
                      {"comment", m.comment}};
  return kMarkerPrefix + j.dump();
}

std::optional<TwinMarker> DecodeTwinComment(const std::string& comment) {
  const std::string prefix = kMarkerPrefix;
  if (comment.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  nlohmann::json j =
      nlohmann::json::parse(comment.substr(prefix.size()), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto of = OptString(j, "of");
  auto hc = OptString(j, "healthcheck");
  auto c = OptString(j, "comment");
  if (!of || of->empty() || !hc || !c) return std::nullopt;
  return TwinMarker{*of, AsBool(j, "auto_loadbalance"), *hc, *c};
}

std::string ProbeHost(const Backend& b, const std::string& service_name) {
  for (const char* key :
       {"override_host", "ssl_sni_hostname", "ssl_cert_hostname"}) {
    std::string v = OptString(b.raw, key).value_or("");
    if (!v.empty()) return v;
  }
  return service_name;
}

std::string HealthcheckName(const std::string& host) {
  std::string out = "renumber_hc_";
  for (unsigned char c : host)
    out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_';
  return out;
}

int ServiceDetails::Latest() const {
  int latest = 0;
  for (const auto& v : versions) latest = std::max(latest, v.number);
  return latest;
}

const VersionInfo* ServiceDetails::Find(int number) const {
  for (const auto& v : versions)
    if (v.number == number) return &v;
  return nullptr;
}

Result<std::vector<VersionInfo>> ParseVersions(const nlohmann::json& j) {
  if (!j.is_array())
    return Status::Internal("versions are not an array",
                            "バージョンの一覧が配列ではありません");
  std::vector<VersionInfo> out;
  for (const auto& v : j) {
    if (!v.is_object() || AsInt(v, "number") <= 0)
      return Status::Internal("a version lacks its number",
                              "バージョン番号のないバージョンがあります");
    out.push_back(
        {AsInt(v, "number"), AsBool(v, "active"), AsBool(v, "locked")});
  }
  return out;
}

Result<ServiceDetails> ParseDetails(const nlohmann::json& j) {
  if (!j.is_object())
    return Status::Internal("details are not an object",
                            "サービスの詳細がオブジェクトではありません");
  ServiceDetails d;
  d.id = OptString(j, "id").value_or("");
  d.name = OptString(j, "name").value_or("");
  auto versions = ParseVersions(j.value("versions", nlohmann::json::array()));
  if (!versions.ok()) return versions.status();
  d.versions = std::move(*versions);
  auto av = j.find("active_version");
  if (av != j.end() && av->is_object()) d.active = AsInt(*av, "number");
  if (d.active == 0)
    for (const auto& v : d.versions)
      if (v.active) d.active = v.number;
  return d;
}

}  // namespace renumber::cdn
