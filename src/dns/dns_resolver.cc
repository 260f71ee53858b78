// NewDnsResolver: the Resolver over one CaresLoop.
#include "src/dns/dns_resolver.h"

#include <algorithm>
#include <cstdlib>

#include "src/core/dns_name.h"
#include "src/dns/cares_answer.h"
#include "src/dns/cares_loop.h"

namespace renumber {
namespace {

class DnsResolver : public Resolver {
 public:
  explicit DnsResolver(std::unique_ptr<CaresLoop> loop)
      : loop_(std::move(loop)) {}

  Result<DnsAnswer> Lookup(const std::string& name, RecordType type) override {
    RN_RETURN_IF_ERROR(CheckName(name, type));
    auto reply = loop_->Submit(name, type);
    return Parse(name, type, loop_->Await(reply));
  }

  // A and AAAA at once; an error of either is the answer (a partial list
  // of addresses would look complete).
  Result<std::vector<IpAddress>> Resolve(const std::string& host) override {
    RN_RETURN_IF_ERROR(CheckName(host, RecordType::kA));
    auto a = loop_->Submit(host, RecordType::kA);
    auto aaaa = loop_->Submit(host, RecordType::kAaaa);
    auto v4 = Parse(host, RecordType::kA, loop_->Await(a));
    auto v6 = Parse(host, RecordType::kAaaa, loop_->Await(aaaa));
    for (const auto* r : {&v4, &v6})
      if (!r->ok() && !r->status().Is(Code::kNotFound)) return r->status();
    std::vector<IpAddress> out;
    for (auto* r : {&v4, &v6})
      if (r->ok())
        out.insert(out.end(), (*r)->addresses.begin(), (*r)->addresses.end());
    if (out.empty())
      return Status::NotFound("host name '" + host + "' does not resolve (" +
                                  loop_->servers() + ")",
                              "ホスト名 '" + host +
                                  "' の名前解決ができません（" +
                                  loop_->servers() + "）");
    return out;
  }

 private:
  static Status CheckName(const std::string& name, RecordType type) {
    if (IsValidDnsName(name)) return Status::Ok();
    const std::string what = std::string("DNS ") + RecordTypeName(type) + " '" +
                             PrintableDnsText(name, 80) + "': ";
    return Status::InvalidArgument(what + "not a name that can be queried",
                                   what + "問い合わせできる名前ではありません");
  }

  static Result<DnsAnswer> Parse(const std::string& name, RecordType type,
                                 DnsReply reply) {
    if (!reply.ok()) return reply.status();
    return ParseCaresAnswer(
        type, *reply, std::string("DNS ") + RecordTypeName(type) + " " + name);
  }

  std::unique_ptr<CaresLoop> loop_;
};

bool ValidPort(const std::string& port) {
  if (port.empty() || port.size() > 5) return false;
  for (char c : port)
    if (c < '0' || c > '9') return false;
  int n = std::atoi(port.c_str());
  return n >= 1 && n <= 65535;
}

}  // namespace

Result<std::string> ParseDnsServer(const std::string& text) {
  auto bad = [&](const std::string& why, const std::string& why_ja) {
    return Status::InvalidArgument(
        "--dns-server '" + text + "': " + why +
            " (e.g. 127.0.0.1:5353, [::1]:53, 192.0.2.53)",
        "--dns-server '" + text + "': " + why_ja +
            "（例: 127.0.0.1:5353、[::1]:53、192.0.2.53）");
  };
  std::string host = text, port = "53";
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos)
      return bad("missing ']'", "']' がありません");
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':')
        return bad("expected ':PORT' after ']'",
                   "']' の後には ':ポート番号' を指定してください");
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    host = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
  }
  auto ip = IpAddress::Parse(host);
  if (!ip.ok())
    return bad("not an IP address (a name server is asked by IP)",
               "IP アドレスではありません（ネームサーバーは IP "
               "アドレスで指定してください）");
  if (!ValidPort(port))
    return bad("the port must be 1-65535",
               "ポート番号は 1～65535 で指定してください");
  if (ip->EffectiveFamily() == IpAddress::Family::kV6)
    return "[" + ip->ToString() + "]:" + port;
  return ip->ToString() + ":" + port;
}

Result<std::unique_ptr<Resolver>> NewDnsResolver(const DnsOptions& options) {
  if (options.timeout < std::chrono::milliseconds(10) ||
      options.timeout > std::chrono::seconds(60))
    return Status::InvalidArgument(
        "DNS timeout must be 10 ms to 60 s",
        "DNS のタイムアウトは 10 ミリ秒～60 秒で指定してください");
  if (options.tries < 1 || options.tries > 5)
    return Status::InvalidArgument(
        "DNS tries must be 1-5", "DNS の試行回数は 1～5 回で指定してください");
  if (options.max_in_flight < 1 || options.max_in_flight > 256)
    return Status::InvalidArgument(
        "DNS queries in flight must be 1-256",
        "DNS の同時問い合わせ数は 1～256 で指定してください");
  DnsOptions o = options;
  for (std::string& s : o.servers) {
    RN_ASSIGN_OR_RETURN(s, ParseDnsServer(s));
  }
  RN_ASSIGN_OR_RETURN(auto loop, CaresLoop::Start(o));
  return std::unique_ptr<Resolver>(new DnsResolver(std::move(loop)));
}

}  // namespace renumber
