// Test support: DNS zones (for nsd, src/dns/nsd_test_server.h), a plan and
// a domains file in which every kind of preflight finding occurs, for the
// library's tests over real DNS and the real binary's.
//
//   C-10001 (ess, cdn) 198.18.0.10 -> 198.19.0.10: other name servers; A,
//     www and the MX host at the old IP; SPF only the old IP; no PTR.
//   C-10002 (ess) .11 -> .11: Zenlogic's name servers; A at the old IP
//     (Zenlogic's change); SPF by include (authorised); PTR confirmed;
//     listed in dnsbl.example (with a TXT reason).
//   C-10003 (ess) .12 -> .12: A already at the new IP; SPF over the
//     10-lookup limit; a PTR that does not resolve back; dnsbl.example
//     answers an error code (127.255.255.254).
//   C-10004 (ess) .13 -> .13: no SPF record; a domain that does not
//     exist (gone-c10004.jp); no PTR.
#ifndef RENUMBER_PREFLIGHT_PREFLIGHT_TEST_WORLD_H_
#define RENUMBER_PREFLIGHT_PREFLIGHT_TEST_WORLD_H_

#include <string>
#include <vector>

#include "src/dns/nsd_test_server.h"

namespace renumber {

std::vector<TestZone> PreflightTestZones();
// "C-10001/ess c10001.example.jp\n..."
std::string PreflightTestDomains();
// The plan CSV of the four customers, maintenance end
// 2026-12-10T06:00:00+09:00.
std::string PreflightTestPlanCsv();
constexpr const char* kPreflightTestBlocklist = "dnsbl.example";

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_PREFLIGHT_TEST_WORLD_H_
