// DNS behind an interface, so discovery can tell which host-name routes and
// backends point at the old IP, and preflight can read a customer's DNS
// (name servers, A/AAAA, MX, SPF, reverse DNS, blocklists), without
// touching the network in tests.
//
// Two questions:
// - Resolve(host): every address of a host, the way a program connecting
//   to it would find them (A and AAAA, CNAMEs followed).
// - Lookup(name, type): the records of one type at one name, as the name
//   servers answer them. An OK answer is never empty.
//
// Implementations: SystemResolver() and NewDnsResolver() (src/dns/, over
// c-ares), the hosts-file resolver, FakeResolver and
// FaultInjectionResolver (resolver_fault.h).
//
// Contract: implementations are thread-safe. Errors are values:
// - kNotFound: the name does not exist (NXDOMAIN) or holds no record of
//   that type (NODATA); RFC 7208 calls both a "void lookup".
// - kTimeout: no server answered in time (a silent server), distinct from
// - kUnavailable: a server answered with an error (SERVFAIL, REFUSED), an
//   answer was malformed, or no server could be reached.
// - kInvalidArgument: the name cannot be queried (e.g. a label over 63
//   characters).
// Names in answers are lower case without the trailing dot; answers are
// bounded (at most kMaxRecordsPerAnswer records, TXT records at most
// kMaxTxtBytes), since they are untrusted input.
#ifndef RENUMBER_CORE_RESOLVER_H_
#define RENUMBER_CORE_RESOLVER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber {

enum class RecordType { kA, kAaaa, kMx, kNs, kTxt, kPtr };
const char* RecordTypeName(RecordType type);  // "A", "AAAA", "MX", ...

constexpr size_t kMaxRecordsPerAnswer = 64;
constexpr size_t kMaxTxtBytes = 4096;

struct MxRecord {
  uint16_t preference = 0;
  std::string host;
  friend bool operator==(const MxRecord& a, const MxRecord& b) {
    return a.preference == b.preference && a.host == b.host;
  }
};

// The records of one type at one name; only the field of that type is
// filled.
struct DnsAnswer {
  std::vector<IpAddress> addresses;  // A, AAAA
  std::vector<MxRecord> mx;          // MX, in the order answered
  std::vector<std::string> names;    // NS, PTR
  // TXT: one string per record, its character-strings joined without
  // separators (RFC 7208 §3.3).
  std::vector<std::string> texts;
  size_t size() const {
    return addresses.size() + mx.size() + names.size() + texts.size();
  }
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // Every A and AAAA address of `host`.
  virtual Result<std::vector<IpAddress>> Resolve(const std::string& host) = 0;
  // The records of `type` at `name` (no other type is synthesised: an MX
  // lookup answers MX records only).
  virtual Result<DnsAnswer> Lookup(const std::string& name,
                                   RecordType type) = 0;

  // Typed views of Lookup.
  Result<std::vector<IpAddress>> LookupAddresses(const std::string& name,
                                                 RecordType a_or_aaaa);
  Result<std::vector<MxRecord>> LookupMx(const std::string& name);
  Result<std::vector<std::string>> LookupNs(const std::string& name);
  Result<std::vector<std::string>> LookupTxt(const std::string& name);
  // The PTR names of `ip` (its in-addr.arpa / ip6.arpa name).
  Result<std::vector<std::string>> LookupPtr(const IpAddress& ip);
};

// Answers from a hosts(5)-format file first ("203.0.113.10 mail.example.jp
// www.example.jp"), then from `fallback` (may be null: kNotFound). For
// planning before DNS is live, and for tests of the real binary. A and
// AAAA lookups of a listed name answer from the file (kNotFound for the
// family it lacks); other lookups go to `fallback`.
// kInvalidArgument names the file and line of a malformed entry.
Result<std::unique_ptr<Resolver>> NewHostsFileResolver(
    const std::string& hosts_text, const std::string& origin,
    Resolver* fallback);

// A resolver answering from tables a test fills (fake_resolver.cc). A name
// that has any record exists; Lookup of another type there is NODATA, of a
// name with none NXDOMAIN (both kNotFound). Names match case-insensitively.
class FakeResolver : public Resolver {
 public:
  // A and AAAA records of `host` (Resolve answers all of them).
  void Set(const std::string& host, std::vector<IpAddress> ips);
  void SetMx(const std::string& name, std::vector<MxRecord> records);
  void SetNs(const std::string& name, std::vector<std::string> hosts);
  void SetTxt(const std::string& name, std::vector<std::string> texts);
  void SetPtr(const IpAddress& ip, std::vector<std::string> names);
  // Every Lookup so far, as "TYPE name", in order (for limit tests).
  std::vector<std::string> Queries() const;

  Result<std::vector<IpAddress>> Resolve(const std::string& host) override;
  Result<DnsAnswer> Lookup(const std::string& name, RecordType type) override;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, RecordType>, DnsAnswer> records_;
  std::vector<std::string> queries_;
};

}  // namespace renumber

#endif  // RENUMBER_CORE_RESOLVER_H_
