// Test support: a real authoritative DNS server (NSD, Debian package
// `nsd`) on a free loopback port, serving zones the test writes.
//
// Why NSD rather than dnsmasq: NSD is authoritative only and serves
// ordinary zone files, so a test writes exactly the records a customer's
// zone holds (NS at the apex, MX, multi-string TXT, PTR in a reverse
// zone) and gets real NXDOMAIN / NODATA / REFUSED answers for everything
// else. dnsmasq is a forwarding cache: NS records need its auth-zone mode,
// and names it does not know go upstream instead of failing.
//
// Start writes nsd.conf and one zone file per zone in a temp dir, runs
// `nsd -d` (as the current user, no chroot, no control socket) in a
// process group of its own, and returns once it answers the first zone's
// NS query (deadline 20 s), or with its log when it exits first.
// The destructor stops it (SIGTERM, then SIGKILL after 5 s) and removes
// the dir. Not thread-safe; one owner.
#ifndef RENUMBER_DNS_NSD_TEST_SERVER_H_
#define RENUMBER_DNS_NSD_TEST_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

struct TestZone {
  std::string origin;  // "c10001.example.jp"
  // Master-file lines after $ORIGIN/$TTL/SOA, relative names allowed; must
  // include the apex NS records ("@ NS ns1.zenlogic.jp.").
  std::string records;
};

class NsdTestServer {
 public:
  static Result<std::unique_ptr<NsdTestServer>> Start(
      const std::vector<TestZone>& zones);
  ~NsdTestServer();

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // How long Start took until the first answer (for the notes).
  double start_seconds() const { return start_seconds_; }

 private:
  NsdTestServer() = default;
  Status Launch(const std::vector<TestZone>& zones);
  Status WaitReady(const std::string& zone);
  void Stop();
  std::string Log() const;

  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  double start_seconds_ = 0;
};

// A loopback port that was free for both UDP and TCP a moment ago.
Result<int> FreeLoopbackPort();

}  // namespace renumber

#endif  // RENUMBER_DNS_NSD_TEST_SERVER_H_
