#include "src/probe/probe_scope.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

bool Reserved(const char* ip) {
  return ReservedForDocumentation(IpAddress::Parse(ip).value()) != nullptr;
}

TEST(ProbeScopeTest, DocumentationAndBenchmarkRangesAreNotProbed) {
  for (const char* ip : {"192.0.2.1", "198.51.100.20", "203.0.113.10",
                         "198.18.0.10", "198.19.255.1", "2001:db8:b::1"})
    EXPECT_TRUE(Reserved(ip)) << ip;
  for (const char* ip : {"127.0.0.5", "::1", "198.20.0.1", "192.0.3.1",
                         "8.8.8.8", "2001:db9::1"})
    EXPECT_FALSE(Reserved(ip)) << ip;
  EXPECT_STREQ(
      ReservedForDocumentation(IpAddress::Parse("198.19.0.10").value()),
      "198.18.0.0/15 (RFC 2544)");
}

}  // namespace
}  // namespace renumber
