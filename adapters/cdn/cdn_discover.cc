#include "adapters/cdn/cdn_discover.h"

#include <algorithm>

#include "adapters/cdn/cdn_text.h"

namespace renumber::cdn {
namespace {

std::string ObjectName(const ServiceSnapshot& s, const std::string& backend) {
  return s.id + "/v" + std::to_string(s.details.active) + "/backend " + backend;
}

void AddBackendFindings(const ServiceSnapshot& s, const Target& t,
                        Resolver* resolver, std::vector<Finding>* out) {
  const int v = s.details.active;
  for (const Backend& b : s.active_config.backends) {
    switch (ClassifyAddress(b.address, t.old_ip, t.new_ip)) {
      case AddressKind::kOld:
        out->push_back({Finding::Kind::kOldReference, ObjectName(s, b.name),
                        OldReferenceText(s.label(), v, b.name, b.address)});
        break;
      case AddressKind::kNew:
        out->push_back({Finding::Kind::kNewReference, ObjectName(s, b.name),
                        NewReferenceText(s.label(), v, b.name, b.address)});
        break;
      case AddressKind::kOtherIp:
        break;
      case AddressKind::kHostName: {
        if (!resolver || b.address.empty()) break;
        auto ips = resolver->Resolve(b.address);
        if (!ips.ok()) {
          if (ips.status().Is(Code::kNotFound)) break;
          out->push_back(
              {Finding::Kind::kNote,
               ObjectName(s, b.name),
               {"Could not resolve " + b.address + " (origin " + b.name +
                    " of " + s.label() + "): " + ips.status().message(),
                s.label() + " のオリジンサーバー " + b.name + " のホスト名 " +
                    b.address + " を名前解決できませんでした"}});
          break;
        }
        for (const IpAddress& ip : *ips) {
          if (ip != t.old_ip) continue;
          out->push_back({Finding::Kind::kDnsDependent, ObjectName(s, b.name),
                          DnsDependentText(s.label(), b.name, b.address,
                                           t.old_ip.ToString())});
          break;
        }
        break;
      }
    }
  }
}

// For a `missing` account (no active backend on either IP): the origin
// servers the active versions do use, so that a wrong old_ip in the plan
// shows at once. At most five named, the rest counted.
Finding AddressesInUse(const std::vector<ServiceSnapshot>& services,
                       const Target& t) {
  constexpr size_t kNamed = 5;
  std::vector<std::string> seen;
  for (const ServiceSnapshot& s : services)
    for (const Backend& b : s.active_config.backends)
      if (std::find(seen.begin(), seen.end(), b.address) == seen.end())
        seen.push_back(b.address);
  std::string list;
  for (size_t i = 0; i < seen.size() && i < kNamed; ++i)
    list += (i ? ", " : "") + seen[i];
  if (seen.size() > kNamed)
    list += ", +" + std::to_string(seen.size() - kNamed);
  if (list.empty()) list = "-";
  const std::string old_ip = t.old_ip.ToString(), new_ip = t.new_ip.ToString();
  return {
      Finding::Kind::kNote,
      "origin servers",
      {"neither " + old_ip + " nor " + new_ip +
           " is an origin server of this account; it uses " + list +
           " (check old_ip in the plan)",
       old_ip + " も " + new_ip +
           " もこのアカウントのオリジンサーバーではありません。設定されている"
           "オリジンサーバー: " +
           list + " (計画ファイルの old_ip をご確認ください)"}};
}

}  // namespace

AccountState CombineStates(const std::vector<ServiceState>& states) {
  bool any = false;
  ServiceState common = ServiceState::kNone;
  for (ServiceState s : states) {
    if (s == ServiceState::kNone) continue;
    if (!any) common = s;
    if (any && s != common) return AccountState::kPartial;
    any = true;
  }
  switch (common) {
    case ServiceState::kNone:
      return AccountState::kMissing;
    case ServiceState::kNotStarted:
      return AccountState::kNotStarted;
    case ServiceState::kPrepared:
      return AccountState::kPrepared;
    case ServiceState::kCutOver:
      return AccountState::kCutOver;
    case ServiceState::kPartial:
      return AccountState::kPartial;
  }
  return AccountState::kPartial;
}

Discovery BuildDiscovery(const std::vector<ServiceSnapshot>& services,
                         const Target& target, Resolver* resolver) {
  Discovery d;
  const Addresses a{target.old_ip, target.new_ip};
  std::vector<ServiceState> states;
  for (const ServiceSnapshot& s : services) {
    if (s.details.active == 0) {
      d.findings.push_back(
          {Finding::Kind::kNote, s.id, NoActiveVersionText(s.label())});
      continue;
    }
    if (int draft = s.PendingDraft())
      d.findings.push_back({Finding::Kind::kNote,
                            s.id + "/v" + std::to_string(draft),
                            DraftNoteText(s.label(), draft, s.details.active)});
    AddBackendFindings(s, target, resolver, &d.findings);
    states.push_back(ClassifyService(s.active_config, a, s.name));
  }
  d.state = CombineStates(states);
  if (d.state == AccountState::kMissing)
    d.findings.push_back(AddressesInUse(services, target));
  d.snapshot = SnapshotToJson(services);
  return d;
}

}  // namespace renumber::cdn
