#include "src/preflight/preflight_test_world.h"

namespace renumber {
namespace {

std::string IncludeChain() {
  std::string out = "@ TXT \"v=spf1 include:i1.c10003.example.jp -all\"\n";
  for (int i = 1; i <= 10; ++i)
    out += "i" + std::to_string(i) + " TXT \"v=spf1 include:i" +
           std::to_string(i + 1) + ".c10003.example.jp -all\"\n";
  return out + "i11 TXT \"v=spf1 ip4:198.19.0.12 -all\"\n";
}

}  // namespace

std::vector<TestZone> PreflightTestZones() {
  return {
      {"c10001.example.jp",
       "@ NS ns1.other-dns.example.\n@ NS ns2.other-dns.example.\n"
       "@ A 198.18.0.10\n@ MX 10 mx1\nmx1 A 198.18.0.10\nwww A 198.18.0.10\n"
       "@ TXT \"v=spf1 ip4:198.18.0.10 -all\"\n"},
      {"c10002.example.jp",
       "@ NS ns1.zenlogic.jp.\n@ NS ns2.zenlogic.jp.\n@ A 198.18.0.11\n"
       "@ TXT \"v=spf1 include:_spf.zenlogic.jp ~all\"\n"},
      {"zenlogic.jp",
       "@ NS ns1\n@ NS ns2\nns1 A 192.0.2.53\nns2 A 192.0.2.54\n"
       "_spf TXT \"v=spf1 ip4:198.19.0.0/16 -all\"\nmail11 A 198.19.0.11\n"},
      {"c10003.example.jp",
       "@ NS ns1.other-dns.example.\n@ A 198.19.0.12\n" + IncludeChain()},
      {"c10004.example.jp",
       "@ NS ns1.other-dns.example.\n@ MX 10 mx.c10004.example.jp.\n"
       "mx A 192.0.2.25\n"},
      {"jp", "@ NS a.dns.jp.\n"},
      {"19.198.in-addr.arpa",
       "@ NS ns1.zenlogic.jp.\n11.0 PTR mail11.zenlogic.jp.\n"
       "12.0 PTR host12.c10003.example.jp.\n"},
      {kPreflightTestBlocklist,
       "@ NS ns.dnsbl.example.\n11.0.19.198 A 127.0.0.2\n"
       "11.0.19.198 TXT \"Listed: https://dnsbl.example/198.19.0.11\"\n"
       "12.0.19.198 A 127.255.255.254\n"},
  };
}

std::string PreflightTestDomains() {
  return "C-10001/ess c10001.example.jp\nC-10001/cdn www.c10001.example.jp\n"
         "C-10002 c10002.example.jp\nC-10003 c10003.example.jp\n"
         "C-10004/ess c10004.example.jp gone-c10004.jp\n";
}

std::string PreflightTestPlanCsv() {
  const char* end = ",2026-12-10T06:00:00+09:00,ZL-T\n";
  return std::string(
             "customer,service,old_ip,new_ip,maintenance_end,ticket\n") +
         "C-10001,ess,198.18.0.10,198.19.0.10" + end +
         "C-10001,cdn,198.18.0.10,198.19.0.10" + end +
         "C-10002,ess,198.18.0.11,198.19.0.11" + end +
         "C-10003,ess,198.18.0.12,198.19.0.12" + end +
         "C-10004,ess,198.18.0.13,198.19.0.13" + end;
}

}  // namespace renumber
