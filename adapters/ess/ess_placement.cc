#include "adapters/ess/ess_placement.h"

#include <vector>

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;

// The routes of `role`, in order.
std::vector<const Route*> OfRole(const RouteCollection& c,
                                 const std::string& role) {
  std::vector<const Route*> out;
  for (const Route& r : c.routes)
    if (r.role == role) out.push_back(&r);
  return out;
}

bool Same(const std::string& a, const std::string& b) {
  auto ia = IpAddress::Parse(a);
  auto ib = IpAddress::Parse(b);
  if (ia.ok() && ib.ok()) return *ia == *ib;
  return a == b;
}

}  // namespace

json AnchorToJson(const Anchor& a) {
  switch (a.relation) {
    case Anchor::Relation::kFirst:
      return {{"relation", "first"}};
    case Anchor::Relation::kAfter:
      return {{"relation", "after"}, {"address", a.address}};
    case Anchor::Relation::kBefore:
      return {{"relation", "before"}, {"address", a.address}};
  }
  return nullptr;
}

Result<Anchor> AnchorFromJson(const json& j) {
  if (!j.is_object() || !j.contains("relation") || !j["relation"].is_string())
    return Status::Internal("anchor: no relation",
                            "配置の基準: 位置関係の指定がありません");
  const std::string rel = j["relation"];
  if (rel == "first") return Anchor::First();
  auto a = j.find("address");
  if (a == j.end() || !a->is_string())
    return Status::Internal("anchor: no address",
                            "配置の基準: アドレスがありません");
  if (rel == "after") return Anchor::After(a->get<std::string>());
  if (rel == "before") return Anchor::Before(a->get<std::string>());
  return Status::Internal("anchor: unknown relation " + rel,
                          "配置の基準: 不明な位置関係 " + rel + " です");
}

std::optional<Anchor> NewRouteAnchor(const Route& old_route,
                                     const Route& new_route) {
  if (old_route.primary())
    return new_route.primary() ? Anchor::Before(old_route.address)
                               : Anchor::First();
  if (new_route.primary()) return std::nullopt;
  return Anchor::After(old_route.address);
}

int RolePosition(const RouteCollection& c, const std::string& id) {
  int n = 0;
  for (const Route& r : c.routes) {
    if (r.id == id) {
      for (const Route& x : c.routes) {
        if (&x == &r) return n + 1;
        if (x.role == r.role) ++n;
      }
    }
  }
  return 0;
}

int PositionFor(const RouteCollection& c, const Route& route,
                const Anchor& anchor) {
  std::vector<const Route*> list = OfRole(c, route.role);
  int current = -1;
  std::vector<const Route*> others;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i]->id == route.id) {
      current = static_cast<int>(i);
    } else {
      others.push_back(list[i]);
    }
  }
  if (current < 0) return -1;
  int target = 0;
  if (anchor.relation != Anchor::Relation::kFirst) {
    int j = -1;
    for (size_t i = 0; i < others.size(); ++i)
      if (Same(others[i]->address, anchor.address)) j = static_cast<int>(i);
    if (j < 0) return -1;
    target = anchor.relation == Anchor::Relation::kAfter ? j + 1 : j;
  }
  return target == current ? 0 : target + 1;
}

bool NewRoutePlaced(const RouteCollection& c, const Route& old_route,
                    const Route& new_route) {
  std::optional<Anchor> anchor = NewRouteAnchor(old_route, new_route);
  return anchor && PositionFor(c, new_route, *anchor) == 0;
}

int NamedPositionFor(const NamedRoute& n, Anchor::Relation relation,
                     const std::string& anchor_id) {
  if (relation == Anchor::Relation::kFirst) return 1;
  int j = IndexIn(n, anchor_id);
  if (j < 0) return -1;
  return relation == Anchor::Relation::kAfter ? j + 2 : j + 1;
}

}  // namespace ess
}  // namespace renumber
