#include "adapters/cdn/simulator/routing.h"

#include <algorithm>
#include <map>
#include <regex>

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Names custom VCL and snippets assign to req.backend, in order.
std::vector<std::string> Selected(const Version& v) {
  static const std::regex kSet(R"(req\.backend\s*=\s*([A-Za-z0-9_]+))");
  std::vector<std::string> out;
  auto scan = [&out](const std::string& text) {
    for (std::sregex_iterator it(text.begin(), text.end(), kSet), end;
         it != end; ++it)
      if (std::find(out.begin(), out.end(), (*it)[1].str()) == out.end())
        out.push_back((*it)[1].str());
  };
  for (const Vcl& x : v.vcls) scan(x.content);
  for (const Snippet& x : v.snippets) scan(x.content);
  return out;
}

// Backends defined in custom VCL: name -> .host.
std::vector<std::pair<std::string, std::string>> VclBackends(const Version& v) {
  static const std::regex kBackend(
      R"(backend\s+([A-Za-z0-9_]+)\s*\{([^}]*)\})");
  static const std::regex kHost(R"(\.host\s*=\s*\"([^\"]*)\")");
  std::vector<std::pair<std::string, std::string>> out;
  for (const Vcl& x : v.vcls) {
    for (std::sregex_iterator it(x.content.begin(), x.content.end(), kBackend),
         end;
         it != end; ++it) {
      std::smatch host;
      const std::string body = (*it)[2].str();
      if (std::regex_search(body, host, kHost))
        out.emplace_back((*it)[1].str(), host[1].str());
    }
  }
  return out;
}

class Router {
 public:
  Router(const Service& s, const Version& v, const Health& h)
      : s_(s), v_(v), h_(h) {}

  RouteReport Run() {
    if (s_.type == "wasm") {
      RouteClass c{"compute", {}, {}, "code", false, 0, 100};
      for (const Backend& b : v_.backends) Add(&c, b);
      Push(std::move(c));
      return std::move(report_);
    }
    Default();
    Conditions();
    for (const std::string& name : Selected(v_)) SelectedTarget(name);
    for (const auto& [name, host] : VclBackends(v_)) {
      RouteClass c{"vcl:" + name, {name}, {host}, "custom VCL", false, 0, 100};
      Push(std::move(c));
    }
    return std::move(report_);
  }

 private:
  bool Down(const Backend& b) const {
    if (!b.healthcheck) return false;  // nothing tells the CDN it is down
    auto down_alone = [this](const Backend& x) {
      if (h_.up_backends.count(x.name)) return false;
      return h_.down_backends.count(x.name) > 0 ||
             h_.down_addresses.count(x.address) > 0;
    };
    if (down_alone(b)) return true;
    if (!b.share_key) return false;
    for (const Backend& other : v_.backends)
      if (other.share_key == b.share_key && down_alone(other)) return true;
    return false;
  }

  static void Add(RouteClass* c, const Backend& b) {
    c->backends.push_back(b.name);
    if (std::find(c->addresses.begin(), c->addresses.end(), b.address) ==
        c->addresses.end())
      c->addresses.push_back(b.address);
  }

  void Push(RouteClass c) {
    if (!c.down)
      for (const std::string& a : c.addresses) report_.addresses.insert(a);
    report_.classes.push_back(std::move(c));
  }

  void Default() {
    RouteClass c{"default", {}, {}, "only", false, 0, 100};
    int units = 0;
    bool pool = false, pool_up = false;
    for (const Backend& b : v_.backends) {
      if (!b.request_condition.empty()) continue;
      if (b.auto_loadbalance) {
        pool = true;
        if (!Down(b)) {
          Add(&c, b);
          pool_up = true;
        }
      } else {
        ++units;
        Add(&c, b);
      }
    }
    if (pool) ++units;
    if (units == 0) return;
    c.via = pool && units == 1 ? "auto_loadbalance"
            : units > 1        ? "arbitrary"
                               : "only";
    c.down = units == 1 && pool && !pool_up;
    Push(std::move(c));
  }

  void Conditions() {
    std::map<std::string, RouteClass> by_condition;
    std::vector<std::string> order;
    for (const Backend& b : v_.backends) {
      if (b.request_condition.empty()) continue;
      auto [it, fresh] = by_condition.emplace(
          b.request_condition, RouteClass{"condition:" + b.request_condition,
                                          {},
                                          {},
                                          "condition",
                                          false,
                                          0,
                                          100});
      if (fresh) order.push_back(b.request_condition);
      Add(&it->second, b);
    }
    for (const std::string& name : order) {
      RouteClass& c = by_condition[name];
      if (c.backends.size() > 1) c.via = "condition, arbitrary";
      Push(std::move(c));
    }
  }

  void SelectedTarget(const std::string& name) {
    for (const Director& d : v_.directors)
      if (d.name == name) return DirectorClass(d);
    for (const Pool& p : v_.pools)
      if (p.name == name) return PoolClass(p);
    for (const Backend& b : v_.backends) {
      if ("F_" + b.name != name && b.name != name) continue;
      RouteClass c{"selected:" + b.name, {}, {}, "custom VCL", false, 0, 100};
      Add(&c, b);
      return Push(std::move(c));
    }
  }

  void DirectorClass(const Director& d) {
    RouteClass c{"director:" + d.name, {}, {}, "director", false, d.quorum, 0};
    long total = 0, healthy = 0;
    for (const std::string& member : d.backends) {
      for (const Backend& b : v_.backends) {
        if (b.name != member) continue;
        total += b.weight;
        if (Down(b)) continue;
        healthy += b.weight;
        Add(&c, b);
      }
    }
    Quorum(&c, healthy, total);
    Push(std::move(c));
  }

  void PoolClass(const Pool& p) {
    RouteClass c{"pool:" + p.name, {}, {}, "pool", false, p.quorum, 0};
    long total = 0, healthy = 0;
    auto it = s_.pool_servers.find(p.id);
    if (it != s_.pool_servers.end()) {
      for (const PoolServer& server : it->second) {
        if (server.disabled) continue;
        total += server.weight;
        if (h_.down_addresses.count(server.address)) continue;
        healthy += server.weight;
        c.backends.push_back(server.id);
        c.addresses.push_back(server.address);
      }
    }
    Quorum(&c, healthy, total);
    Push(std::move(c));
  }

  static void Quorum(RouteClass* c, long healthy, long total) {
    c->healthy_percent =
        total > 0 ? static_cast<int>(healthy * 100 / total) : 0;
    c->down = total == 0 || c->healthy_percent < c->quorum;
    if (c->down) {
      c->backends.clear();
      c->addresses.clear();
    }
  }

  const Service& s_;
  const Version& v_;
  const Health& h_;
  RouteReport report_;
};

}  // namespace

RouteReport RouteVersion(const Service& service, const Version& version,
                         const Health& health) {
  return Router(service, version, health).Run();
}

Result<Health> ParseHealth(const std::string& text) {
  Health h;
  if (text.empty()) return h;
  for (const std::string& item : Split(text, ',')) {
    size_t colon = item.rfind(':');
    if (colon == std::string::npos || colon == 0)
      return Status::InvalidArgument("health: '" + item +
                                     "' is not name:up or name:down");
    const std::string name = item.substr(0, colon);
    const std::string state = item.substr(colon + 1);
    if (state == "down")
      h.down_backends.insert(name);
    else if (state == "up")
      h.up_backends.insert(name);
    else
      return Status::InvalidArgument("health: '" + item +
                                     "' must end in :up or :down");
  }
  return h;
}

json RouteToJson(const RouteReport& report) {
  json classes = json::array();
  for (const RouteClass& c : report.classes) {
    json j = {{"class", c.name},
              {"backends", c.backends},
              {"addresses", c.addresses},
              {"via", c.via},
              {"down", c.down}};
    if (c.quorum > 0) {
      j["quorum"] = c.quorum;
      j["healthy_percent"] = c.healthy_percent;
    }
    classes.push_back(j);
  }
  return {
      {"classes", classes},
      {"addresses", json(std::vector<std::string>(report.addresses.begin(),
                                                  report.addresses.end()))}};
}

}  // namespace renumber::cdnsim
