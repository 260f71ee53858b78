// DNS behind an interface, so discovery can tell which host-name routes and
// backends point at the old IP without touching the network in tests.
//
// Implementations are thread-safe. Errors: kNotFound when the name does not
// resolve, kUnavailable when the resolver could not answer.
#ifndef RENUMBER_CORE_RESOLVER_H_
#define RENUMBER_CORE_RESOLVER_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber {

class Resolver {
 public:
  virtual ~Resolver() = default;
  // Every A and AAAA address of `host`.
  virtual Result<std::vector<IpAddress>> Resolve(const std::string& host) = 0;
};

// getaddrinfo(3). Never deleted.
Resolver* SystemResolver();

// Answers from a hosts(5)-format file first ("203.0.113.10 mail.example.jp
// www.example.jp"), then from `fallback` (may be null: kNotFound). For
// planning before DNS is live, and for tests of the real binary.
// kInvalidArgument names the file and line of a malformed entry.
Result<std::unique_ptr<Resolver>> NewHostsFileResolver(
    const std::string& hosts_text, const std::string& origin,
    Resolver* fallback);

class FakeResolver : public Resolver {
 public:
  void Set(const std::string& host, std::vector<IpAddress> ips);
  Result<std::vector<IpAddress>> Resolve(const std::string& host) override;

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<IpAddress>> table_;
};

}  // namespace renumber

#endif  // RENUMBER_CORE_RESOLVER_H_
