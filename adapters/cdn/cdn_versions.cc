#include "adapters/cdn/cdn_versions.h"

#include <algorithm>

#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {
namespace {

// A version's objects as comparable JSON: each list sorted by name,
// without the fields naming the version or when it changed.
Result<nlohmann::json> ReadContent(CdnClient* client, const std::string& sid,
                                   int version) {
  const std::string base = VersionPath(sid, version);
  nlohmann::json out = nlohmann::json::object();
  for (const char* what :
       {"backend", "director", "healthcheck", "domain", "snippet"}) {
    RN_ASSIGN_OR_RETURN(nlohmann::json list, client->Get(base + "/" + what));
    if (!list.is_array()) continue;
    for (auto& item : list)
      if (item.is_object())
        for (const char* k : {"service_id", "version", "created_at",
                              "updated_at", "deleted_at", "locked", "id"})
          item.erase(k);
    std::sort(list.begin(), list.end(),
              [](const nlohmann::json& a, const nlohmann::json& b) {
                return a.value("name", nlohmann::json()).dump() <
                       b.value("name", nlohmann::json()).dump();
              });
    out[what] = list;
  }
  return out;
}

}  // namespace

Result<std::vector<int>> CopiesAbove(CdnClient* client, const std::string& sid,
                                     int from, int above) {
  RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client, sid));
  const VersionInfo* source = d.Find(from);
  if (!source) return std::vector<int>{};
  std::vector<int> candidates;
  for (const VersionInfo& v : d.versions)
    if (v.number > above && !v.locked && !v.active &&
        v.comment == source->comment)
      candidates.push_back(v.number);
  std::sort(candidates.begin(), candidates.end());
  if (candidates.empty()) return candidates;
  RN_ASSIGN_OR_RETURN(auto original, ReadContent(client, sid, from));
  std::vector<int> out;
  for (int v : candidates) {
    RN_ASSIGN_OR_RETURN(auto content, ReadContent(client, sid, v));
    if (content == original) out.push_back(v);
  }
  return out;
}

Result<Cloned> CloneVersion(CdnClient* client, const std::string& sid, int from,
                            int known_latest) {
  int adopted = 0;
  bool read_back = false;  // an answer was lost: copies may be ours
  auto appeared = [&]() -> Result<bool> {
    read_back = true;
    RN_ASSIGN_OR_RETURN(auto copies,
                        CopiesAbove(client, sid, from, known_latest));
    if (copies.empty()) return false;
    adopted = copies.back();
    return true;
  };
  const std::string path = VersionPath(sid, from) + "/clone";
  RN_ASSIGN_OR_RETURN(
      auto body,
      WriteConfirmed(client, "PUT", path, {}, appeared, {}, RetryMode::kNever));
  Cloned out;
  out.number = adopted;
  if (!adopted) {
    auto n = body.find("number");
    if (n == body.end() || !n->is_number_integer() || n->get<int>() <= 0)
      return client->Error(Code::kInternal, "PUT " + path,
                           "answer without a version number");
    out.number = n->get<int>();
  }
  // Copies left by our own lost answers. When the first answer arrived,
  // this call made no other copy (the transport never repeats a clone:
  // kNever), so there is nothing to look for (issue 15: 7 reads a service).
  if (!read_back) return out;
  RN_ASSIGN_OR_RETURN(auto copies,
                      CopiesAbove(client, sid, from, known_latest));
  for (int v : copies)
    if (v != out.number) out.appeared.push_back(v);
  return out;
}

Status SetComment(CdnClient* client, const std::string& sid, int version,
                  const std::string& comment, bool known_other) {
  auto has_it = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(ServiceDetails d, ReadDetails(client, sid));
    const VersionInfo* v = d.Find(version);
    return v && v->comment == comment;
  };
  if (!known_other) {
    RN_ASSIGN_OR_RETURN(bool already, has_it());
    if (already) return Status::Ok();
  }
  // kNever: a lost answer is read back by us, not repeated blindly.
  return WriteConfirmed(client, "PUT", VersionPath(sid, version),
                        {{"comment", comment}}, has_it, {}, RetryMode::kNever)
      .status();
}

Status ValidateVersion(CdnClient* client, const std::string& sid, int version) {
  const std::string path = VersionPath(sid, version) + "/validate";
  RN_ASSIGN_OR_RETURN(auto j, client->Get(path));
  if (!j.is_object() || !j.contains("status"))
    return client->Error(Code::kInternal, "GET " + path,
                         "unexpected answer: no status");
  if (j["status"] == "ok") return Status::Ok();
  std::string errors;
  if (j.contains("errors") && j["errors"].is_array())
    for (const auto& e : j["errors"])
      errors += (errors.empty() ? "" : "; ") +
                (e.is_string() ? e.get<std::string>() : e.dump());
  return client->Error(
      Code::kPreconditionFailed, "GET " + path,
      "version " + std::to_string(version) +
          " does not validate: " + (errors.empty() ? j.dump() : errors));
}

Status ActivateVersion(CdnClient* client, const std::string& sid, int version) {
  auto active_now = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto d, ReadDetails(client, sid));
    return d.active == version;
  };
  RN_ASSIGN_OR_RETURN(bool already, active_now());
  if (already) return Status::Ok();
  return WriteConfirmed(client, "PUT", VersionPath(sid, version) + "/activate",
                        {}, active_now, {400, 409, 422}, RetryMode::kNever)
      .status();
}

}  // namespace renumber::cdn
