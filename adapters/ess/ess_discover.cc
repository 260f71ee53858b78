#include "adapters/ess/ess_discover.h"

#include <algorithm>

#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_text.h"
#include "adapters/short_list.h"

namespace renumber {
namespace ess {
namespace {

// True when the collection is prepared: old and new side by side, the new
// one a failover on the same port where the order rule puts it
// (ess_placement.h); or neither present.
bool CollectionPrepared(const RouteCollection& c, const Target& t) {
  const Route* old_route = FindRouteTo(c, t.old_ip);
  const Route* new_route = FindRouteTo(c, t.new_ip);
  if (!old_route && !new_route) return true;
  return old_route && new_route && !new_route->primary() &&
         new_route->port == old_route->port &&
         NewRoutePlaced(c, *old_route, *new_route);
}

// True when every named route holding the old default route also holds the
// new one.
bool NamedPrepared(const Snapshot& s, const Target& t) {
  const RouteCollection* def = FindCollection(s, "");
  const Route* old_route = def ? FindRouteTo(*def, t.old_ip) : nullptr;
  if (!old_route) return true;
  const Route* new_route = FindRouteTo(*def, t.new_ip);
  for (const NamedRoute* n : NamedRoutesHolding(s.named, old_route->id))
    if (!new_route || IndexIn(*n, new_route->id) < 0) return false;
  return true;
}

// One finding per named route holding the old or the new default route.
void NamedFindings(const Snapshot& s, const Target& t,
                   std::vector<Finding>* out) {
  const RouteCollection* def = FindCollection(s, "");
  if (!def) return;
  for (const NamedRoute& n : s.named.named) {
    for (const std::string& id : n.routes) {
      const Route* r = FindRouteById(*def, id);
      if (!r) continue;
      const bool old_side = AddressIs(r->address, t.old_ip);
      if (!old_side && !AddressIs(r->address, t.new_ip)) continue;
      const std::string ep = Endpoint(r->address, r->port);
      out->push_back(
          {old_side ? Finding::Kind::kOldReference
                    : Finding::Kind::kNewReference,
           "named route " + n.name,
           old_side ? MakeText("named route " + n.name +
                                   " holds the delivery server " + ep,
                               "名前付きルート " + n.name + " に配送サーバー " +
                                   ep + " が含まれます")
                    : MakeText("named route " + n.name +
                                   " holds the new delivery server " + ep,
                               "名前付きルート " + n.name +
                                   " に新しい配送サーバー " + ep +
                                   " が含まれます")});
    }
  }
}

bool OutboundPrepared(const OutboundList& l, const Target& t) {
  if (!OutboundCovers(l, t.old_ip)) return true;
  return OutboundCovers(l, t.new_ip);
}

Text RouteText(const Route& r, const RouteCollection& c, const char* en_what,
               const char* ja_what) {
  const Text role = RoleText(r.role);
  const Text where = CollectionText(c.domain);
  return MakeText(std::string(en_what) + " " + Endpoint(r.address, r.port) +
                      " (" + role.en + ") in " + where.en,
                  where.ja + "の" + ja_what + " " +
                      Endpoint(r.address, r.port) + "（" + role.ja + "）");
}

void HostNameFinding(const Route& r, const RouteCollection& c, const Target& t,
                     Resolver* resolver, std::vector<Finding>* out) {
  const std::string object = RouteObject(c.domain, r.id);
  auto ips = resolver->Resolve(r.address);
  if (!ips.ok()) {
    out->push_back(
        {Finding::Kind::kNote, object,
         MakeText("host name " + r.address + " could not be resolved (" +
                      CodeName(ips.status().code()) + "): check it by hand",
                  "ホスト名 " + r.address +
                      " を名前解決できません: 手動で確認してください")});
    return;
  }
  if (std::find(ips->begin(), ips->end(), t.old_ip) == ips->end()) return;
  out->push_back(
      {Finding::Kind::kDnsDependent, object,
       MakeText("host name " + r.address + " resolves to the old IP " +
                    t.old_ip.ToString() +
                    ": change its DNS record (left alone here)",
                "ホスト名 " + r.address + " は旧IP " + t.old_ip.ToString() +
                    " を指しています: DNSレコードの変更が必要です "
                    "（ここでは変更しません）")});
}

void RouteFindings(const RouteCollection& c, const Target& t,
                   Resolver* resolver, std::vector<Finding>* out) {
  for (const Route& r : c.routes) {
    const std::string object = RouteObject(c.domain, r.id);
    if (AddressIs(r.address, t.old_ip)) {
      out->push_back({Finding::Kind::kOldReference, object,
                      RouteText(r, c, "delivery server", "配送サーバー")});
    } else if (AddressIs(r.address, t.new_ip)) {
      out->push_back(
          {Finding::Kind::kNewReference, object,
           RouteText(r, c, "new delivery server", "新しい配送サーバー")});
    } else if (IsHostName(r.address) && resolver) {
      HostNameFinding(r, c, t, resolver, out);
    }
  }
}

void OutboundFindings(const OutboundList& l, const Target& t,
                      std::vector<Finding>* out) {
  for (const OutboundServer& o : l.servers) {
    const std::string object = "outbound server " + o.id;
    const std::string a = o.address;
    if (AddressIs(a, t.old_ip)) {
      out->push_back({Finding::Kind::kOldReference, object,
                      MakeText("outbound server " + a, "送信サーバー " + a)});
    } else if (AddressIs(a, t.new_ip)) {
      out->push_back({Finding::Kind::kNewReference, object,
                      MakeText("outbound server " + a + " (new IP)",
                               "送信サーバー " + a + "（新IP）")});
    }
    if (CidrContains(a, t.old_ip)) {
      out->push_back(
          {Finding::Kind::kCidrOld, object,
           MakeText("outbound block " + a + " contains the old IP (left alone)",
                    "送信サーバーのアドレス範囲 " + a +
                        " は旧IPを含みます（変更しません）")});
    }
    if (CidrContains(a, t.new_ip)) {
      out->push_back(
          {Finding::Kind::kCidrNew, object,
           MakeText("outbound block " + a + " already contains the new IP",
                    "送信サーバーのアドレス範囲 " + a + " は新IPを含みます")});
    }
  }
}

// For a `missing` account (neither IP is referenced): the delivery servers
// it does use, so that a wrong old_ip in the plan shows at once. At most
// five are named, the rest counted.
Finding AddressesInUse(const Snapshot& s, const Target& t) {
  std::vector<std::string> endpoints;
  for (const RouteCollection& c : s.collections)
    for (const Route& r : c.routes)
      endpoints.push_back(Endpoint(r.address, r.port));
  const std::string list = ShortList(endpoints);
  const std::string old_ip = t.old_ip.ToString(), new_ip = t.new_ip.ToString();
  return {
      Finding::Kind::kNote, "delivery servers",
      MakeText(
          "neither " + old_ip + " nor " + new_ip +
              " is a delivery server of this account; it uses " + list +
              " (check old_ip in the plan)",
          old_ip + " も " + new_ip +
              " もこのアカウントの配送サーバーではありません。設定されている"
              "配送サーバー: " +
              list + "（計画ファイルの old_ip をご確認ください）")};
}

}  // namespace

AccountState ClassifyState(const Snapshot& s, const Target& t) {
  bool old_present = FindOutboundExact(s.outbound, t.old_ip) != nullptr;
  bool new_present = FindOutboundExact(s.outbound, t.new_ip) != nullptr;
  bool prepared = OutboundPrepared(s.outbound, t) && NamedPrepared(s, t);
  for (const RouteCollection& c : s.collections) {
    old_present = old_present || FindRouteTo(c, t.old_ip);
    new_present = new_present || FindRouteTo(c, t.new_ip);
    prepared = prepared && CollectionPrepared(c, t);
  }
  if (!old_present)
    return new_present ? AccountState::kCutOver : AccountState::kMissing;
  if (!new_present) return AccountState::kNotStarted;
  return prepared ? AccountState::kPrepared : AccountState::kPartial;
}

Classification Classify(const Snapshot& s, const Target& t,
                        Resolver* resolver) {
  Classification out;
  out.state = ClassifyState(s, t);
  for (const RouteCollection& c : s.collections)
    RouteFindings(c, t, resolver, &out.findings);
  NamedFindings(s, t, &out.findings);
  OutboundFindings(s.outbound, t, &out.findings);
  if (out.state == AccountState::kMissing)
    out.findings.push_back(AddressesInUse(s, t));
  for (const std::string& skipped : s.skipped) {
    out.findings.push_back(
        {Finding::Kind::kNote, "domain " + skipped,
         MakeText("custom routes of " + skipped + " were not read",
                  skipped + " の個別受信ルートは読み取れませんでした")});
  }
  return out;
}

}  // namespace ess
}  // namespace renumber
