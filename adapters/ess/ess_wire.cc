#include "adapters/ess/ess_wire.h"

#include "src/core/json_depth.h"
#include "src/http/message.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

Result<std::string> StringField(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string())
    return Status::Internal(
        std::string("field \"") + name + "\" missing or not a string",
        std::string("項目 \"") + name + "\" がないか、文字列ではありません");
  return it->get<std::string>();
}

std::string OptionalString(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<std::optional<LastCheck>> LastCheckFromJson(const json& j) {
  auto it = j.find("last_check");
  if (it == j.end() || it->is_null()) return std::optional<LastCheck>();
  if (!it->is_object())
    return Status::Internal("field \"last_check\" is not an object",
                            "項目 \"last_check\" がオブジェクトではありません");
  LastCheck check;
  RN_ASSIGN_OR_RETURN(std::string at, StringField(*it, "at"));
  RN_ASSIGN_OR_RETURN(check.at, Timestamp::ParseRfc3339(at));
  RN_ASSIGN_OR_RETURN(check.result, StringField(*it, "result"));
  check.detail = OptionalString(*it, "detail");
  return std::optional<LastCheck>(check);
}

template <typename T, typename F>
Result<std::vector<T>> ArrayField(const json& body, const char* name, F each) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_array())
    return Status::Internal(
        std::string("field \"") + name + "\" missing or not an array",
        std::string("項目 \"") + name + "\" がないか、配列ではありません");
  std::vector<T> out;
  for (const json& item : *it) {
    RN_ASSIGN_OR_RETURN(T value, each(item));
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

std::string CollectionPath(const std::string& domain) {
  if (domain.empty()) return "/v1/inbound-routes";
  return "/v1/domains/" + UrlEncode(domain) + "/inbound-routes";
}

std::string RouteActionPath(const std::string& id, const std::string& action) {
  return "/v1/inbound-routes/" + UrlEncode(id) + "/" + action;
}

std::string OutboundDeletePath(const std::string& id) {
  return std::string(kOutboundPath) + "/" + UrlEncode(id) + "/delete";
}

std::string NamedRouteAddPath(const std::string& name) {
  return std::string(kNamedRoutesPath) + "/" + UrlEncode(name) + "/routes";
}

std::string NamedRouteRemovePath(const std::string& name,
                                 const std::string& id) {
  return NamedRouteAddPath(name) + "/" + UrlEncode(id) + "/remove";
}

Result<json> ParseJsonBody(const std::string& body) {
  // Bounded (json_depth.h): the transport refuses deeper answers already,
  // but a decoder never relies on who called it.
  auto j = ParseBoundedJson(body);
  if (!j.ok() || !j->is_object())
    return Status::Internal("malformed JSON in the response (" +
                                std::to_string(body.size()) + " bytes)",
                            "応答の JSON の形式が正しくありません（" +
                                std::to_string(body.size()) + " バイト）");
  return j;
}

Result<Route> RouteFromJson(const json& j) {
  if (!j.is_object())
    return Status::Internal("a route is not an object",
                            "配送サーバーの情報がオブジェクトではありません");
  Route r;
  RN_ASSIGN_OR_RETURN(r.id, StringField(j, "id"));
  RN_ASSIGN_OR_RETURN(r.address, StringField(j, "address"));
  auto port = j.find("port");
  if (port != j.end() && !port->is_null()) {
    if (!port->is_number_integer())
      return Status::Internal(
          "route " + r.id + ": port is not an integer",
          "配送サーバー " + r.id + ": ポートが整数ではありません");
    r.port = port->get<int>();
  }
  RN_ASSIGN_OR_RETURN(r.role, StringField(j, "role"));
  if (r.role != kPrimary && r.role != kFailover)
    return Status::Internal(
        "route " + r.id + ": unknown role " + r.role,
        "配送サーバー " + r.id + ": 不明な役割 " + r.role + " です");
  auto order = j.find("order");
  if (order != j.end() && order->is_number_integer())
    r.order = order->get<int>();
  RN_ASSIGN_OR_RETURN(r.last_check, LastCheckFromJson(j));
  auto can = j.find("can_promote");
  r.can_promote = can != j.end() && can->is_boolean() && can->get<bool>();
  return r;
}

Result<OutboundServer> OutboundFromJson(const json& j) {
  if (!j.is_object())
    return Status::Internal("an outbound server is not an object",
                            "送信サーバーの情報がオブジェクトではありません");
  OutboundServer s;
  RN_ASSIGN_OR_RETURN(s.id, StringField(j, "id"));
  RN_ASSIGN_OR_RETURN(s.address, StringField(j, "address"));
  s.note = OptionalString(j, "note");
  return s;
}

Result<RouteCollection> RouteCollectionFromJson(const json& body,
                                                const std::string& domain) {
  RouteCollection c;
  c.domain = domain;
  c.etag = OptionalString(body, "etag");
  RN_ASSIGN_OR_RETURN(c.routes,
                      ArrayField<Route>(body, "routes", RouteFromJson));
  return c;
}

Result<OutboundList> OutboundListFromJson(const json& body) {
  OutboundList l;
  l.etag = OptionalString(body, "etag");
  RN_ASSIGN_OR_RETURN(
      l.servers, ArrayField<OutboundServer>(body, "servers", OutboundFromJson));
  return l;
}

Result<DomainPage> DomainPageFromJson(const json& body) {
  DomainPage page;
  auto total = body.find("total");
  if (total == body.end() || !total->is_number_integer())
    return Status::Internal("field \"total\" missing or not an integer",
                            "項目 \"total\" がないか、整数ではありません");
  page.total = total->get<int>();
  auto each = [](const json& j) -> Result<Domain> {
    if (!j.is_object())
      return Status::Internal("a domain is not an object",
                              "ドメインの情報がオブジェクトではありません");
    Domain d;
    RN_ASSIGN_OR_RETURN(d.name, StringField(j, "name"));
    RN_ASSIGN_OR_RETURN(d.route_mode, StringField(j, "route_mode"));
    return d;
  };
  RN_ASSIGN_OR_RETURN(page.domains, ArrayField<Domain>(body, "domains", each));
  return page;
}

Result<NamedRouteList> NamedRouteListFromJson(const json& body) {
  NamedRouteList list;
  list.etag = OptionalString(body, "etag");
  auto each = [](const json& j) -> Result<NamedRoute> {
    if (!j.is_object())
      return Status::Internal(
          "a named route is not an object",
          "名前付きルートの情報がオブジェクトではありません");
    NamedRoute n;
    RN_ASSIGN_OR_RETURN(n.name, StringField(j, "name"));
    auto routes = j.find("routes");
    if (routes == j.end() || !routes->is_array())
      return Status::Internal(
          "named route " + n.name + ": no route list",
          "名前付きルート " + n.name + ": 配送サーバーの一覧がありません");
    for (const json& id : *routes) {
      if (!id.is_string())
        return Status::Internal(
            "named route " + n.name + ": a route id is not a string",
            "名前付きルート " + n.name +
                ": 配送サーバーの ID が文字列ではありません");
      n.routes.push_back(id.get<std::string>());
    }
    return n;
  };
  RN_ASSIGN_OR_RETURN(list.named,
                      ArrayField<NamedRoute>(body, "named_routes", each));
  return list;
}

bool AddressIs(const std::string& address, const IpAddress& ip) {
  auto parsed = IpAddress::Parse(address);
  return parsed.ok() && *parsed == ip;
}

bool IsHostName(const std::string& address) {
  if (address.find('/') != std::string::npos) return false;
  return !IpAddress::Parse(address).ok();
}

bool CidrContains(const std::string& address, const IpAddress& ip) {
  if (address.find('/') == std::string::npos) return false;
  auto cidr = Cidr::Parse(address);
  return cidr.ok() && cidr->Contains(ip);
}

bool HasFreshPass(const Route& route, Timestamp now) {
  if (!route.last_check || route.last_check->result != "PASS") return false;
  return now - route.last_check->at <= kCheckFreshness;
}

}  // namespace ess
}  // namespace renumber
