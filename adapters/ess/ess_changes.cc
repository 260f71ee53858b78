#include "adapters/ess/ess_changes.h"

#include "adapters/ess/ess_text.h"
#include "adapters/kind_names.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

std::string CollectionId(const std::string& domain) {
  return domain.empty() ? "default" : domain;
}

Change NewChange(ChangeKind kind, const std::string& suffix, Text text,
                 json params) {
  Change c;
  c.kind = ChangeKinds().Name(kind);
  c.id = c.kind + ":" + suffix;
  c.description = std::move(text);
  c.params = std::move(params);
  return c;
}

std::string TicketPart(const Target& t) {
  return t.ticket.empty() ? "no ticket" : "ticket " + t.ticket;
}

void AddTicket(const Target& t, json* params) {
  if (!t.ticket.empty()) (*params)["ticket"] = t.ticket;
}

json RouteRef(const std::string& domain, const Route& r) {
  return {{"domain", domain},
          {"route_id", r.id},
          {"address", r.address},
          {"port", r.port}};
}

// "198.19.0.1:25 (r-9a1)"
std::string Named(const Route& r) {
  return Endpoint(r.address, r.port) + " (" + r.id + ")";
}

// The same in Japanese: a route the plan has yet to create ("new") is
// 新規.
std::string NamedJa(const Route& r) {
  return Endpoint(r.address, r.port) + "（" + (r.id == "new" ? "新規" : r.id) +
         "）";
}

// "to the first failover position" / "right after 198.18.0.1".
Text AnchorText(const Anchor& a, const std::string& role) {
  const Text r = RoleText(role);
  switch (a.relation) {
    case Anchor::Relation::kFirst:
      return MakeText("to the first " + r.en + " position",
                      "最初の" + r.ja + "の位置へ");
    case Anchor::Relation::kAfter:
      return MakeText("right after " + a.address, a.address + " の直後へ");
    case Anchor::Relation::kBefore:
      return MakeText("right before " + a.address, a.address + " の直前へ");
  }
  return MakeText("", "");
}

std::string NamedId(const std::string& name) { return name; }

}  // namespace

std::string MigrationNote(const Target& t) {
  return "renumber: server migration to " + t.new_ip.ToString() + " (" +
         TicketPart(t) + ")";
}

std::string RollbackPrepareNote(const Target& t) {
  return "renumber: rollback of prepare, removing what it added (" +
         TicketPart(t) + ")";
}

Change AddRouteChange(const std::string& domain, const Route& old_route,
                      const Target& t) {
  const std::string address = t.new_ip.ToString();
  const std::string ep = Endpoint(address, old_route.port);
  const Text where = CollectionText(domain);
  return NewChange(
      ChangeKind::kAddRoute, CollectionId(domain),
      MakeText("Add " + ep + " as a failover delivery server next to " +
                   old_route.address + " in " + where.en,
               where.ja + "に新しい配送サーバー " + ep +
                   " をフェイルオーバーとして追加（旧配送サーバー " +
                   old_route.address + " と並べて設定）"),
      {{"domain", domain},
       {"address", address},
       {"port", old_route.port},
       {"role", kFailover}});
}

Change RestoreRouteChange(const std::string& domain, const std::string& address,
                          int port, const std::string& role) {
  const std::string ep = Endpoint(address, port);
  const Text where = CollectionText(domain);
  const Text r = RoleText(role);
  return NewChange(
      ChangeKind::kRestoreRoute, CollectionId(domain),
      MakeText(
          "Restore delivery server " + ep + " as " + r.en + " in " + where.en,
          where.ja + "に配送サーバー " + ep + " を" + r.ja + "として戻す"),
      {{"domain", domain},
       {"address", address},
       {"port", port},
       {"role", role}});
}

Change AddOutboundChange(const std::string& address, const std::string& note) {
  return NewChange(ChangeKind::kAddOutbound, address,
                   MakeText("Add " + address + " to the outbound servers",
                            "送信サーバーに " + address + " を追加"),
                   {{"address", address}, {"note", note}, {"cidr_ok", true}});
}

Change RestoreOutboundChange(const std::string& address,
                             const std::string& note) {
  return NewChange(ChangeKind::kRestoreOutbound, address,
                   MakeText("Restore outbound server " + address,
                            "送信サーバー " + address + " を戻す"),
                   {{"address", address}, {"note", note}, {"cidr_ok", false}});
}

Change CheckRouteChange(const std::string& domain, const Route& r) {
  const Text where = CollectionText(domain);
  return NewChange(
      ChangeKind::kCheckRoute, CollectionId(domain),
      MakeText(
          "Run the delivery check of " + Named(r) + " in " + where.en,
          where.ja + "の配送サーバー " + NamedJa(r) + " の配送チェックを実行"),
      RouteRef(domain, r));
}

Change PromoteRouteChange(const std::string& domain, const Route& r,
                          bool check_first) {
  const Text where = CollectionText(domain);
  json params = RouteRef(domain, r);
  params["check_first"] = check_first;
  return NewChange(
      ChangeKind::kPromoteRoute, CollectionId(domain),
      MakeText(std::string(check_first ? "Check and promote " : "Promote ") +
                   Named(r) + " to primary in " + where.en,
               where.ja + "の配送サーバー " + NamedJa(r) +
                   (check_first ? " を配送チェックしてプライマリに昇格"
                                : " をプライマリに昇格")),
      params);
}

Change DemoteRouteChange(const std::string& domain, const Route& r) {
  const Text where = CollectionText(domain);
  return NewChange(
      ChangeKind::kDemoteRoute, CollectionId(domain),
      MakeText("Return " + Named(r) + " to failover in " + where.en,
               where.ja + "の配送サーバー " + NamedJa(r) +
                   " をフェイルオーバーに戻す"),
      RouteRef(domain, r));
}

Change DeleteRouteChange(const std::string& domain, const Route& old_route,
                         const Route& replacement, const Target& t) {
  const Text where = CollectionText(domain);
  const Text role = RoleText(old_route.role);
  json params = RouteRef(domain, old_route);
  params["role"] = old_route.role;
  params["order"] = old_route.order;
  params["replacement"] = {{"route_id", replacement.id},
                           {"address", replacement.address}};
  params["reason"] = "ServerMigration";
  params["note"] = MigrationNote(t);
  AddTicket(t, &params);
  Change c =
      NewChange(ChangeKind::kDeleteRoute, CollectionId(domain),
                MakeText("Delete old delivery server " + Named(old_route) +
                             ", " + role.en + ", from " + where.en +
                             " (replaced by " + Named(replacement) + ")",
                         where.ja + "から旧配送サーバー " +
                             Endpoint(old_route.address, old_route.port) +
                             "（" + old_route.id + "、" + role.ja +
                             "）を削除（後継: " + NamedJa(replacement) + "）"),
                params);
  c.removes_reference = true;
  return c;
}

Change DeleteOutboundChange(const OutboundServer& s, const Target& t) {
  json params = {{"server_id", s.id},
                 {"address", s.address},
                 {"server_note", s.note},
                 {"reason", "ServerMigration"},
                 {"note", MigrationNote(t)}};
  AddTicket(t, &params);
  Change c = NewChange(
      ChangeKind::kDeleteOutbound, s.id,
      MakeText("Delete old outbound server " + s.address + " (" + s.id + ")",
               "旧送信サーバー " + s.address + "（" + s.id + "）を削除"),
      params);
  c.removes_reference = true;
  return c;
}

Change RemoveAddedRouteChange(const std::string& domain, const Route& r,
                              const Target& t) {
  const Text where = CollectionText(domain);
  json params = RouteRef(domain, r);
  params["reason"] = "CustomerRequest";
  params["note"] = RollbackPrepareNote(t);
  AddTicket(t, &params);
  return NewChange(
      ChangeKind::kRemoveAddedRoute, CollectionId(domain),
      MakeText("Remove " + Named(r) + ", added by prepare, from " + where.en,
               "事前設定で追加した配送サーバー " + NamedJa(r) + " を" +
                   where.ja + "から削除"),
      params);
}

Change RemoveAddedOutboundChange(const OutboundServer& s, const Target& t) {
  json params = {{"server_id", s.id},
                 {"address", s.address},
                 {"reason", "CustomerRequest"},
                 {"note", RollbackPrepareNote(t)}};
  AddTicket(t, &params);
  return NewChange(ChangeKind::kRemoveAddedOutbound, s.id,
                   MakeText("Remove outbound server " + s.address + " (" +
                                s.id + "), added by prepare",
                            "事前設定で追加した送信サーバー " + s.address +
                                "（" + s.id + "）を削除"),
                   params);
}

Change PlaceRouteChange(const std::string& domain, const std::string& address,
                        int port, const std::string& role,
                        const Anchor& anchor) {
  const std::string ep = Endpoint(address, port);
  const Text where = CollectionText(domain);
  const Text to = AnchorText(anchor, role);
  return NewChange(ChangeKind::kPlaceRoute, CollectionId(domain),
                   MakeText("Move " + ep + " " + to.en + " in " + where.en,
                            where.ja + "で " + ep + " を" + to.ja + "移動"),
                   {{"domain", domain},
                    {"address", address},
                    {"port", port},
                    {"role", role},
                    {"anchor", AnchorToJson(anchor)}});
}

Change JoinNamedRouteChange(const std::string& name, const std::string& address,
                            int port, const Anchor& anchor) {
  const std::string ep = Endpoint(address, port);
  const Text to = AnchorText(anchor, kFailover);
  return NewChange(
      ChangeKind::kJoinNamedRoute, NamedId(name),
      MakeText(
          "Add " + ep + " to the named route " + name + ", " + to.en,
          "名前付きルート " + name + " に " + ep + " を追加（" + to.ja + "）"),
      {{"name", name},
       {"address", address},
       {"port", port},
       {"anchor", AnchorToJson(anchor)}});
}

Change LeaveNamedRouteChange(const std::string& name, const Route& route,
                             int position, const std::string& replacement) {
  return NewChange(
      ChangeKind::kLeaveNamedRoute, NamedId(name),
      MakeText("Take " + Named(route) + " out of the named route " + name +
                   " (" + replacement + " stays in it)",
               "名前付きルート " + name + " から " + NamedJa(route) +
                   " を外す（" + replacement + " は残ります）"),
      {{"name", name},
       {"route_id", route.id},
       {"address", route.address},
       {"port", route.port},
       {"position", position},
       {"replacement", replacement}});
}

}  // namespace ess
}  // namespace renumber
