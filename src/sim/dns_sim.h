// SimDns: a small authoritative DNS server on loopback UDP, answering from
// zones (usually SimDnsZones of the seeded world, dns_world.h), for
// `renumber demo` and tests. Written from RFC 1035 on its own
// (dns_sim_wire.h): it shares no wire code with the c-ares client.
//
// Answers like an authoritative server: the records of the asked type
// (AA set); NODATA (NOERROR, no answer, the zone's SOA in authority) for a
// name that exists without that type; NXDOMAIN (with the SOA) for a name
// that does not exist in a zone it serves; REFUSED for names outside its
// zones; FORMERR for malformed queries. UDP only: answers over 512 bytes
// are sent truncated (TC), so the zones keep them small.
//
// Threads: serves on a thread of its own; every method is thread-safe.
// Stop() (or the destructor) before main returns.
#ifndef RENUMBER_SIM_DNS_SIM_H_
#define RENUMBER_SIM_DNS_SIM_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "src/core/status.h"
#include "src/sim/dns_world.h"

namespace renumber {

struct SimDnsOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 literal
  int port = 0;                    // 0: a free port
};

class SimDns {
 public:
  // kInvalidArgument for a bad host or a zone value it cannot encode,
  // kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<SimDns>> Start(std::vector<SimDnsZone> zones,
                                               const SimDnsOptions& options);
  ~SimDns();
  void Stop();

  // "127.0.0.1:5353" / "[::1]:5353", for --dns-server.
  std::string address() const;
  int port() const { return port_; }
  long queries() const { return queries_.load(); }

  // The answer to one query packet ("" when it is not worth an answer).
  std::string Answer(const std::string& packet) const;

 private:
  SimDns() = default;
  Status Load(std::vector<SimDnsZone> zones);
  void Serve();

  std::string host_;
  int port_ = 0;
  int fd_ = -1;
  int stop_fd_ = -1;
  std::atomic<long> queries_{0};
  std::thread thread_;
  // Zone origin -> its SOA RDATA; owner name -> (type, RDATA) in order.
  std::map<std::string, std::string> soa_;
  std::map<std::string, std::vector<std::pair<uint16_t, std::string>>> rrs_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_DNS_SIM_H_
