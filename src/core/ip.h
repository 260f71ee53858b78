// IP addresses and CIDR blocks, parsed strictly.
//
// IpAddress::Parse accepts only the canonical-ish textual forms people type:
// dotted-quad IPv4 with no leading zeros, and RFC 4291 IPv6 (with "::" and an
// embedded dotted-quad tail). It rejects zone ids, surrounding or inner
// whitespace, empty parts, short IPv4 forms and trailing garbage. ToString()
// gives the canonical form (RFC 5952 for IPv6). An IPv4-mapped IPv6 address
// (::ffff:a.b.c.d) compares equal to the IPv4 address it maps.
//
// Values; thread-safe.
#ifndef RENUMBER_CORE_IP_H_
#define RENUMBER_CORE_IP_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/core/status.h"

namespace renumber {

class IpAddress {
 public:
  enum class Family { kV4, kV6 };

  IpAddress() = default;  // 0.0.0.0
  static Result<IpAddress> Parse(std::string_view text);
  static IpAddress V4(uint32_t host_order);
  static IpAddress V6(const std::array<uint8_t, 16>& bytes);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kV4; }
  bool is_v6() const { return family_ == Family::kV6; }
  // True for 127.0.0.0/8, ::1 and IPv4-mapped loopback.
  bool IsLoopback() const;
  // The address as 16 bytes; IPv4 becomes ::ffff:a.b.c.d.
  const std::array<uint8_t, 16>& bytes16() const { return bytes_; }
  // The family after unmapping an IPv4-mapped IPv6 address.
  Family EffectiveFamily() const;

  std::string ToString() const;

  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.bytes_ == b.bytes_;
  }
  friend bool operator!=(const IpAddress& a, const IpAddress& b) {
    return !(a == b);
  }
  friend bool operator<(const IpAddress& a, const IpAddress& b) {
    return a.bytes_ < b.bytes_;
  }

 private:
  Family family_ = Family::kV4;
  std::array<uint8_t, 16> bytes_{0, 0, 0,    0,    0, 0, 0, 0,
                                 0, 0, 0xff, 0xff, 0, 0, 0, 0};
};

// True when `text` parses and is already in canonical form.
bool IsCanonicalIp(std::string_view text);

// A CIDR block such as 203.0.113.0/28 or 2001:db8::/32. Host bits must be 0.
class Cidr {
 public:
  static Result<Cidr> Parse(std::string_view text);
  const IpAddress& network() const { return network_; }
  int prefix_length() const { return prefix_; }
  bool Contains(const IpAddress& ip) const;
  std::string ToString() const;

  friend bool operator==(const Cidr& a, const Cidr& b) {
    return a.network_ == b.network_ && a.prefix_ == b.prefix_;
  }

 private:
  IpAddress network_;
  int prefix_ = 0;  // in the family of network_ (0-32 or 0-128)
};

}  // namespace renumber

#endif  // RENUMBER_CORE_IP_H_
