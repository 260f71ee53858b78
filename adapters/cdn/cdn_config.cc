#include "adapters/cdn/cdn_config.h"

#include <algorithm>
#include <cctype>

namespace renumber::cdn {
namespace {

using nlohmann::json;

// The vendor's answer is not shaped as documented (an unexpected answer,
// kInternal); the Japanese keeps the English detail (field names).
Status Malformed(const std::string& what) {
  return Status::Internal(what,
                          "CDN の応答の形式が想定と異なります（" + what + "）");
}

// "" for a missing or null field; false when present with another type.
bool Str(const json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out->clear();
    return true;
  }
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

// Booleans arrive as true/false, 1/0 or their strings.
bool Bool(const json& j, const char* key, bool dflt) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return dflt;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number_integer()) return it->get<long long>() != 0;
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
  }
  return dflt;
}

// Integers arrive as numbers or decimal strings.
int Int(const json& j, const char* key, int dflt) {
  auto it = j.find(key);
  if (it == j.end()) return dflt;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (!s.empty() && s.size() < 10 &&
        std::all_of(s.begin(), s.end(),
                    [](unsigned char c) { return std::isdigit(c); }))
      return std::stoi(s);
  }
  return dflt;
}

template <typename T, typename F>
Result<std::vector<T>> List(const json& j, const char* what, F parse) {
  if (!j.is_array()) return Malformed(std::string(what) + " is not a list");
  std::vector<T> out;
  for (const json& item : j) {
    if (!item.is_object())
      return Malformed(std::string("an entry of ") + what +
                       " is not an object");
    RN_ASSIGN_OR_RETURN(T value, parse(item));
    out.push_back(std::move(value));
  }
  return out;
}

bool IsIpChar(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
}

}  // namespace

const Backend* VersionConfig::FindBackend(const std::string& name) const {
  for (const Backend& b : backends)
    if (b.name == name) return &b;
  return nullptr;
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

Result<Backend> ParseBackend(const json& j) {
  if (!j.is_object()) return Malformed("a backend is not an object");
  Backend b;
  bool ok = Str(j, "name", &b.name) && Str(j, "address", &b.address) &&
            Str(j, "ipv4", &b.ipv4) && Str(j, "ipv6", &b.ipv6) &&
            Str(j, "hostname", &b.hostname) &&
            Str(j, "override_host", &b.override_host) &&
            Str(j, "ssl_cert_hostname", &b.ssl_cert_hostname) &&
            Str(j, "ssl_sni_hostname", &b.ssl_sni_hostname) &&
            Str(j, "request_condition", &b.request_condition);
  if (!ok || b.name.empty())
    return Malformed(
        "a backend lacks its name or has a field of the "
        "wrong type");
  if (b.address.empty()) b.address = !b.ipv4.empty() ? b.ipv4 : b.ipv6;
  b.port = Int(j, "port", 80);
  b.use_ssl = Bool(j, "use_ssl", false);
  b.ssl_check_cert = Bool(j, "ssl_check_cert", true);
  b.raw = j;
  return b;
}

Result<std::vector<Backend>> ParseBackends(const json& j) {
  return List<Backend>(j, "the backends", ParseBackend);
}

Result<std::vector<Director>> ParseDirectors(const json& j) {
  return List<Director>(
      j, "the directors", [](const json& d) -> Result<Director> {
        Director out;
        if (!Str(d, "name", &out.name) || out.name.empty())
          return Malformed("a director lacks its name");
        out.quorum = Int(d, "quorum", 0);
        auto it = d.find("backends");
        if (it != d.end() && it->is_array())
          for (const json& b : *it)
            if (b.is_string()) out.backends.push_back(b.get<std::string>());
        return out;
      });
}

Result<std::vector<std::string>> ParseDomains(const json& j) {
  return List<std::string>(
      j, "the domains", [](const json& d) -> Result<std::string> {
        std::string name;
        if (!Str(d, "name", &name) || name.empty())
          return Malformed("a domain lacks its name");
        return name;
      });
}

Result<std::vector<Named>> ParseNamed(const json& j) {
  return List<Named>(
      j, "the VCL or snippets", [](const json& x) -> Result<Named> {
        Named out;
        if (!Str(x, "name", &out.name) || !Str(x, "content", &out.content))
          return Malformed("a VCL or snippet has a field of the wrong type");
        return out;
      });
}

Result<std::vector<Pool>> ParsePools(const json& j) {
  return List<Pool>(j, "the pools", [](const json& p) -> Result<Pool> {
    Pool out;
    if (!Str(p, "id", &out.id) || !Str(p, "name", &out.name) || out.id.empty())
      return Malformed("a pool lacks its id");
    return out;
  });
}

Result<std::vector<VersionInfo>> ParseVersions(const json& j) {
  return List<VersionInfo>(
      j, "the versions", [](const json& v) -> Result<VersionInfo> {
        VersionInfo out;
        out.number = Int(v, "number", 0);
        if (out.number <= 0) return Malformed("a version lacks its number");
        out.active = Bool(v, "active", false);
        out.locked = Bool(v, "locked", false);
        if (!Str(v, "comment", &out.comment))
          return Malformed("a version's comment is not text");
        return out;
      });
}

Result<ServiceDetails> ParseDetails(const json& j) {
  if (!j.is_object()) return Malformed("details are not an object");
  ServiceDetails d;
  if (!Str(j, "id", &d.id) || !Str(j, "name", &d.name) ||
      !Str(j, "type", &d.type))
    return Malformed("details have a field of the wrong type");
  if (d.type.empty()) d.type = "vcl";
  RN_ASSIGN_OR_RETURN(d.versions,
                      ParseVersions(j.value("versions", json::array())));
  auto av = j.find("active_version");
  if (av != j.end() && av->is_object()) d.active = Int(*av, "number", 0);
  if (d.active == 0)
    for (const auto& v : d.versions)
      if (v.active) d.active = v.number;
  return d;
}

AddressKind ClassifyBackend(const Backend& b, const IpAddress& old_ip,
                            const IpAddress& new_ip) {
  auto ip = IpAddress::Parse(b.address);
  if (!ip.ok()) return AddressKind::kHostName;
  if (*ip == old_ip) return AddressKind::kOld;
  if (*ip == new_ip) return AddressKind::kNew;
  // The derived fields follow `address`; a disagreement means the old IP
  // is still in use there.
  for (const std::string& derived : {b.ipv4, b.ipv6}) {
    auto d = IpAddress::Parse(derived);
    if (d.ok() && *d == old_ip) return AddressKind::kOld;
  }
  return AddressKind::kOtherIp;
}

bool MentionsIp(const std::string& text, const IpAddress& ip) {
  const std::string needle = ip.ToString();
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    const bool before = at > 0 && IsIpChar(text[at - 1]);
    const size_t end = at + needle.size();
    const bool after =
        end < text.size() && IsIpChar(text[end]) &&
        !(text[end] == '.' &&
          (end + 1 >= text.size() ||
           !std::isdigit(static_cast<unsigned char>(text[end + 1]))));
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace renumber::cdn
