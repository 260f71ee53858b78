#include "src/core/resolver.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace renumber {
namespace {

class GetAddrInfoResolver : public Resolver {
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
};

class HostsFileResolver : public Resolver {
 public:
  HostsFileResolver(std::map<std::string, std::vector<IpAddress>> table,
                    Resolver* fallback)
      : table_(std::move(table)), fallback_(fallback) {}
  Result<std::vector<IpAddress>> Resolve(const std::string& host) override {
    auto it = table_.find(Lower(host));
    if (it != table_.end()) return it->second;
    if (fallback_) return fallback_->Resolve(host);
    return Status::NotFound("host name '" + host + "' does not resolve",
                            "ホスト名 '" + host + "' の名前解決ができません");
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(c));
    return s;
  }

 private:
  std::map<std::string, std::vector<IpAddress>> table_;
  Resolver* fallback_;
};

}  // namespace

Result<std::unique_ptr<Resolver>> NewHostsFileResolver(
    const std::string& text, const std::string& origin, Resolver* fallback) {
  std::map<std::string, std::vector<IpAddress>> table;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line =
        text.substr(pos, nl == std::string::npos ? nl : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string::npos)
      line.resize(hash);
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() &&
             std::isspace(static_cast<unsigned char>(line[i])))
        ++i;
      size_t start = i;
      while (i < line.size() &&
             !std::isspace(static_cast<unsigned char>(line[i])))
        ++i;
      if (i > start) words.push_back(line.substr(start, i - start));
    }
    if (words.empty()) continue;
    auto ip = IpAddress::Parse(words[0]);
    if (!ip.ok() || words.size() < 2)
      return Status::InvalidArgument(
          origin + ":" + std::to_string(line_no) +
              ": expected 'ADDRESS NAME...'",
          origin + ":" + std::to_string(line_no) +
              ": 'アドレス ホスト名…' の形で書いてください");
    for (size_t w = 1; w < words.size(); ++w) {
      auto& ips = table[HostsFileResolver::Lower(words[w])];
      if (std::find(ips.begin(), ips.end(), *ip) == ips.end())
        ips.push_back(*ip);
    }
  }
  return std::unique_ptr<Resolver>(
      new HostsFileResolver(std::move(table), fallback));
}

Resolver* SystemResolver() {
  static Resolver* r = new GetAddrInfoResolver;
  return r;
}

void FakeResolver::Set(const std::string& host, std::vector<IpAddress> ips) {
  std::lock_guard<std::mutex> l(mu_);
  table_[host] = std::move(ips);
}

Result<std::vector<IpAddress>> FakeResolver::Resolve(const std::string& host) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = table_.find(host);
  if (it == table_.end())
    return Status::NotFound("host name '" + host + "' does not resolve",
                            "ホスト名 '" + host + "' の名前解決ができません");
  return it->second;
}

}  // namespace renumber
