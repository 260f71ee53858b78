// SystemResolver: getaddrinfo(3) for addresses, the system's name servers
// (through a DnsResolver) for records.
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "src/dns/dns_resolver.h"

namespace renumber {
namespace {

class SystemResolverImpl : public Resolver {
 public:
  Result<std::vector<IpAddress>> Resolve(const std::string& host) override {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (rc == EAI_NONAME || rc == EAI_NODATA)
      return Status::NotFound("host name '" + host + "' does not resolve",
                              "ホスト名 '" + host + "' の名前解決ができません");
    if (rc != 0)
      return Status::Unavailable(
          "could not resolve '" + host + "': " + gai_strerror(rc),
          "'" + host + "' の名前解決に失敗しました: " + gai_strerror(rc));
    std::vector<IpAddress> out;
    for (addrinfo* a = res; a; a = a->ai_next) {
      IpAddress ip;
      if (a->ai_family == AF_INET) {
        auto* sin = reinterpret_cast<sockaddr_in*>(a->ai_addr);
        ip = IpAddress::V4(ntohl(sin->sin_addr.s_addr));
      } else if (a->ai_family == AF_INET6) {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(a->ai_addr);
        std::array<uint8_t, 16> b;
        std::memcpy(b.data(), &sin6->sin6_addr, 16);
        ip = IpAddress::V6(b);
      } else {
        continue;
      }
      if (std::find(out.begin(), out.end(), ip) == out.end()) out.push_back(ip);
    }
    freeaddrinfo(res);
    return out;
  }

  Result<DnsAnswer> Lookup(const std::string& name, RecordType type) override {
    std::call_once(once_, [this] {
      auto r = NewDnsResolver(DnsOptions{});
      if (r.ok())
        dns_ = std::move(*r);
      else
        error_ = r.status();
    });
    if (!dns_) return error_;
    return dns_->Lookup(name, type);
  }

 private:
  std::once_flag once_;
  std::unique_ptr<Resolver> dns_;
  Status error_;
};

}  // namespace

Resolver* SystemResolver() {
  static Resolver* r = new SystemResolverImpl;
  return r;
}

}  // namespace renumber
