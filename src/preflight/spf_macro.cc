#include "src/preflight/spf_macro.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace renumber {
namespace {

bool IsDelimiter(char c) {
  return c == '.' || c == '-' || c == '+' || c == ',' || c == '/' || c == '_' ||
         c == '=';
}

// The IP as %{i} writes it: dotted quad, or 32 dot-separated nibbles.
std::string IpText(const IpAddress& ip) {
  const auto& b = ip.bytes16();
  if (ip.EffectiveFamily() == IpAddress::Family::kV4) return ip.ToString();
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += kHex[b[i] >> 4];
    out += '.';
    out += kHex[b[i] & 0xf];
    if (i < 15) out += '.';
  }
  return out;
}

// RFC 3986 unreserved characters stay, everything else is %XX.
std::string UrlEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Result<std::string> LetterValue(char letter, const SpfMacroContext& c) {
  const std::string& s = c.sender;
  size_t at = s.rfind('@');
  switch (std::tolower(static_cast<unsigned char>(letter))) {
    case 's':
      return s;
    case 'l':
      return at == std::string::npos ? std::string("postmaster")
                                     : s.substr(0, at);
    case 'o':
      return at == std::string::npos ? s : s.substr(at + 1);
    case 'd':
      return c.domain;
    case 'i':
      return IpText(c.ip);
    case 'p':
      // The validated name of the IP would cost PTR lookups outside the
      // limit; RFC 7208 §7.3 allows "unknown" (and discourages %{p}).
      return std::string("unknown");
    case 'v':
      return std::string(
          c.ip.EffectiveFamily() == IpAddress::Family::kV4 ? "in-addr" : "ip6");
    case 'h':
      return c.helo;
    default:
      return Status::InvalidArgument(
          std::string("unknown macro letter '") + letter +
              "' (c, r and t belong in an exp= explanation only)",
          std::string("マクロの文字 '") + letter +
              "' は使用できません（c、r、t は exp= "
              "の説明文でのみ使用できます）");
  }
}

// "{letter transformers delimiters}" starting after "%{"; sets *end past "}".
Result<std::string> ExpandOne(std::string_view text, size_t start, size_t* end,
                              const SpfMacroContext& context) {
  size_t close = text.find('}', start);
  if (close == std::string_view::npos || close == start)
    return Status::InvalidArgument("unterminated macro '%{'",
                                   "マクロ '%{' が '}' で閉じられていません");
  *end = close + 1;
  std::string_view body = text.substr(start, close - start);
  char letter = body[0];
  size_t i = 1;
  int keep = 0;
  bool has_digits = false;
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) {
    keep = std::min(keep * 10 + (body[i] - '0'), 1000);
    has_digits = true;
    ++i;
  }
  if (has_digits && keep == 0)
    return Status::InvalidArgument(
        "macro digit transformer must not be 0",
        "マクロの桁数指定（digit transformer）に 0 は指定できません");
  bool reverse = i < body.size() && (body[i] == 'r' || body[i] == 'R');
  if (reverse) ++i;
  std::string delimiters(body.substr(i));
  for (char d : delimiters)
    if (!IsDelimiter(d))
      return Status::InvalidArgument(
          std::string("bad macro delimiter '") + d + "'",
          std::string("マクロの区切り文字 '") + d + "' は使用できません");
  if (delimiters.empty()) delimiters = ".";
  RN_ASSIGN_OR_RETURN(std::string value, LetterValue(letter, context));
  std::vector<std::string> parts(1);
  for (char ch : value) {
    if (delimiters.find(ch) != std::string::npos)
      parts.emplace_back();
    else
      parts.back() += ch;
  }
  if (reverse) std::reverse(parts.begin(), parts.end());
  if (has_digits && static_cast<size_t>(keep) < parts.size())
    parts.erase(parts.begin(), parts.end() - keep);
  std::string out;
  for (size_t p = 0; p < parts.size(); ++p) out += (p ? "." : "") + parts[p];
  return std::isupper(static_cast<unsigned char>(letter)) ? UrlEscape(out)
                                                          : out;
}

Result<std::string> Expand(std::string_view text,
                           const SpfMacroContext& context) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c != '%') {
      if (c < 0x21 || c > 0x7e)
        return Status::InvalidArgument(
            "invalid character in a macro string",
            "マクロ文字列に使用できない文字が含まれています");
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= text.size())
      return Status::InvalidArgument("'%' at the end of a macro string",
                                     "マクロ文字列が '%' で終わっています");
    char next = text[i + 1];
    if (next == '%' || next == '_' || next == '-') {
      out += next == '%' ? "%" : next == '_' ? " " : "%20";
      i += 2;
      continue;
    }
    if (next != '{')
      return Status::InvalidArgument(
          std::string("'%") + next +
              "' is not a macro (use %%, %_, %- or %{...})",
          std::string("'%") + next +
              "' はマクロではありません（%%、%_、%- または %{...} "
              "を使用してください）");
    size_t end = 0;
    RN_ASSIGN_OR_RETURN(std::string value,
                        ExpandOne(text, i + 2, &end, context));
    out += value;
    i = end;
  }
  return out;
}

}  // namespace

Status ValidateSpfMacroString(std::string_view text) {
  SpfMacroContext dummy{"postmaster@example.jp", "example.jp", "example.jp",
                        IpAddress()};
  return Expand(text, dummy).status();
}

Result<std::string> ExpandSpfDomain(std::string_view text,
                                    const SpfMacroContext& context) {
  RN_ASSIGN_OR_RETURN(std::string name, Expand(text, context));
  if (!name.empty() && name.back() == '.') name.pop_back();
  while (name.size() > 253) {
    size_t dot = name.find('.');
    if (dot == std::string::npos) break;
    name.erase(0, dot + 1);
  }
  return name;
}

}  // namespace renumber
