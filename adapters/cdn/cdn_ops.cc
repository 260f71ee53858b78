#include "adapters/cdn/cdn_ops.h"

#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {
namespace {

std::string Str(const nlohmann::json& p, const char* key) {
  return p.at(key).get<std::string>();
}

nlohmann::json Present(const std::string& what) {
  return {{"present", true}, {"object", what}};
}

nlohmann::json Skipped(const std::string& why) { return {{"skipped", why}}; }

}  // namespace

Result<nlohmann::json> StepRunner::Run(const DraftRef& d,
                                       const std::string& kind,
                                       const nlohmann::json& p) {
  try {
    if (kind == "add-healthcheck") return AddHealthcheck(d, p);
    if (kind == "add-backend") return AddTwin(d, p);
    if (kind == "update-backend") return UpdateBackend(d, p);
    if (kind == "link-director") return LinkDirector(d, p);
    if (kind == "delete-backend") return DeleteOld(d, p);
    if (kind == "rename-backend") return RenameTwin(d, p);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(
        client_->account() + ": change " + kind +
            " has bad params: " + e.what(),
        client_->account() + ": 変更 " + kind +
            " の内容が正しくありません: " + e.what());
  }
  return Status::InvalidArgument(
      client_->account() + ": unknown CDN change kind " + kind,
      client_->account() + ": 不明な CDN の変更の種類 " + kind + " です");
}

Status StepRunner::Refuse(const DraftRef& d, const std::string& what) const {
  return client_->Error(
      Code::kPreconditionFailed,
      "service " + d.sid + " draft version " + std::to_string(d.number), what);
}

Result<std::optional<Backend>> StepRunner::GetBackend(const DraftRef& d,
                                                      const std::string& name) {
  const std::string path =
      VersionPath(d.sid, d.number) + "/backend/" + PathPart(name);
  RN_ASSIGN_OR_RETURN(auto j, client_->GetIfExists(path));
  if (!j) return std::optional<Backend>();
  auto b = ParseBackend(*j);
  if (!b.ok())
    return client_->Error(Code::kInternal, "GET " + path,
                          "unexpected answer: " + b.status().message());
  return std::optional<Backend>(std::move(*b));
}

Result<std::vector<Director>> StepRunner::GetDirectors(const DraftRef& d) {
  const std::string path = VersionPath(d.sid, d.number) + "/director";
  RN_ASSIGN_OR_RETURN(auto j, client_->Get(path));
  auto cfg = ParseVersionConfig(nlohmann::json::array(), j,
                                nlohmann::json::array(), "GET " + path);
  if (!cfg.ok())
    return client_->Error(Code::kInternal, "GET " + path,
                          cfg.status().message());
  return std::move(cfg->directors);
}

Result<nlohmann::json> StepRunner::AddHealthcheck(const DraftRef& d,
                                                  const nlohmann::json& p) {
  const std::string name = Str(p, "name");
  const std::string path = VersionPath(d.sid, d.number) + "/healthcheck";
  auto present = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto list, client_->Get(path));
    if (!list.is_array()) return false;
    for (const auto& h : list)
      if (h.is_object() && h.value("name", nlohmann::json()) == name)
        return true;
    return false;
  };
  RN_ASSIGN_OR_RETURN(bool exists, present());
  if (exists) return Present("healthcheck " + name);
  nlohmann::json fields = p;
  fields.erase("service");
  fields.erase("service_id");
  RN_RETURN_IF_ERROR(WriteConfirmed(client_, "POST", path,
                                    FormFromObject(fields), present, {409})
                         .status());
  return nlohmann::json{{"created", "healthcheck " + name}};
}

Result<nlohmann::json> StepRunner::AddTwin(const DraftRef& d,
                                           const nlohmann::json& p) {
  const std::string twin = Str(p, "name"), of = Str(p, "copy_of");
  RN_ASSIGN_OR_RETURN(auto existing, GetBackend(d, twin));
  if (existing) {
    if (ClassifyAddress(existing->address, a_.old_ip, a_.new_ip) !=
        AddressKind::kNew)
      return Refuse(d, "backend " + twin + " exists at " + existing->address +
                           ", not the new IP");
    return Present("backend " + twin);
  }
  RN_ASSIGN_OR_RETURN(auto old, GetBackend(d, of));
  if (!old ||
      ClassifyAddress(old->address, a_.old_ip, a_.new_ip) != AddressKind::kOld)
    return Skipped("backend " + of + " is not at the old IP in this draft");
  const std::string hc =
      old->healthcheck.empty() ? Str(p, "healthcheck") : old->healthcheck;
  auto present = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto b, GetBackend(d, twin));
    return b && ClassifyAddress(b->address, a_.old_ip, a_.new_ip) ==
                    AddressKind::kNew;
  };
  RN_RETURN_IF_ERROR(
      WriteConfirmed(client_, "POST", VersionPath(d.sid, d.number) + "/backend",
                     TwinForm(*old, a_.new_ip, hc), present, {409})
          .status());
  return nlohmann::json{{"created", "backend " + twin}, {"copy_of", of}};
}

Result<nlohmann::json> StepRunner::UpdateBackend(const DraftRef& d,
                                                 const nlohmann::json& p) {
  const std::string name = Str(p, "name");
  const nlohmann::json& set = p.at("set");
  RN_ASSIGN_OR_RETURN(auto b, GetBackend(d, name));
  if (!b) return Skipped("backend " + name + " is not in this draft");
  if (HasSettings(*b, set)) return Present("settings of backend " + name);
  auto present = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto now, GetBackend(d, name));
    return now && HasSettings(*now, set);
  };
  RN_RETURN_IF_ERROR(WriteConfirmed(client_, "PUT",
                                    VersionPath(d.sid, d.number) + "/backend/" +
                                        PathPart(name),
                                    FormFromObject(set), present)
                         .status());
  return nlohmann::json{{"updated", "backend " + name}, {"set", set}};
}

Result<nlohmann::json> StepRunner::LinkDirector(const DraftRef& d,
                                                const nlohmann::json& p) {
  const std::string dir = Str(p, "director"), backend = Str(p, "backend");
  auto linked = [&]() -> Result<std::optional<bool>> {
    RN_ASSIGN_OR_RETURN(auto dirs, GetDirectors(d));
    for (const Director& x : dirs)
      if (x.name == dir) return std::optional<bool>(x.Has(backend));
    return std::optional<bool>();
  };
  RN_ASSIGN_OR_RETURN(auto now, linked());
  if (!now) return Skipped("director " + dir + " is not in this draft");
  if (*now) return Present("director " + dir + " backend " + backend);
  auto present = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto again, linked());
    return again.value_or(false);
  };
  RN_RETURN_IF_ERROR(WriteConfirmed(client_, "POST",
                                    VersionPath(d.sid, d.number) +
                                        "/director/" + PathPart(dir) +
                                        "/backend/" + PathPart(backend),
                                    {}, present, {409})
                         .status());
  return nlohmann::json{{"linked", backend}, {"director", dir}};
}

}  // namespace renumber::cdn
