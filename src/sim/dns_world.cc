#include "src/sim/dns_world.h"

#include <cstdio>
#include <map>

#include "src/core/ip.h"
#include "src/model/service.h"

namespace renumber {
namespace {

using namespace dns_type;  // NOLINT: the record types read better bare

std::string Number(const SimCustomer& c) {
  return c.id.size() > 2 ? c.id.substr(2) : c.id;
}

std::string MainDomain(const SimCustomer& c) {
  return "c" + Number(c) + ".example.jp";
}

bool IsV6(const std::string& ip) { return ip.find(':') != std::string::npos; }

uint16_t AddressType(const std::string& ip) { return IsV6(ip) ? kAaaa : kA; }

std::string Mechanism(const std::string& ip) {
  return (IsV6(ip) ? "ip6:" : "ip4:") + ip;
}

std::vector<std::string> NameServers(const SimCustomer& c) {
  switch (c.index % 3) {
    case 0:
      return SimProviderNameServers();
    case 1:
      return {"ns1.other-dns.example", "ns2.other-dns.example"};
    default:
      return {"ns.example-cloud.example"};
  }
}

// "" when the customer has no SPF record.
std::string SpfRecord(const SimCustomer& c) {
  if (c.index % 5 == 4) return "";
  switch (c.index % 7) {
    case 1:
    case 4:
      return "v=spf1 " + Mechanism(c.old_ip) + " -all";
    case 5:
      return "v=spf1 a mx ~all";
    default:
      return "v=spf1 " + Mechanism(c.old_ip) + " include:_spf.zenlogic.jp ~all";
  }
}

// The PTR name of the new IP (in the provider's zone).
std::string MailHost(const SimCustomer& c) {
  return "mail-" + Number(c) + ".zenlogic.jp";
}

// Reverse names and zones, written here on their own (RFC 1035 §3.5,
// RFC 3596 §2.5): the simulator shares no DNS code with the client.
std::string ReverseName(const std::string& text) {
  auto ip = IpAddress::Parse(text);
  if (!ip.ok()) return "";
  const auto& b = ip->bytes16();
  char buf[8];
  std::string out;
  if (!IsV6(text)) {
    for (int i = 15; i >= 12; --i) out += std::to_string(b[i]) + ".";
    return out + "in-addr.arpa";
  }
  for (int i = 15; i >= 0; --i) {
    std::snprintf(buf, sizeof buf, "%x.%x.", b[i] & 0xf, b[i] >> 4);
    out += buf;
  }
  return out + "ip6.arpa";
}

// The reverse zone holding a name: the /16 for IPv4 ("19.198.in-addr.arpa"),
// the /48 for IPv6 (12 nibbles).
std::string ReverseZone(const std::string& reverse_name) {
  size_t labels =
      reverse_name.size() >= 9 &&
              reverse_name.compare(reverse_name.size() - 8, 8, "ip6.arpa") == 0
          ? 12 + 2
          : 2 + 2;
  size_t pos = reverse_name.size();
  for (size_t n = 0; n < labels && pos != std::string::npos; ++n)
    pos = pos == 0 ? std::string::npos : reverse_name.rfind('.', pos - 1);
  return pos == std::string::npos ? reverse_name : reverse_name.substr(pos + 1);
}

// True when `name` is `zone` or below it (written here on its own: the
// simulator shares no DNS code with the client).
bool InZone(const std::string& name, const std::string& zone) {
  return name == zone ||
         (name.size() > zone.size() &&
          name.compare(name.size() - zone.size(), zone.size(), zone) == 0 &&
          name[name.size() - zone.size() - 1] == '.');
}

const std::vector<std::string>& DomainsOf(const SimAccountDomains& domains,
                                          const std::string& key) {
  static const std::vector<std::string> kNone;
  auto it = domains.find(key);
  return it == domains.end() ? kNone : it->second;
}

// The customer's zones: the main one, and one per domain outside it.
class CustomerZones {
 public:
  explicit CustomerZones(const SimCustomer& c) : c_(c) { Zone(MainDomain(c)); }

  SimDnsZone& Zone(const std::string& name) {
    for (SimDnsZone& z : zones_)
      if (InZone(name, z.origin)) return z;
    zones_.push_back({name, {}});
    for (const std::string& ns : NameServers(c_))
      zones_.back().records.push_back({name, kNs, ns});
    return zones_.back();
  }

  // Adds a record once.
  void Add(const std::string& name, uint16_t type, const std::string& value) {
    SimDnsZone& z = Zone(name);
    for (const SimDnsRecord& r : z.records)
      if (r.name == name && r.type == type && r.value == value) return;
    z.records.push_back({name, type, value});
  }

  bool Has(const std::string& name, uint16_t type) {
    for (const SimDnsRecord& r : Zone(name).records)
      if (r.name == name && r.type == type) return true;
    return false;
  }

  std::vector<SimDnsZone> Take() { return std::move(zones_); }

 private:
  const SimCustomer& c_;
  std::vector<SimDnsZone> zones_;
};

// The registered services whose domains are of `use`, in registration
// order.
std::vector<Service> ServicesFor(DomainUse use) {
  std::vector<Service> out;
  for (Service s : RegisteredServices())
    if (s.spec().domains == use) out.push_back(s);
  return out;
}

// A mail service's cloud, whose inbound hosts its customers' MX records
// name: "ess-cloud.example".
std::string MailCloud(Service s) { return s.name() + "-cloud.example"; }

void CustomerZone(const SimCustomer& c, const SimAccountDomains& domains,
                  std::vector<SimDnsZone>* out) {
  const std::string main = MainDomain(c);
  const std::string spf = SpfRecord(c);
  CustomerZones zones(c);
  zones.Add(main, AddressType(c.old_ip), c.old_ip);
  // Mail services' domains first: their MX records name the service's
  // cloud; then web services' domains that have no address yet.
  for (Service s : ServicesFor(DomainUse::kMail))
    for (const std::string& d : DomainsOf(domains, c.id + "/" + s.name())) {
      zones.Add(d, kMx, "10 mx1." + MailCloud(s));
      zones.Add(d, kMx, "20 mx2." + MailCloud(s));
      if (spf.empty()) continue;
      zones.Add(d, kTxt, d == main ? spf : "v=spf1 redirect=" + main);
    }
  for (Service s : ServicesFor(DomainUse::kWeb))
    for (const std::string& d : DomainsOf(domains, c.id + "/" + s.name())) {
      if (zones.Has(d, kA) || zones.Has(d, kAaaa)) continue;
      if (c.index % 2 == 0)
        zones.Add(d, kA, "192.0.2.80");  // the CDN's edge
      else
        zones.Add(d, AddressType(c.old_ip), c.old_ip);
    }
  if (!zones.Has(main, kMx)) {
    zones.Add(main, kMx, "10 mail." + main);
    zones.Add("mail." + main, AddressType(c.old_ip), c.old_ip);
  }
  zones.Add(main, kTxt, "sim-verification=" + Number(c));
  for (SimDnsZone& z : zones.Take()) out->push_back(std::move(z));
}

SimDnsZone ProviderZone(const std::vector<SimCustomer>& customers) {
  SimDnsZone z{"zenlogic.jp", {}};
  for (const std::string& ns : SimProviderNameServers()) {
    z.records.push_back({"zenlogic.jp", kNs, ns});
    z.records.push_back({ns, kA, ns[2] == '1' ? "192.0.2.53" : "192.0.2.54"});
  }
  z.records.push_back({"_spf.zenlogic.jp", kTxt,
                       "v=spf1 ip4:198.19.0.0/16 ip6:2001:db8:b::/48 -all"});
  for (const SimCustomer& c : customers)
    z.records.push_back({MailHost(c), AddressType(c.new_ip), c.new_ip});
  return z;
}

// A mail service's cloud: the inbound hosts its customers' MX records name
// (so that "mx" in an SPF record resolves).
SimDnsZone MailCloudZone(Service s) {
  const std::string origin = MailCloud(s);
  return {origin,
          {{origin, kNs, "ns1." + origin},
           {"mx1." + origin, kA, "192.0.2.101"},
           {"mx2." + origin, kA, "192.0.2.102"}}};
}

// RFC 5782: a listed address is an A record 127.0.0.x at its reversed
// labels under the list's zone, with the reason in a TXT record there.
SimDnsZone BlocklistZone(const std::vector<SimCustomer>& customers) {
  const std::string zone = kSimDnsblZone;
  SimDnsZone z{zone, {{zone, kNs, "ns." + zone}}};
  for (const SimCustomer& c : customers) {
    if (c.index != 2 || IsV6(c.new_ip)) continue;
    std::string labels = ReverseName(c.new_ip);
    labels.resize(labels.size() - std::string(".in-addr.arpa").size());
    z.records.push_back({labels + "." + zone, kA, "127.0.0.2"});
    z.records.push_back({labels + "." + zone, kTxt,
                         "Listed: https://" + zone + "/lookup?ip=" + c.new_ip});
  }
  return z;
}

}  // namespace

std::vector<SimDnsZone> SimDnsZones(const std::vector<SimCustomer>& customers,
                                    const SimAccountDomains& domains) {
  std::vector<SimDnsZone> zones;
  for (const SimCustomer& c : customers) CustomerZone(c, domains, &zones);
  zones.push_back(ProviderZone(customers));
  for (Service s : ServicesFor(DomainUse::kMail))
    zones.push_back(MailCloudZone(s));
  zones.push_back(BlocklistZone(customers));
  std::map<std::string, SimDnsZone> reverse;
  for (const SimCustomer& c : customers) {
    const std::string name = ReverseName(c.new_ip);
    const std::string origin = ReverseZone(name);
    SimDnsZone& z = reverse[origin];
    if (z.origin.empty()) {
      z.origin = origin;
      for (const std::string& ns : SimProviderNameServers())
        z.records.push_back({origin, kNs, ns});
    }
    if (c.index != 1) z.records.push_back({name, kPtr, MailHost(c)});
  }
  for (auto& [origin, z] : reverse) zones.push_back(std::move(z));
  return zones;
}

std::string SimDomainsFile(const std::vector<SimCustomer>& customers,
                           const SimAccountDomains& domains) {
  std::string out =
      "# The simulated customers' domains, for renumber preflight --domains\n";
  for (const SimCustomer& c : customers)
    for (Service s : RegisteredServices()) {
      const std::string key = c.id + "/" + s.name();
      const std::vector<std::string>& names = DomainsOf(domains, key);
      if (names.empty()) continue;
      out += key;
      for (const std::string& n : names) out += " " + n;
      out += "\n";
    }
  return out;
}

}  // namespace renumber
