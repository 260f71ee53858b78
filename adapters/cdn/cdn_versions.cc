#include "adapters/cdn/cdn_versions.h"

#include <algorithm>

#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {

Result<std::vector<int>> DraftsAbove(CdnClient* client, const std::string& sid,
                                     int above) {
  const std::string path = "/service/" + PathPart(sid) + "/version";
  RN_ASSIGN_OR_RETURN(auto j, client->Get(path));
  auto versions = ParseVersions(j);
  if (!versions.ok())
    return client->Error(Code::kInternal, "GET " + path,
                         "unexpected answer: " + versions.status().message());
  std::vector<int> out;
  for (const auto& v : *versions)
    if (v.number > above && !v.locked && !v.active) out.push_back(v.number);
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<int>> CopiesAbove(CdnClient* client, const std::string& sid,
                                     int from, int above) {
  RN_ASSIGN_OR_RETURN(auto drafts, DraftsAbove(client, sid, above));
  if (drafts.empty()) return drafts;
  RN_ASSIGN_OR_RETURN(auto original, ReadContent(client, sid, from));
  std::vector<int> out;
  for (int v : drafts) {
    RN_ASSIGN_OR_RETURN(auto content, ReadContent(client, sid, v));
    if (content == original) out.push_back(v);
  }
  return out;
}

Result<Cloned> CloneVersion(CdnClient* client, const std::string& sid, int from,
                            int known_latest) {
  int adopted = 0;
  auto appeared = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto drafts,
                        CopiesAbove(client, sid, from, known_latest));
    if (drafts.empty()) return false;
    adopted = drafts.back();
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
  RN_ASSIGN_OR_RETURN(auto drafts, DraftsAbove(client, sid, known_latest));
  drafts.erase(std::remove(drafts.begin(), drafts.end(), out.number),
               drafts.end());
  if (drafts.empty()) return out;
  RN_ASSIGN_OR_RETURN(auto copies,
                      CopiesAbove(client, sid, from, known_latest));
  for (int v : copies)
    if (v != out.number) out.appeared.push_back(v);
  return out;
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
