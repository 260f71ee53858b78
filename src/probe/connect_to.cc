#include "src/probe/connect_to.h"

#include <sstream>
#include <vector>

#include "src/core/ip.h"

namespace renumber {
namespace {

Result<std::string> CanonicalIp(const std::string& text) {
  auto ip = IpAddress::Parse(text);
  if (!ip.ok()) return ip.status();
  if (ip->ToString() != text)
    return Status::InvalidArgument(
        "'" + text + "' is not in canonical form; write '" + ip->ToString() +
            "'",
        "'" + text + "' は正規の表記ではありません。'" + ip->ToString() +
            "' と書いてください");
  return text;
}

Result<int> Port(const std::string& text) {
  if (text.empty() || text.size() > 5 ||
      text.find_first_not_of("0123456789") != std::string::npos)
    return Status::InvalidArgument("'" + text + "' is not a port",
                                   "'" + text + "' はポート番号ではありません");
  int port = std::stoi(text);
  if (port < 1 || port > 65535)
    return Status::InvalidArgument(
        "port " + text + " is out of range",
        "ポート " + text + " は範囲外です（1～65535 で指定してください）");
  return port;
}

}  // namespace

Result<ConnectToMap> ConnectToMap::Parse(const std::string& text,
                                         const std::string& origin) {
  ConnectToMap map;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const std::string where = origin + ":" + std::to_string(n);
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string x; fields >> x;) f.push_back(x);
    if (f.empty()) continue;
    if (f.size() != 4)
      return Status::InvalidArgument(
          where + ": expected ORIGIN_IP ORIGIN_PORT CONNECT_IP CONNECT_PORT",
          where +
              ": ORIGIN_IP ORIGIN_PORT CONNECT_IP CONNECT_PORT の 4 項目を"
              "書いてください");
    auto a = CanonicalIp(f[0]);
    if (!a.ok()) return a.status().Annotate(where);
    auto b = Port(f[1]);
    if (!b.ok()) return b.status().Annotate(where);
    auto c = CanonicalIp(f[2]);
    if (!c.ok()) return c.status().Annotate(where);
    auto d = Port(f[3]);
    if (!d.ok()) return d.status().Annotate(where);
    Status added = map.Add({*a, *b}, {*c, *d});
    if (!added.ok()) return added.Annotate(where);
  }
  return map;
}

Status ConnectToMap::Add(const Endpoint& from, const Endpoint& to) {
  if (!map_.emplace(from, to).second)
    return Status::InvalidArgument(
        from.ip + " " + std::to_string(from.port) + " is mapped twice",
        from.ip + " " + std::to_string(from.port) +
            " の接続先が 2 回指定されています");
  return Status::Ok();
}

Endpoint ConnectToMap::Resolve(const Endpoint& origin) const {
  auto it = map_.find(origin);
  return it == map_.end() ? origin : it->second;
}

std::string ConnectToMap::ToText() const {
  std::string out =
      "# origin_ip origin_port connect_ip connect_port (renumber "
      "--connect-to)\n";
  for (const auto& [from, to] : map_)
    out += from.ip + " " + std::to_string(from.port) + " " + to.ip + " " +
           std::to_string(to.port) + "\n";
  return out;
}

}  // namespace renumber
