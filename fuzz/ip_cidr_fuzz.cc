// IP addresses and CIDR blocks (plan rows, vendor answers): what parses
// prints back to the same value.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/core/ip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto ip = renumber::IpAddress::Parse(text);
  if (ip.ok()) {
    auto again = renumber::IpAddress::Parse(ip->ToString());
    if (!again.ok() || !(*again == *ip)) std::abort();
    (void)ip->IsLoopback();
    (void)ip->EffectiveFamily();
  }
  auto cidr = renumber::Cidr::Parse(text);
  if (cidr.ok()) {
    auto again = renumber::Cidr::Parse(cidr->ToString());
    if (!again.ok() || again->ToString() != cidr->ToString()) std::abort();
    if (ip.ok()) (void)cidr->Contains(*ip);
  }
  return 0;
}
