// The simulated customers' DNS: the zones the DNS simulator (dns_sim.h)
// serves and the domains preflight checks, derived from the seeded world
// (world.h), deterministic like it.
//
// Per customer C-100NN (index i):
// - domains: ESS customers the mail domain cNNNNN.example.jp (the ESS
//   simulator's main domain), CDN customers the web domain
//   www.cNNNNN.example.jp;
// - name servers: i % 3 == 0 Zenlogic's (ns1/ns2.zenlogic.jp), else other
//   name servers (ns1/ns2.other-dns.example or ns.example-cloud.example);
// - the domain's and www's A (AAAA for IPv6 customers) at the old IP; MX:
//   ESS customers the ESS cloud (mx1.ess-cloud.example), others
//   mail.cNNNNN.example.jp at the old IP;
// - SPF (ESS customers), by i % 7: 1 and 4 only the old IP, 5 "a mx"
//   (the old IP and the ESS cloud: not authorised), the others the old IP
//   and include:_spf.zenlogic.jp (which covers the new ranges:
//   authorised); every fifth customer (i % 5 == 4) has none;
// - reverse DNS of the new IP: mail-NNNNN.zenlogic.jp, which resolves
//   back, except for the second customer (i == 1), whose PTR is missing.
// Plus the zone zenlogic.jp (its name servers, _spf, the mail-* hosts),
// the ESS cloud's zone (its MX hosts) and the reverse zones of the new
// IPs.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_SIM_DNS_WORLD_H_
#define RENUMBER_SIM_DNS_WORLD_H_

#include <cstdint>
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

std::vector<SimDnsZone> SimDnsZones(const std::vector<SimCustomer>& customers);

// The domains of one of the customer's accounts ("ess" or "cdn").
std::vector<std::string> SimDomains(const SimCustomer& c, bool ess);

// A --domains file for `customers` ("C-10001/ess c10001.example.jp").
std::string SimDomainsFile(const std::vector<SimCustomer>& customers);

// The provider's name servers in this world.
inline std::vector<std::string> SimProviderNameServers() {
  return {"ns1.zenlogic.jp", "ns2.zenlogic.jp"};
}

}  // namespace renumber

#endif  // RENUMBER_SIM_DNS_WORLD_H_
