#include "src/core/dns_name.h"

#include <cstdio>

namespace renumber {
namespace {

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool IsValidLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!IsLabelChar(c)) return false;
  return true;
}

}  // namespace

std::string NormalizeDnsName(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string out(name);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsValidDnsName(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string_view label =
        name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!IsValidLabel(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsAtOrBelow(std::string_view name, std::string_view parent) {
  if (name == parent) return true;
  return name.size() > parent.size() &&
         name.compare(name.size() - parent.size(), parent.size(), parent) ==
             0 &&
         name[name.size() - parent.size() - 1] == '.';
}

std::string ReversedAddressLabels(const IpAddress& ip) {
  const auto& b = ip.bytes16();
  std::string out;
  if (ip.EffectiveFamily() == IpAddress::Family::kV4) {
    for (int i = 15; i >= 12; --i)
      out += std::to_string(b[i]) + (i > 12 ? "." : "");
    return out;
  }
  static const char kHex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out += kHex[b[i] & 0xf];
    out += '.';
    out += kHex[b[i] >> 4];
    if (i > 0) out += '.';
  }
  return out;
}

std::string ReverseDnsName(const IpAddress& ip) {
  return ReversedAddressLabels(ip) +
         (ip.EffectiveFamily() == IpAddress::Family::kV4 ? ".in-addr.arpa"
                                                         : ".ip6.arpa");
}

std::string PrintableDnsText(std::string_view text, size_t max_chars) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= max_chars) return out + "…";
    if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace renumber
