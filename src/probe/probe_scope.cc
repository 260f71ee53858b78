#include "src/probe/probe_scope.h"

namespace renumber {

const char* ReservedForDocumentation(const IpAddress& ip) {
  static const char* const kBlocks[][2] = {
      {"192.0.2.0/24", "192.0.2.0/24 (RFC 5737)"},
      {"198.51.100.0/24", "198.51.100.0/24 (RFC 5737)"},
      {"203.0.113.0/24", "203.0.113.0/24 (RFC 5737)"},
      {"198.18.0.0/15", "198.18.0.0/15 (RFC 2544)"},
      {"2001:db8::/32", "2001:db8::/32 (RFC 3849)"},
  };
  for (const auto& block : kBlocks) {
    auto cidr = Cidr::Parse(block[0]);
    if (cidr.ok() && cidr->Contains(ip)) return block[1];
  }
  return nullptr;
}

}  // namespace renumber
