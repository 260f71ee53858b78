#include "adapters/cdn/cdn_steps.h"

#include <set>

#include "src/model/model.h"

namespace renumber::cdn {
namespace {

const char kTwinSuffix[] = "_renumber_new";

bool IsAt(const Backend& b, AddressKind kind, const Addresses& a) {
  return ClassifyAddress(b.address, a.old_ip, a.new_ip) == kind;
}

Step MakeStep(std::string kind, std::string key, nlohmann::json params,
              bool removes = false) {
  return Step{std::move(kind), std::move(key), std::move(params), removes};
}

// The fields update-backend must set so `b` balances with health checks.
nlohmann::json PairSettings(const Backend& b, const std::string& hc) {
  nlohmann::json set = nlohmann::json::object();
  if (!b.auto_loadbalance) set["auto_loadbalance"] = true;
  if (b.healthcheck.empty()) set["healthcheck"] = hc;
  return set;
}

Status Taken(const std::string& name, const Backend& b, const Text& why) {
  return Status::PreconditionFailed(
      "backend " + name + " already exists at " + b.address + ": " + why.en,
      "オリジンサーバー " + name + " はすでに " + b.address +
          " として存在します: " + why.ja);
}

}  // namespace

nlohmann::json NewHealthcheckParams(const std::string& host) {
  return {{"name", HealthcheckName(host)},
          {"host", host},
          {"path", "/"},
          {"method", "HEAD"},
          {"expected_response", 200},
          {"check_interval", 15000},
          {"timeout", 5000},
          {"window", 5},
          {"threshold", 3},
          {"initial", 5},
          {"comment", "added by renumber for the origin server move"}};
}

std::string PairHealthcheck(const Backend& old,
                            const std::string& service_name) {
  if (!old.healthcheck.empty()) return old.healthcheck;
  return HealthcheckName(ProbeHost(old, service_name));
}

std::string TwinOf(const Backend& b) {
  if (auto m = DecodeTwinComment(b.comment)) return m->of;
  const std::string suffix = kTwinSuffix;
  if (b.name.size() > suffix.size() &&
      b.name.compare(b.name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return b.name.substr(0, b.name.size() - suffix.size());
  return "";
}

Result<ServiceSteps> PrepareSteps(const VersionConfig& v, const Addresses& a,
                                  const std::string& service_name) {
  std::vector<Step> checks, twins, updates, links;
  std::set<std::string> planned_hc;
  for (const Backend& old : v.backends) {
    if (!IsAt(old, AddressKind::kOld, a)) continue;
    const std::string hc = PairHealthcheck(old, service_name);
    if (old.healthcheck.empty() && !v.FindHealthcheck(hc) &&
        planned_hc.insert(hc).second)
      checks.push_back(
          MakeStep("add-healthcheck", "healthcheck/" + hc,
                   NewHealthcheckParams(ProbeHost(old, service_name))));
    const std::string twin = TwinName(old.name);
    if (const Backend* t = v.FindBackend(twin)) {
      if (!IsAt(*t, AddressKind::kNew, a))
        return Taken(twin, *t,
                     {"cannot add the twin of " + old.name,
                      old.name + " の複製を追加できません"});
      nlohmann::json set = PairSettings(*t, hc);
      if (!set.empty())
        updates.push_back(MakeStep("update-backend", "update/" + twin,
                                   {{"name", twin}, {"set", set}}));
    } else {
      twins.push_back(MakeStep("add-backend", "twin/" + old.name,
                               {{"name", twin},
                                {"copy_of", old.name},
                                {"address", a.new_ip.ToString()},
                                {"healthcheck", hc}}));
    }
    nlohmann::json set = PairSettings(old, hc);
    if (!set.empty())
      updates.push_back(MakeStep("update-backend", "update/" + old.name,
                                 {{"name", old.name}, {"set", set}}));
    for (const Director& d : v.directors)
      if (d.Has(old.name) && !d.Has(twin))
        links.push_back(MakeStep("link-director",
                                 "director/" + d.name + "/" + twin,
                                 {{"director", d.name}, {"backend", twin}}));
  }
  ServiceSteps out;
  for (auto* group : {&checks, &twins, &updates, &links})
    for (Step& s : *group) out.steps.push_back(std::move(s));
  return out;
}

namespace {

// True when `twin` stands in for `old` everywhere: in every director.
bool TwinComplete(const VersionConfig& v, const std::string& old,
                  const std::string& twin) {
  for (const Director& d : v.directors)
    if (d.Has(old) && !d.Has(twin)) return false;
  return true;
}

nlohmann::json RestoreSettings(const Backend& twin) {
  auto m = DecodeTwinComment(twin.comment);
  if (!m) return nlohmann::json::object();
  return {{"auto_loadbalance", m->auto_loadbalance},
          {"healthcheck", m->healthcheck},
          {"comment", m->comment}};
}

}  // namespace

Result<ServiceSteps> CutoverSteps(const VersionConfig& v, const Addresses& a) {
  std::vector<Step> deletes, renames;
  std::set<std::string> handled;
  for (const Backend& t : v.backends) {
    if (!IsAt(t, AddressKind::kNew, a)) continue;
    const std::string of = TwinOf(t);
    if (of.empty()) continue;
    if (const Backend* old = v.FindBackend(of)) {
      if (!IsAt(*old, AddressKind::kOld, a))
        return Taken(of, *old,
                     {"twin " + t.name + " cannot take its name",
                      "複製 " + t.name + " をその名前に変更できません"});
      if (!TwinComplete(v, of, t.name)) continue;  // unprepared, below
      deletes.push_back(MakeStep(
          "delete-backend", "delete/" + of,
          {{"name", of}, {"twin", t.name}, {"address", old->address}}, true));
    }
    handled.insert(of);
    renames.push_back(
        MakeStep("rename-backend", "rename/" + t.name,
                 {{"from", t.name}, {"to", of}, {"set", RestoreSettings(t)}}));
  }
  ServiceSteps out;
  for (const Backend& old : v.backends) {
    if (!IsAt(old, AddressKind::kOld, a) || handled.count(old.name)) continue;
    out.unprepared.push_back(old.name);
    const std::string twin = TwinName(old.name);
    deletes.push_back(MakeStep(
        "delete-backend", "delete/" + old.name,
        {{"name", old.name}, {"twin", twin}, {"address", old.address}}, true));
    renames.push_back(MakeStep(
        "rename-backend", "rename/" + twin,
        {{"from", twin}, {"to", old.name}, {"set", nlohmann::json::object()}}));
  }
  for (auto* group : {&deletes, &renames})
    for (Step& s : *group) out.steps.push_back(std::move(s));
  return out;
}

ServiceState ClassifyService(const VersionConfig& v, const Addresses& a,
                             const std::string& service_name) {
  int olds = 0, news = 0, orphans = 0;
  for (const Backend& b : v.backends) {
    if (IsAt(b, AddressKind::kOld, a)) ++olds;
    if (!IsAt(b, AddressKind::kNew, a)) continue;
    ++news;
    const std::string of = TwinOf(b);
    if (!of.empty() && !v.FindBackend(of)) ++orphans;
  }
  if (olds == 0 && news == 0) return ServiceState::kNone;
  if (olds == 0) {
    auto cut = CutoverSteps(v, a);
    return cut.ok() && cut->steps.empty() ? ServiceState::kCutOver
                                          : ServiceState::kPartial;
  }
  auto prep = PrepareSteps(v, a, service_name);
  if (!prep.ok()) return ServiceState::kPartial;
  if (prep->steps.empty())
    return orphans == 0 ? ServiceState::kPrepared : ServiceState::kPartial;
  return news == 0 ? ServiceState::kNotStarted : ServiceState::kPartial;
}

}  // namespace renumber::cdn
