#include "adapters/cdn/cdn_read.h"

#include <algorithm>
#include <set>

#include "adapters/cdn/cdn_switch_diff.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

constexpr int kPerPage = 100;  // the server may answer fewer: follow Link
constexpr int kMaxPages = 1000;

Status Unexpected(const CdnClient& c, const std::string& call,
                  const Status& why) {
  return c.Error(Code::kInternal, call, "unexpected answer: " + why.message());
}

// The vendor's text diff of two versions.
std::string DiffPath(const std::string& sid, int from, int to) {
  return "/service/" + PathPart(sid) + "/diff/from/" + std::to_string(from) +
         "/to/" + std::to_string(to) + "?format=text";
}

json Field(const json& raw, const char* key) {
  auto it = raw.find(key);
  return it == raw.end() ? json::array() : *it;
}

}  // namespace

Result<ServiceSnapshot> ServiceFromAnswers(const std::string& id,
                                           const std::string& name,
                                           const json& raw, const Target& t) {
  ServiceSnapshot s;
  s.id = id;
  s.name = name;
  RN_ASSIGN_OR_RETURN(s.details, ParseDetails(raw.value("details", json())));
  if (s.name.empty()) s.name = s.details.name;
  if (s.details.active > 0) {
    RN_ASSIGN_OR_RETURN(s.active.backends,
                        ParseBackends(Field(raw, "backends")));
    RN_ASSIGN_OR_RETURN(s.active.domains, ParseDomains(Field(raw, "domains")));
    RN_ASSIGN_OR_RETURN(s.active.directors,
                        ParseDirectors(Field(raw, "directors")));
    RN_ASSIGN_OR_RETURN(s.active.vcls, ParseNamed(Field(raw, "vcls")));
    RN_ASSIGN_OR_RETURN(s.active.snippets, ParseNamed(Field(raw, "snippets")));
    RN_ASSIGN_OR_RETURN(s.active.pools, ParsePools(Field(raw, "pools")));
    for (Pool& p : s.active.pools) {
      const json servers =
          raw.value("pool_servers", json::object()).value(p.id, json::array());
      for (const json& server : servers)
        if (server.is_object() && server.contains("address") &&
            server["address"].is_string())
          p.server_addresses.push_back(server["address"].get<std::string>());
    }
  }
  for (const VersionInfo& v : s.details.versions) {
    if (v.locked || v.active) continue;
    auto mark = ParseMark(v.comment);
    if (!mark || mark->kind != MarkKind::kStaged ||
        !mark->For(t.old_ip, t.new_ip))
      continue;
    s.staged.push_back({v.number, *mark, {}, ""});
  }
  std::sort(s.staged.begin(), s.staged.end(),
            [](const StagedVersion& a, const StagedVersion& b) {
              return a.number > b.number;
            });
  if (!s.staged.empty() && raw.contains("staged")) {
    const json& st = raw["staged"];
    if (st.value("number", 0) == s.staged[0].number) {
      RN_ASSIGN_OR_RETURN(s.staged[0].backends,
                          ParseBackends(Field(st, "backends")));
      const json diff = st.value("diff", json());
      if (diff.is_object() && diff.contains("diff") && diff["diff"].is_string())
        s.staged[0].diff = diff["diff"].get<std::string>();
    }
  }
  return s;
}

namespace {

// The active version's lists without reading them, when it is a staged
// switch of this pair whose base this run has read (a locked version, its
// lists kept) and the vendor's diff from that base shows nothing but moved
// addresses (cdn_switch_diff.h): then its backends are read and every
// other list is the base's. False (nothing taken) otherwise; the diff GET
// is then the only read spent.
Result<bool> ListsFromBase(CdnClient* client, const std::string& sid,
                           const ServiceDetails& d, const Target& t,
                           const std::vector<const char*>& parts, json* raw) {
  const VersionInfo* active = d.Find(d.active);
  const auto mark = active ? ParseMark(active->comment) : std::nullopt;
  if (!mark || mark->kind != MarkKind::kStaged ||
      !mark->For(t.old_ip, t.new_ip) || mark->base == d.active)
    return false;
  const VersionInfo* base = d.Find(mark->base);
  if (!base || !base->locked) return false;
  const std::string from = VersionPath(sid, mark->base);
  for (const char* part : parts)
    if (std::string(part) != "backend" && !client->Keeps(from + "/" + part))
      return false;
  const std::string diff_path = DiffPath(sid, mark->base, d.active);
  // A shortcut only: a diff that cannot be read leaves the lists to read.
  Result<json> diff = client->Get(diff_path);
  if (!diff.ok() || !diff->is_object() || !diff->contains("diff") ||
      !(*diff)["diff"].is_string())
    return false;
  if (!DiffMovesOnlyAddresses((*diff)["diff"].get<std::string>(), mark->old_ip,
                              mark->new_ip, {active->comment, base->comment}))
    return false;
  for (const char* part : parts) {
    const bool own = std::string(part) == "backend";
    RN_ASSIGN_OR_RETURN(
        (*raw)[std::string(part) + "s"],
        client->Get((own ? VersionPath(sid, d.active) : from) + "/" + part));
  }
  return true;
}

// The GETs of one service; raw answers keyed as ServiceFromAnswers reads
// them.
Result<json> ReadServiceRaw(CdnClient* client, const std::string& sid,
                            const Target& t, bool staged_diff) {
  json raw = json::object();
  const std::string details_path = "/service/" + PathPart(sid) + "/details";
  RN_ASSIGN_OR_RETURN(raw["details"], client->Get(details_path));
  auto details = ParseDetails(raw["details"]);
  if (!details.ok())
    return Unexpected(*client, "GET " + details_path, details.status());
  if (details->active > 0) {
    const std::string base = VersionPath(sid, details->active);
    std::vector<const char*> parts = {"backend", "domain"};
    if (details->type != "wasm")
      parts.insert(parts.end(), {"director", "vcl", "snippet", "pool"});
    RN_ASSIGN_OR_RETURN(bool known,
                        ListsFromBase(client, sid, *details, t, parts, &raw));
    for (size_t i = 0; !known && i < parts.size(); ++i) {
      RN_ASSIGN_OR_RETURN(raw[std::string(parts[i]) + "s"],
                          client->Get(base + "/" + parts[i]));
    }
    json servers = json::object();
    if (raw.contains("pools")) {
      auto pools = ParsePools(raw["pools"]);
      if (!pools.ok())
        return Unexpected(*client, "GET " + base + "/pool", pools.status());
      for (const Pool& p : *pools) {
        RN_ASSIGN_OR_RETURN(servers[p.id],
                            client->Get("/service/" + PathPart(sid) + "/pool/" +
                                        PathPart(p.id) + "/servers"));
      }
    }
    raw["pool_servers"] = servers;
  }
  // The staged switch (newest first): its backends and, when asked, the
  // vendor's diff.
  int staged = 0;
  for (const VersionInfo& v : details->versions) {
    auto mark = ParseMark(v.comment);
    if (!v.locked && !v.active && mark && mark->kind == MarkKind::kStaged &&
        mark->For(t.old_ip, t.new_ip))
      staged = std::max(staged, v.number);
  }
  if (staged > 0) {
    json st = {{"number", staged}};
    RN_ASSIGN_OR_RETURN(st["backends"],
                        client->Get(VersionPath(sid, staged) + "/backend"));
    if (staged_diff && details->active > 0) {
      RN_ASSIGN_OR_RETURN(st["diff"],
                          client->Get(DiffPath(sid, details->active, staged)));
    }
    raw["staged"] = st;
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

std::optional<Mark> ServiceSnapshot::ActiveMark() const {
  const VersionInfo* v = details.Find(details.active);
  if (!v) return std::nullopt;
  auto m = ParseMark(v->comment);
  if (!m || m->kind != MarkKind::kStaged) return std::nullopt;
  return m;
}

int ServiceSnapshot::PendingDraft() const {
  int newest = 0;
  for (const VersionInfo& v : details.versions) {
    if (v.locked || v.active || v.number <= details.active) continue;
    if (ParseMark(v.comment)) continue;  // ours, staged or not
    newest = std::max(newest, v.number);
  }
  return newest;
}

Result<ServiceDetails> ReadDetails(CdnClient* client, const std::string& sid) {
  const std::string path = "/service/" + PathPart(sid) + "/details";
  RN_ASSIGN_OR_RETURN(auto j, client->Get(path));
  auto d = ParseDetails(j);
  if (!d.ok()) return Unexpected(*client, "GET " + path, d.status());
  if (d->id.empty()) d->id = sid;
  return d;
}

Result<std::vector<Backend>> ReadBackends(CdnClient* client,
                                          const std::string& sid, int version) {
  const std::string path = VersionPath(sid, version) + "/backend";
  RN_ASSIGN_OR_RETURN(auto j, client->Get(path));
  auto b = ParseBackends(j);
  if (!b.ok()) return Unexpected(*client, "GET " + path, b.status());
  return b;
}

Result<std::vector<ServiceSnapshot>> ReadAccount(CdnClient* client,
                                                 const Target& target,
                                                 bool staged_diffs) {
  std::vector<ServiceSnapshot> out;
  std::set<std::string> seen;
  std::string path = "/service?page=1&per_page=" + std::to_string(kPerPage);
  for (int page = 1; !path.empty(); ++page) {
    if (page > kMaxPages)
      return client->Error(Code::kInternal, "GET /service",
                           "more than " + std::to_string(kMaxPages) + " pages");
    RN_ASSIGN_OR_RETURN(CdnClient::Page p, client->GetPage(path));
    if (!p.body.is_array())
      return client->Error(Code::kInternal, "GET " + path,
                           "unexpected answer: not an array");
    for (const json& entry : p.body) {
      if (!entry.is_object() || !entry.contains("id") ||
          !entry["id"].is_string())
        return client->Error(Code::kInternal, "GET " + path,
                             "unexpected answer: a service without an id");
      const std::string sid = entry["id"].get<std::string>();
      if (!seen.insert(sid).second)
        return client->Error(Code::kInternal, "GET " + path,
                             "service " + sid + " listed twice");
      RN_ASSIGN_OR_RETURN(json raw,
                          ReadServiceRaw(client, sid, target, staged_diffs));
      const std::string name =
          entry.contains("name") && entry["name"].is_string()
              ? entry["name"].get<std::string>()
              : "";
      auto snap = ServiceFromAnswers(sid, name, raw, target);
      if (!snap.ok())
        return client->Error(Code::kInternal, "read service " + sid,
                             "unexpected answer: " + snap.status().message());
      out.push_back(std::move(*snap));
    }
    path = p.next;
  }
  return out;
}

}  // namespace renumber::cdn
