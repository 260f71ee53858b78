// The simulated customers' DNS: the zones the DNS simulator (dns_sim.h)
// serves for the domains the vendor simulators hold (SimCluster::
// AccountDomains: ESS domains, CDN service domains), deterministic like
// the seeded world (world.h).
//
// Per customer C-100NN (index i), the zone cNNNNN.example.jp holds every
// domain of its accounts (a domain outside it gets a zone of its own):
// - name servers: i % 3 == 0 Zenlogic's (ns1/ns2.zenlogic.jp), else other
//   name servers (ns1/ns2.other-dns.example or ns.example-cloud.example);
// - the zone's apex A (AAAA for IPv6 customers) at the old IP;
// - the domains of a mail service (ServiceSpec::domains kMail; ESS): MX to
//   the service's cloud (mx1/mx2.<service>-cloud.example);
//   the apex's SPF by i % 7: 1 and 4 only the old IP, 5 "a mx" (the old IP
//   and the ESS cloud: not authorised), the others the old IP and
//   include:_spf.zenlogic.jp (which covers the new ranges: authorised);
//   every fifth customer (i % 5 == 4) has none; the other mail domains
//   "redirect=" to the apex's (none when it has none);
// - the domains of a web service (kWeb; the CDN) not given an address
//   above: at the CDN's edge (192.0.2.80) for even i, at the old IP for odd
//   i (a site that bypasses the CDN);
// - customers without a mail service: MX mail.cNNNNN.example.jp, at the
//   old IP;
// - reverse DNS of the new IP: mail-NNNNN.zenlogic.jp, which resolves
//   back, except for the second customer (i == 1), whose PTR is missing.
// Plus the zone zenlogic.jp (its name servers, _spf, the mail-* hosts),
// each mail service's cloud zone (its MX hosts), the reverse zones of the new
// IPs, and a DNS blocklist, kSimDnsblZone, that lists the third customer's new
// IP (i == 2, IPv4: 127.0.0.2 and a TXT reason; RFC 5782).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_SIM_DNS_WORLD_H_
#define RENUMBER_SIM_DNS_WORLD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/sim/world.h"

namespace renumber {

// The simulator's own record: owner name, RFC 1035 type number, and the
// value in master-file style ("198.18.0.10", "10 mx1.example", "v=spf1 ...",
// "ns1.zenlogic.jp"). Names lower case, no trailing dot.
struct SimDnsRecord {
  std::string name;
  uint16_t type = 0;
  std::string value;
};

struct SimDnsZone {
  std::string origin;
  std::vector<SimDnsRecord> records;  // the apex NS records included
};

namespace dns_type {
constexpr uint16_t kA = 1, kNs = 2, kSoa = 6, kPtr = 12, kMx = 15, kTxt = 16,
                   kAaaa = 28;
}  // namespace dns_type

// "C-10001/ess" -> the account's domains (SimCluster::AccountDomains).
using SimAccountDomains = std::map<std::string, std::vector<std::string>>;

std::vector<SimDnsZone> SimDnsZones(const std::vector<SimCustomer>& customers,
                                    const SimAccountDomains& domains);

// A --domains file for `renumber preflight` ("C-10001/ess c10001.example.jp
// shop01.c10001.example.jp"), in customer order.
std::string SimDomainsFile(const std::vector<SimCustomer>& customers,
                           const SimAccountDomains& domains);

// The world's DNS blocklist zone (renumber preflight --dnsbl).
constexpr const char* kSimDnsblZone = "dnsbl.example";

// The provider's name servers in this world.
inline std::vector<std::string> SimProviderNameServers() {
  return {"ns1.zenlogic.jp", "ns2.zenlogic.jp"};
}

}  // namespace renumber

#endif  // RENUMBER_SIM_DNS_WORLD_H_
