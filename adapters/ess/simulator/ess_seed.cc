#include "adapters/ess/simulator/ess_seed.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "src/core/ip.h"
#include "src/core/random.h"

namespace renumber::ess_sim {
namespace {

using std::chrono::hours;

std::string Number(const SimCustomer& c) {
  return c.id.size() > 2 ? c.id.substr(2) : c.id;
}

std::string MainDomain(const SimCustomer& c) {
  return "c" + Number(c) + ".example.jp";
}

// Other servers of the customer (documentation ranges, never loopback).
std::string OtherIp(const SimCustomer& c, int k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s.%d", k % 2 ? "192.0.2" : "203.0.113",
                (c.index * 7 + k) % 250 + 1);
  return buf;
}

// A /24 (IPv4) or /64 (IPv6) block holding the old IP.
std::string BlockOf(const std::string& ip) {
  auto addr = IpAddress::Parse(ip);
  if (addr.ok() && addr->is_v4()) {
    std::string s = ip.substr(0, ip.rfind('.'));
    return s + ".0/24";
  }
  auto b = addr.ok() ? addr->bytes16() : std::array<uint8_t, 16>{};
  for (int i = 8; i < 16; ++i) b[i] = 0;
  return IpAddress::V6(b).ToString() + "/64";
}

// last_check of the old route, by index % 5: PASS recent, PASS old, never,
// FAIL, PASS recent.
std::optional<Check> SeedCheck(const SimCustomer& c, Timestamp now) {
  switch (c.index % 5) {
    case 0:
    case 4:
      return Check{now - hours(2), "PASS",
                   "220 mx." + MainDomain(c) + " ESMTP"};
    case 1:
      return Check{now - hours(24 * 30), "PASS",
                   "220 mx." + MainDomain(c) + " ESMTP"};
    case 3:
      return Check{now - hours(1), "FAIL", "connection timed out"};
    default:
      return std::nullopt;
  }
}

class Seeder {
 public:
  Seeder(const SimCustomer& c, Timestamp now) : c_(c), now_(now) {
    a_.customer = c.id;
    a_.users.push_back({c.Credential("ess", "username"),
                        c.Credential("ess", "password"), true});
    a_.users.push_back({ViewerUsername(c), ViewerPassword(c), false});
  }

  Account Build() {
    int port = c_.index % 7 == 3 ? 2525 : (c_.index % 11 == 4 ? 587 : 25);
    DefaultRoutes(port);
    Domains();
    Outbounds();
    a_.default_routes.etag = NextEtag(a_, kDefaultCollection);
    a_.outbound.etag = NextEtag(a_, kOutboundCollection);
    a_.named_routes.etag = NextEtag(a_, kNamedCollection);
    std::sort(a_.domains.begin(), a_.domains.end(),
              [](const Domain& x, const Domain& y) { return x.name < y.name; });
    for (Domain& d : a_.domains)
      d.routes.etag = NextEtag(a_, DomainCollection(d.name));
    return std::move(a_);
  }

 private:
  std::string Add(RouteSet& set, const std::string& address, int port,
                  const char* role, std::optional<Check> check = std::nullopt) {
    std::string id = NewRouteId(a_);
    set.routes.push_back({id, address, port, role, check});
    Reorder(set);
    return id;
  }

  void Named(const std::string& name, std::vector<std::string> routes) {
    a_.named_routes.named.push_back({name, std::move(routes)});
  }

  void DefaultRoutes(int port) {
    RouteSet& set = a_.default_routes;
    // (index % 8 == 2 or 6 never has ESS: see SeedCustomers.)
    switch (c_.index % 8) {
      case 1: {  // the old IP the only primary, held alone by a named route
        std::string old =
            Add(set, c_.old_ip, port, "primary", SeedCheck(c_, now_));
        Named("dp-archive", {old});
        break;
      }
      case 3: {  // several primaries and an existing backup failover; the
                 // old route in a named route with another, and a named
                 // route without it
        std::string old =
            Add(set, c_.old_ip, port, "primary", SeedCheck(c_, now_));
        std::string other = Add(set, OtherIp(c_, 0), 25, "primary");
        Add(set, OtherIp(c_, 1), 25, "failover");
        Named("dp-legal", {old, other});
        Named("dp-hr", {other});
        break;
      }
      case 4: {  // a host-name primary (DNS work), the old IP as failover;
                 // a named route holding both, the old one last
        std::string host =
            Add(set, "mail." + MainDomain(c_), port, "primary",
                Check{now_ - hours(3), "PASS", "220 mail." + MainDomain(c_)});
        std::string old =
            Add(set, c_.old_ip, port, "failover", SeedCheck(c_, now_));
        Named("dp-backup", {host, old});
        break;
      }
      case 7: {  // the old IP a backup of another primary, with a second
                 // backup (an archive service) after it; a named route
                 // holding all three, the old one in the middle
        std::string primary = Add(set, OtherIp(c_, 0), 25, "primary");
        std::string old =
            Add(set, c_.old_ip, port, "failover", SeedCheck(c_, now_));
        std::string archive = Add(set, OtherIp(c_, 2), 587, "failover");
        Named("dp-relay", {primary, old, archive});
        break;
      }
      default:  // the old IP as the only primary
        Add(set, c_.old_ip, port, "primary", SeedCheck(c_, now_));
    }
  }

  void AddDomain(const std::string& name, bool custom) {
    Domain d{name, custom ? "custom" : "default", {}};
    if (custom) {
      int k = static_cast<int>(a_.domains.size());
      Add(d.routes, c_.old_ip, k % 3 == 2 ? 587 : 25, "primary",
          SeedCheck(c_, now_));
      // A backup failover in some; the old IP the only route in others.
      if (k % 4 == 1) Add(d.routes, OtherIp(c_, k + 3), 25, "failover");
    }
    a_.domains.push_back(std::move(d));
  }

  void Domains() {
    AddDomain(MainDomain(c_), false);
    int extra;
    if (c_.index == 1) {
      extra = 104;  // 105 domains: two pages at per_page 100
    } else if (c_.index % 10 == 1) {
      extra = 24;  // 25 domains
    } else {
      extra = 1 + c_.index % 3;
    }
    for (int k = 1; k <= extra; ++k) {
      char name[64];
      std::snprintf(name, sizeof name, "%s%02d.c%s.example.jp",
                    k % 2 ? "shop" : "news", k, Number(c_).c_str());
      // Custom routes next to default-mode domains.
      bool custom =
          c_.index % 8 == 1 || c_.index % 8 == 5 ? k % 2 == 1 : k % 10 == 1;
      AddDomain(name, custom && c_.index % 8 != 0);
    }
  }

  void Outbounds() {
    auto& s = a_.outbound.servers;
    if (c_.index % 5 == 2) {
      s.push_back({NewOutboundId(a_), BlockOf(c_.old_ip), "hosting range"});
    } else {
      s.push_back({NewOutboundId(a_), c_.old_ip, "web01"});
    }
    if (c_.index % 3 == 0)
      s.push_back({NewOutboundId(a_), OtherIp(c_, 5), "office"});
  }

  const SimCustomer& c_;
  Timestamp now_;
  Account a_;
};

}  // namespace

std::string ViewerUsername(const SimCustomer& c) {
  return "viewer@c" + Number(c) + ".example.jp";
}

std::string ViewerPassword(const SimCustomer& c) {
  uint64_t seed = 0x5eed;
  for (unsigned char ch : c.id) seed = seed * 131 + ch;
  FakeRandom rng(seed);
  return "sim-ess-view-" + rng.Hex(8);
}

std::vector<Account> SeedAccounts(const std::vector<SimCustomer>& customers,
                                  Timestamp now) {
  std::vector<Account> out;
  for (const SimCustomer& c : customers) {
    if (c.Has("ess")) out.push_back(Seeder(c, now).Build());
  }
  return out;
}

}  // namespace renumber::ess_sim
