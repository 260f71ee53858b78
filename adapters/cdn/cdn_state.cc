#include "adapters/cdn/cdn_state.h"

#include <set>

namespace renumber::cdn {
namespace {

void FindHidden(const ServiceSnapshot& s, const Addresses& a, ServiceView* v) {
  if (s.compute()) {
    for (const Backend& b : s.active.backends)
      if (ClassifyBackend(b, a.old_ip, a.new_ip) == AddressKind::kOld)
        v->hidden.push_back({"Compute service backend " + b.name});
    return;
  }
  for (const Named& x : s.active.vcls)
    if (MentionsIp(x.content, a.old_ip))
      v->hidden.push_back({"custom VCL " + x.name});
  for (const Named& x : s.active.snippets)
    if (MentionsIp(x.content, a.old_ip))
      v->hidden.push_back({"snippet " + x.name});
  for (const Pool& p : s.active.pools)
    for (const std::string& server : p.server_addresses) {
      auto ip = IpAddress::Parse(server);
      if (ip.ok() && *ip == a.old_ip) {
        v->hidden.push_back({"pool " + p.name + " server " + server});
        break;
      }
    }
}

}  // namespace

const char* ServiceStateName(ServiceState s) {
  switch (s) {
    case ServiceState::kNone:
      return "none";
    case ServiceState::kNotStarted:
      return "not-started";
    case ServiceState::kPrepared:
      return "prepared";
    case ServiceState::kPreparedStale:
      return "prepared-stale";
    case ServiceState::kCutOver:
      return "cut-over";
    case ServiceState::kPartial:
      return "partial";
  }
  return "?";
}

ServiceView ViewService(const ServiceSnapshot& s, const Addresses& a) {
  ServiceView v;
  if (s.details.active == 0) return v;
  FindHidden(s, a, &v);
  if (s.compute()) return v;  // never changed: hidden origins only
  for (const Backend& b : s.active.backends) {
    switch (ClassifyBackend(b, a.old_ip, a.new_ip)) {
      case AddressKind::kOld:
        v.old_backends.push_back(b.name);
        break;
      case AddressKind::kNew:
        v.new_backends.push_back(b.name);
        break;
      default:
        break;
    }
  }
  if (!s.staged.empty()) {
    const StagedVersion& st = s.staged.front();
    v.staged_usable = st.mark.base == s.details.active;
    for (const std::string& name : v.old_backends) {
      const Backend* in_staged = nullptr;
      for (const Backend& b : st.backends)
        if (b.name == name) in_staged = &b;
      if (!in_staged ||
          ClassifyBackend(*in_staged, a.old_ip, a.new_ip) != AddressKind::kNew)
        v.unstaged.push_back(name);
    }
  }
  const bool olds = !v.old_backends.empty(), news = !v.new_backends.empty();
  if (olds && news)
    v.state = ServiceState::kPartial;
  else if (news)
    v.state = ServiceState::kCutOver;
  else if (!olds)
    v.state = ServiceState::kNone;
  else if (s.staged.empty())
    v.state = ServiceState::kNotStarted;
  else if (!v.staged_usable)
    v.state = ServiceState::kPreparedStale;
  else if (!v.unstaged.empty() || s.staged.size() > 1)
    v.state = ServiceState::kPartial;
  else
    v.state = ServiceState::kPrepared;
  return v;
}

AccountState CombineStates(const std::vector<ServiceView>& views) {
  std::set<ServiceState> states;
  bool hidden = false;
  for (const ServiceView& v : views) {
    hidden = hidden || !v.hidden.empty();
    if (v.state != ServiceState::kNone) states.insert(v.state);
  }
  if (states.empty())
    return hidden ? AccountState::kNotStarted : AccountState::kMissing;
  if (states.count(ServiceState::kPartial)) return AccountState::kPartial;
  if (states.size() == 1 && states.count(ServiceState::kNotStarted))
    return AccountState::kNotStarted;
  if (states.size() == 1 && states.count(ServiceState::kCutOver))
    return hidden ? AccountState::kPartial : AccountState::kCutOver;
  bool only_prepared = true;
  for (ServiceState s : states)
    only_prepared = only_prepared && (s == ServiceState::kPrepared ||
                                      s == ServiceState::kPreparedStale);
  if (only_prepared)
    return states.count(ServiceState::kPreparedStale)
               ? AccountState::kPreparedStale
               : AccountState::kPrepared;
  return AccountState::kPartial;
}

}  // namespace renumber::cdn
