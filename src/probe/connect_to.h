// Where to connect instead of an origin's own address, like curl's
// --connect-to: for probing an origin through a tunnel or port forward,
// and for the simulators, whose origins listen on free loopback ports.
// Only the TCP destination changes: the Host header, SNI and certificate
// checks of a probe stay those of the origin.
//
// File format (`--connect-to FILE`), one mapping a line, '#' comments and
// blank lines ignored:
//   ORIGIN_IP ORIGIN_PORT CONNECT_IP CONNECT_PORT
//   198.18.0.10 443 127.0.0.1 40123
// IPs in canonical form (IPv6 without brackets); ports 1-65535; an origin
// listed twice is an error. Errors name the file and line.
//
// Values; thread-safe once built.
#ifndef RENUMBER_PROBE_CONNECT_TO_H_
#define RENUMBER_PROBE_CONNECT_TO_H_

#include <map>
#include <string>
#include <utility>

#include "src/core/status.h"

namespace renumber {

struct Endpoint {
  std::string ip;  // canonical text
  int port = 0;
  friend bool operator<(const Endpoint& a, const Endpoint& b) {
    return std::tie(a.ip, a.port) < std::tie(b.ip, b.port);
  }
  friend bool operator==(const Endpoint& a, const Endpoint& b) {
    return a.ip == b.ip && a.port == b.port;
  }
};

class ConnectToMap {
 public:
  static Result<ConnectToMap> Parse(const std::string& text,
                                    const std::string& origin);
  // Adds one mapping (kInvalidArgument when `from` is mapped already).
  Status Add(const Endpoint& from, const Endpoint& to);
  // Where to connect for `origin`: its mapping, or itself.
  Endpoint Resolve(const Endpoint& origin) const;
  // The file text of this map (Parse reads it back).
  std::string ToText() const;
  bool empty() const { return map_.empty(); }

 private:
  std::map<Endpoint, Endpoint> map_;
};

}  // namespace renumber

#endif  // RENUMBER_PROBE_CONNECT_TO_H_
