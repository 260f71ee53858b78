// StepRunner's cut-over operations: removing an old backend behind its
// safety gates, renaming the twin, and keeping director links right.
#include "adapters/cdn/cdn_ops.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {
namespace {

std::string Str(const nlohmann::json& p, const char* key) {
  return p.at(key).get<std::string>();
}

}  // namespace

Result<nlohmann::json> StepRunner::DeleteOld(const DraftRef& d,
                                             const nlohmann::json& p) {
  const std::string name = Str(p, "name"), twin = Str(p, "twin");
  auto is = [this](const Backend& b, AddressKind k) {
    return ClassifyAddress(b.address, a_.old_ip, a_.new_ip) == k;
  };
  RN_ASSIGN_OR_RETURN(auto old, GetBackend(d, name));
  if (!old)
    return nlohmann::json{{"present", true},
                          {"object", "deletion of backend " + name}};
  RN_ASSIGN_OR_RETURN(auto t, GetBackend(d, twin));
  if (!is(*old, AddressKind::kOld)) {
    // The twin already took the name (a resumed run): nothing to delete.
    if (is(*old, AddressKind::kNew) && !t)
      return nlohmann::json{{"present", true},
                            {"object", "backend " + name + " at the new IP"}};
    return Refuse(d, "not removing backend " + name + ": it is at " +
                         old->address + ", not the old IP");
  }
  if (!t || !is(*t, AddressKind::kNew))
    return Refuse(d, "not removing old origin server " + name + ": its twin " +
                         twin + " is missing at the new IP");
  RN_ASSIGN_OR_RETURN(auto dirs, GetDirectors(d));
  for (const Director& dir : dirs)
    if (dir.Has(name) && !dir.Has(twin))
      return Refuse(d, "not removing old origin server " + name +
                           ": director " + dir.name +
                           " does not hold its twin " + twin);
  DraftRef base{d.sid, d.base, d.base};
  RN_ASSIGN_OR_RETURN(auto live_twin, GetBackend(base, twin));
  if (!live_twin || !is(*live_twin, AddressKind::kNew))
    return Refuse(d, "not removing old origin server " + name + ": its twin " +
                         twin + " was not active in version " +
                         std::to_string(d.base) + " (prepare first)");
  auto gone = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto now, GetBackend(d, name));
    return !now.has_value();
  };
  RN_RETURN_IF_ERROR(WriteConfirmed(client_, "DELETE",
                                    VersionPath(d.sid, d.number) + "/backend/" +
                                        PathPart(name),
                                    {}, gone, {404})
                         .status());
  // A director link to `name` that the vendor left behind is revived by
  // the rename of the twin to `name` that follows (RenameTwin).
  return nlohmann::json{{"deleted", "backend " + name}};
}

Result<nlohmann::json> StepRunner::RenameTwin(const DraftRef& d,
                                              const nlohmann::json& p) {
  const std::string from = Str(p, "from"), to = Str(p, "to");
  const nlohmann::json& set = p.at("set");
  auto at_new = [this](const Backend& b) {
    return ClassifyAddress(b.address, a_.old_ip, a_.new_ip) ==
           AddressKind::kNew;
  };
  const std::string to_path =
      VersionPath(d.sid, d.number) + "/backend/" + PathPart(to);
  auto renamed = [&]() -> Result<bool> {
    RN_ASSIGN_OR_RETURN(auto b, GetBackend(d, to));
    return b && at_new(*b) && HasSettings(*b, set);
  };
  RN_ASSIGN_OR_RETURN(auto target, GetBackend(d, to));
  nlohmann::json result;
  if (target) {
    if (!at_new(*target))
      return Refuse(d, "not renaming " + from + " to " + to + ": " + to +
                           " is still at " + target->address);
    if (!HasSettings(*target, set)) {
      RN_RETURN_IF_ERROR(
          WriteConfirmed(client_, "PUT", to_path, FormFromObject(set), renamed)
              .status());
      result["restored"] = set;
    }
    result["present"] = true;
  } else {
    RN_ASSIGN_OR_RETURN(auto src, GetBackend(d, from));
    if (!src || !at_new(*src))
      return Refuse(d, "cannot rename " + from + " to " + to + ": " + from +
                           " is missing at the new IP");
    Form form = {{"name", to}};
    for (auto& kv : FormFromObject(set)) form.push_back(std::move(kv));
    RN_RETURN_IF_ERROR(WriteConfirmed(client_, "PUT",
                                      VersionPath(d.sid, d.number) +
                                          "/backend/" + PathPart(from),
                                      form, renamed, {404})
                           .status());
    result["renamed"] = from + " -> " + to;
  }
  RN_ASSIGN_OR_RETURN(result["links"], MoveDirectorLinks(d, from, to));
  return result;
}

Result<nlohmann::json> StepRunner::MoveDirectorLinks(const DraftRef& d,
                                                     const std::string& from,
                                                     const std::string& to) {
  nlohmann::json changed = nlohmann::json::array();
  RN_ASSIGN_OR_RETURN(auto dirs, GetDirectors(d));
  for (const Director& dir : dirs) {
    if (!dir.Has(from)) continue;
    const std::string base = VersionPath(d.sid, d.number) + "/director/" +
                             PathPart(dir.name) + "/backend/";
    auto holds = [&](const std::string& b) -> Result<bool> {
      RN_ASSIGN_OR_RETURN(auto now, GetDirectors(d));
      for (const Director& x : now)
        if (x.name == dir.name) return x.Has(b);
      return false;
    };
    if (!to.empty() && !dir.Has(to)) {
      RN_RETURN_IF_ERROR(WriteConfirmed(client_, "POST", base + PathPart(to),
                                        {}, [&] { return holds(to); }, {409})
                             .status());
      changed.push_back({{"director", dir.name}, {"added", to}});
    }
    auto dropped = [&]() -> Result<bool> {
      RN_ASSIGN_OR_RETURN(bool h, holds(from));
      return !h;
    };
    RN_RETURN_IF_ERROR(WriteConfirmed(client_, "DELETE", base + PathPart(from),
                                      {}, dropped, {404})
                           .status());
    changed.push_back({{"director", dir.name}, {"removed", from}});
  }
  return changed;
}

}  // namespace renumber::cdn
