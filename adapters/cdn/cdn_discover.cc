#include "adapters/cdn/cdn_discover.h"

#include <algorithm>

#include "adapters/cdn/cdn_state.h"
#include "adapters/cdn/cdn_text.h"
#include "adapters/short_list.h"

namespace renumber::cdn {
namespace {

std::string ObjectName(const ServiceSnapshot& s, const std::string& what) {
  return s.id + "/v" + std::to_string(s.details.active) + "/" + what;
}

void AddBackendFindings(const ServiceSnapshot& s, const Target& t,
                        Resolver* resolver, std::vector<Finding>* out) {
  const int v = s.details.active;
  for (const Backend& b : s.active.backends) {
    switch (ClassifyBackend(b, t.old_ip, t.new_ip)) {
      case AddressKind::kOld:
        if (s.compute()) break;  // reported as a hidden origin
        out->push_back({Finding::Kind::kOldReference,
                        ObjectName(s, "backend " + b.name),
                        OldReferenceText(s.label(), v, b.name, b.address)});
        break;
      case AddressKind::kNew:
        out->push_back({Finding::Kind::kNewReference,
                        ObjectName(s, "backend " + b.name),
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
               ObjectName(s, "backend " + b.name),
               {"Could not resolve " + b.address + " (origin " + b.name +
                    " of " + s.label() + "): " + ips.status().message(),
                s.label() + " のオリジンサーバー " + b.name + " のホスト名 " +
                    b.address + " を名前解決できませんでした"}});
          break;
        }
        for (const IpAddress& ip : *ips) {
          if (ip != t.old_ip) continue;
          out->push_back({Finding::Kind::kDnsDependent,
                          ObjectName(s, "backend " + b.name),
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
  std::vector<std::string> addresses;
  for (const ServiceSnapshot& s : services)
    for (const Backend& b : s.active.backends) addresses.push_back(b.address);
  const std::string list = ShortList(addresses);
  return {Finding::Kind::kNote, "origin servers",
          AddressesInUseText(t.old_ip.ToString(), t.new_ip.ToString(), list)};
}

}  // namespace

std::string ChangedLines(const std::string& diff) {
  std::string out, object;
  bool object_shown = false;
  size_t start = 0;
  while (start < diff.size()) {
    size_t end = diff.find('\n', start);
    if (end == std::string::npos) end = diff.size();
    const std::string line = diff.substr(start, end - start);
    start = end + 1;
    if (line.size() < 2) continue;
    const std::string body = line.substr(1);
    if (body.rfind("- name:", 0) == 0) {  // a new object in a list
      object = " " + body;
      object_shown = false;
    } else if (body.rfind("  ", 0) != 0 && body.rfind("- ", 0) != 0) {
      object.clear();  // a top-level key
      object_shown = false;
    }
    if (line[0] != '+' && line[0] != '-') continue;
    if (!object.empty() && !object_shown && body.rfind("- name:", 0) != 0) {
      out += object + "\n";
      object_shown = true;
    }
    out += line + "\n";
  }
  return out;
}

Discovery BuildDiscovery(const std::vector<ServiceSnapshot>& services,
                         const Target& target, Resolver* resolver) {
  Discovery d;
  const Addresses a{target.old_ip, target.new_ip};
  std::vector<ServiceView> views;
  for (const ServiceSnapshot& s : services) {
    if (s.details.active == 0) {
      d.findings.push_back(
          {Finding::Kind::kNote, s.id, NoActiveVersionText(s.label())});
      continue;
    }
    const ServiceView v = ViewService(s, a);
    if (int draft = s.PendingDraft())
      d.findings.push_back({Finding::Kind::kNote,
                            s.id + "/v" + std::to_string(draft),
                            DraftNoteText(s.label(), draft, s.details.active)});
    AddBackendFindings(s, target, resolver, &d.findings);
    for (const HiddenOrigin& h : v.hidden)
      d.findings.push_back({Finding::Kind::kHiddenOrigin,
                            ObjectName(s, h.where),
                            HiddenOriginText(s.label(), h.where)});
    if (!s.staged.empty()) {
      const StagedVersion& st = s.staged.front();
      d.findings.push_back({Finding::Kind::kNote,
                            s.id + "/v" + std::to_string(st.number),
                            StagedText(s.label(), st.number, st.mark.base,
                                       !v.staged_usable, s.details.active)});
      const std::string changed = ChangedLines(st.diff);
      if (!changed.empty()) {
        Text header = DiffHeaderText(s.label(), st.number, s.details.active);
        d.appendix.push_back(
            {header.en + "\n" + changed, header.ja + "\n" + changed});
      }
    }
    views.push_back(v);
  }
  d.state = CombineStates(views);
  if (d.state == AccountState::kMissing)
    d.findings.push_back(AddressesInUse(services, target));
  return d;
}

}  // namespace renumber::cdn
