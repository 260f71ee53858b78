#include "src/core/url.h"

#include <cctype>

#include "src/core/ip.h"

namespace renumber {
namespace {

Status Bad(const std::string& why, const std::string& why_ja) {
  return Status::InvalidArgument("malformed URL: " + why,
                                 "URL の形式が正しくありません: " + why_ja);
}

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)); }

// RFC 3986 pchar / "/" / "?" (and '#' separating the fragment).
bool IsUriChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("-._~!$&'()*+,;=:@/?%").find(c) !=
         std::string_view::npos;
}

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
         c == '_';
}

Status CheckPathPart(std::string_view rest) {
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '#' && rest.find('#', i + 1) == std::string_view::npos) continue;
    if (!IsUriChar(c))
      return Bad("a character that URLs must escape",
                 "エスケープが必要な文字があります");
    if (c == '%' &&
        (i + 2 >= rest.size() || !IsHex(rest[i + 1]) || !IsHex(rest[i + 2])))
      return Bad("an incomplete %-escape",
                 "% エスケープが途中で終わっています");
  }
  return Status::Ok();
}

Result<int> ParsePort(std::string_view digits) {
  if (digits.empty() || digits.size() > 5)
    return Bad("a bad port", "ポート番号が正しくありません");
  int port = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Bad("a bad port", "ポート番号が正しくありません");
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > 65535)
    return Bad("a port outside 1-65535", "ポート番号が 1-65535 の範囲外です");
  return port;
}

// host[:port] (userinfo already removed) into `url`.
Status ParseHostPort(std::string_view hp, Url* url) {
  std::string_view port;
  if (!hp.empty() && hp[0] == '[') {
    size_t close = hp.find(']');
    if (close == std::string_view::npos)
      return Bad("an unclosed '['", "'[' が閉じていません");
    std::string_view after = hp.substr(close + 1);
    if (!after.empty() && after[0] != ':')
      return Bad("text after the ']' of an IPv6 address",
                 "IPv6 アドレスの ']' の後に文字があります");
    if (!after.empty()) port = after.substr(1);
    std::string literal(hp.substr(1, close - 1));
    auto ip = IpAddress::Parse(literal);
    if (!ip.ok() || !ip->is_v6())
      return Bad("not an IPv6 address in [ ]",
                 "[ ] の中が IPv6 アドレスではありません");
    url->host = ip->ToString();
    url->ipv6_literal = true;
  } else {
    size_t colon = hp.find(':');
    std::string_view host = hp.substr(0, colon);
    if (colon != std::string_view::npos) port = hp.substr(colon + 1);
    if (host.empty()) return Bad("no host", "ホストがありません");
    for (char c : host)
      if (!IsHostChar(c))
        return Bad("a character not allowed in a host name",
                   "ホスト名に使えない文字があります");
    for (char c : host) url->host += Lower(c);
  }
  url->explicit_port = !port.empty() || hp.back() == ':';
  if (url->explicit_port) {
    RN_ASSIGN_OR_RETURN(url->port, ParsePort(port));
  } else {
    url->port = url->scheme == "https" ? 443 : 80;
  }
  return Status::Ok();
}

}  // namespace

std::string Url::HostForDisplay() const {
  std::string h = ipv6_literal ? "[" + host + "]" : host;
  return explicit_port ? h + ":" + std::to_string(port) : h;
}

std::string Url::Origin() const {
  return scheme + "://" + (ipv6_literal ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

bool Url::IsLoopback() const {
  if (host == "localhost") return true;
  auto ip = IpAddress::Parse(host);
  return ip.ok() && ip->IsLoopback();
}

Result<Url> ParseUrl(std::string_view text) {
  Url url;
  size_t sep = text.find("://");
  if (sep == std::string_view::npos)
    return Bad("no scheme://", "scheme:// がありません");
  for (char c : text.substr(0, sep)) url.scheme += Lower(c);
  if (url.scheme != "http" && url.scheme != "https")
    return Status::InvalidArgument(
        "unsupported URL scheme (only http and "
        "https)",
        "対応していない URL スキームです（http と https のみ使えます）");
  std::string_view rest = text.substr(sep + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail =
      end == std::string_view::npos ? std::string_view() : rest.substr(end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    url.has_userinfo = true;
    authority = authority.substr(at + 1);
  }
  if (authority.empty()) return Bad("no host", "ホストがありません");
  RN_RETURN_IF_ERROR(ParseHostPort(authority, &url));
  RN_RETURN_IF_ERROR(CheckPathPart(tail));
  std::string_view resource = tail.substr(0, tail.find('#'));
  url.resource = std::string(resource);
  if (url.resource.empty() || url.resource[0] == '?')
    url.resource = "/" + url.resource;
  return url;
}

Status CheckVendorUrl(const Url& url) {
  if (url.has_userinfo)
    return Status::InvalidArgument(
        "the URL must not hold a user name or password (user@host): give "
        "them as username/password or api_token, and the URL as https:// "
        "(plain http:// only to a loopback address)",
        "URL にユーザー名やパスワード（user@host）を含めないでください。"
        "これらは username/password または api_token で指定し、URL は "
        "https:// で指定してください（暗号化しない http:// はループバック"
        "アドレス宛てに限ります）");
  if (url.scheme == "https" || url.IsLoopback()) return Status::Ok();
  return Status::InvalidArgument(
      "plain http:// is allowed only to a loopback address (" +
          url.HostForDisplay() + " is not one); use https://",
      "暗号化しない http:// はループバックアドレス宛てにだけ使えます（" +
          url.HostForDisplay() +
          " はループバックアドレスではありません）。https:// を使ってください");
}

}  // namespace renumber
