#include "src/core/ip.h"

#include <cstdio>
#include <optional>
#include <vector>

namespace renumber {
namespace {

constexpr std::array<uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0,    0,
                                                0, 0, 0, 0, 0xff, 0xff};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// Dotted quad, no leading zeros, each part 0-255.
std::optional<std::array<uint8_t, 4>> ParseV4(std::string_view s) {
  auto parts = Split(s, '.');
  if (parts.size() != 4) return std::nullopt;
  std::array<uint8_t, 4> out{};
  for (size_t i = 0; i < 4; ++i) {
    std::string_view p = parts[i];
    if (p.empty() || p.size() > 3) return std::nullopt;
    if (p.size() > 1 && p[0] == '0') return std::nullopt;  // ambiguous octal
    int v = 0;
    for (char c : p) {
      if (!IsDigit(c)) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v > 255) return std::nullopt;
    out[i] = static_cast<uint8_t>(v);
  }
  return out;
}

// Parses groups of 1-4 hex digits; `tail_v4` allows a dotted quad at the end.
bool ParseGroups(std::string_view s, bool tail_v4, std::vector<uint16_t>* out) {
  if (s.empty()) return true;
  auto parts = Split(s, ':');
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (tail_v4 && i + 1 == parts.size() &&
        p.find('.') != std::string_view::npos) {
      auto v4 = ParseV4(p);
      if (!v4) return false;
      out->push_back(static_cast<uint16_t>((*v4)[0] << 8 | (*v4)[1]));
      out->push_back(static_cast<uint16_t>((*v4)[2] << 8 | (*v4)[3]));
      continue;
    }
    if (p.empty() || p.size() > 4) return false;
    int v = 0;
    for (char c : p) {
      int h = HexValue(c);
      if (h < 0) return false;
      v = v * 16 + h;
    }
    out->push_back(static_cast<uint16_t>(v));
  }
  return true;
}

std::optional<std::array<uint8_t, 16>> ParseV6(std::string_view s) {
  std::vector<uint16_t> head, tail;
  size_t gap = s.find("::");
  bool has_gap = gap != std::string_view::npos;
  if (has_gap) {
    if (s.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    if (!ParseGroups(s.substr(0, gap), false, &head)) return std::nullopt;
    if (!ParseGroups(s.substr(gap + 2), true, &tail)) return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
  } else {
    if (!ParseGroups(s, true, &head) || head.size() != 8) return std::nullopt;
  }
  std::array<uint16_t, 8> groups{};
  for (size_t i = 0; i < head.size(); ++i) groups[i] = head[i];
  for (size_t i = 0; i < tail.size(); ++i)
    groups[8 - tail.size() + i] = tail[i];
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < 8; ++i) {
    bytes[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
    bytes[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
  }
  return bytes;
}

bool IsMapped(const std::array<uint8_t, 16>& b) {
  for (size_t i = 0; i < kMappedPrefix.size(); ++i)
    if (b[i] != kMappedPrefix[i]) return false;
  return true;
}

std::string V4Text(const uint8_t* b) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
  return buf;
}

// RFC 5952: lower case, no leading zeros, longest run (>1) of zero groups
// becomes "::" (first on a tie), mapped IPv4 keeps its dotted tail.
std::string V6Text(const std::array<uint8_t, 16>& b) {
  std::array<uint16_t, 8> g{};
  for (size_t i = 0; i < 8; ++i)
    g[i] = static_cast<uint16_t>(b[2 * i] << 8 | b[2 * i + 1]);
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i > 1) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  bool mapped = IsMapped(b);
  int last = mapped ? 6 : 8;
  std::string out;
  char buf[8];
  for (int i = 0; i < last; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    out += buf;
  }
  if (mapped) {
    if (out.back() != ':') out += ':';
    out += V4Text(&b[12]);
  }
  return out;
}

}  // namespace

Result<IpAddress> IpAddress::Parse(std::string_view text) {
  auto bad = [&](const char* why, const char* why_ja) {
    return Status::InvalidArgument(
        "'" + std::string(text) + "' is not a valid IP address (" + why + ")",
        "'" + std::string(text) + "' は正しい IP アドレスではありません（" +
            why_ja + "）");
  };
  if (text.empty()) return bad("empty", "空です");
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      return bad("contains whitespace", "空白を含んでいます");
    if (c == '%')
      return bad("zone ids are not accepted", "ゾーン ID は指定できません");
  }
  IpAddress ip;
  if (text.find(':') == std::string_view::npos) {
    auto v4 = ParseV4(text);
    if (!v4)
      return bad("expected four decimal parts 0-255, no leading zeros",
                 "0〜255 の 10 進数を 4 つ、先頭に 0 を付けずに書いてください");
    ip.family_ = Family::kV4;
    for (int i = 0; i < 4; ++i) ip.bytes_[12 + i] = (*v4)[i];
    return ip;
  }
  auto v6 = ParseV6(text);
  if (!v6) return bad("malformed IPv6", "IPv6 の書式が正しくありません");
  ip.family_ = Family::kV6;
  ip.bytes_ = *v6;
  return ip;
}

IpAddress IpAddress::V4(uint32_t h) {
  IpAddress ip;
  ip.family_ = Family::kV4;
  for (int i = 0; i < 4; ++i) ip.bytes_[12 + i] = (h >> (24 - 8 * i)) & 0xff;
  return ip;
}

IpAddress IpAddress::V6(const std::array<uint8_t, 16>& bytes) {
  IpAddress ip;
  ip.family_ = Family::kV6;
  ip.bytes_ = bytes;
  return ip;
}

IpAddress::Family IpAddress::EffectiveFamily() const {
  return IsMapped(bytes_) ? Family::kV4 : Family::kV6;
}

bool IpAddress::IsLoopback() const {
  if (IsMapped(bytes_)) return bytes_[12] == 127;
  for (int i = 0; i < 15; ++i)
    if (bytes_[i] != 0) return false;
  return bytes_[15] == 1;
}

std::string IpAddress::ToString() const {
  if (family_ == Family::kV4) return V4Text(&bytes_[12]);
  return V6Text(bytes_);
}

bool IsCanonicalIp(std::string_view text) {
  auto ip = IpAddress::Parse(text);
  return ip.ok() && ip->ToString() == text;
}

Result<Cidr> Cidr::Parse(std::string_view text) {
  size_t slash = text.find('/');
  auto bad = [&](const std::string& why, const std::string& why_ja) {
    return Status::InvalidArgument(
        "'" + std::string(text) + "' is not a valid CIDR block (" + why + ")",
        "'" + std::string(text) + "' は正しい CIDR ブロックではありません（" +
            why_ja + "）");
  };
  if (slash == std::string_view::npos)
    return bad("missing /prefix", "/プレフィックス長がありません");
  auto ip = IpAddress::Parse(text.substr(0, slash));
  if (!ip.ok()) return bad(ip.status().message(), ip.status().Message(true));
  std::string_view len = text.substr(slash + 1);
  const char* bad_len_ja = "プレフィックス長が正しくありません";
  if (len.empty() || len.size() > 3 || (len.size() > 1 && len[0] == '0'))
    return bad("bad prefix length", bad_len_ja);
  int prefix = 0;
  for (char c : len) {
    if (!IsDigit(c)) return bad("bad prefix length", bad_len_ja);
    prefix = prefix * 10 + (c - '0');
  }
  int max = ip->is_v4() ? 32 : 128;
  if (prefix > max)
    return bad("prefix length over " + std::to_string(max),
               "プレフィックス長が " + std::to_string(max) + " を超えています");
  Cidr cidr;
  cidr.network_ = *ip;
  cidr.prefix_ = prefix;
  int offset = ip->is_v4() ? 96 : 0;
  const auto& b = ip->bytes16();
  for (int bit = offset + prefix; bit < 128; ++bit) {
    if (b[bit / 8] & (0x80 >> (bit % 8)))
      return bad("host bits are set", "ホスト部のビットが立っています");
  }
  return cidr;
}

bool Cidr::Contains(const IpAddress& ip) const {
  int offset = network_.is_v4() ? 96 : 0;
  if (network_.is_v4() && ip.EffectiveFamily() != IpAddress::Family::kV4)
    return false;
  const auto& a = network_.bytes16();
  const auto& b = ip.bytes16();
  for (int bit = 0; bit < offset + prefix_; ++bit) {
    uint8_t mask = 0x80 >> (bit % 8);
    if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
  }
  return true;
}

std::string Cidr::ToString() const {
  return network_.ToString() + "/" + std::to_string(prefix_);
}

}  // namespace renumber
