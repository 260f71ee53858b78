#include "src/cli/preflight_flags.h"

#include <algorithm>

#include "src/preflight/domain_source.h"

namespace renumber {
namespace {

std::string List(const std::vector<std::string>& items, Lang lang) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? Tr(lang, "preflight.none") : out;
}

Result<std::vector<std::string>> DomainNames(
    const std::vector<std::string>& names, const char* flag) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    auto name = ParseDomainName(n);
    if (!name.ok())
      return Status::InvalidArgument(
          std::string(flag) + " " + name.status().message(),
          std::string(flag) + " " + name.status().Message(true));
    out.push_back(*name);
  }
  return out;
}

}  // namespace

void AddPreflightDnsOptions(CLI::App* cmd, PreflightDnsFlags* flags) {
  cmd->add_option("--dns-server", flags->dns_servers,
                  "name server to ask, IP[:PORT] (repeatable; default: the "
                  "system's, from /etc/resolv.conf)");
  cmd->add_option("--provider-ns", flags->provider_ns,
                  "Zenlogic's name servers, or a domain covering them "
                  "(repeatable; default ns1.zenlogic.jp, ns2.zenlogic.jp)");
  cmd->add_option("--dnsbl", flags->dnsbl_zones,
                  "DNS blocklist zone to look the new IP up in (repeatable; "
                  "none by default)");
  cmd->add_option("--dns-timeout", flags->dns_timeout_seconds,
                  "seconds to wait for the first try of a DNS query "
                  "(default 2; two tries, the second twice as long)");
}

Result<PreflightSetup> LoadPreflightSetup(const PreflightDnsFlags& flags,
                                          int jobs) {
  PreflightSetup s;
  if (!flags.provider_ns.empty()) {
    RN_ASSIGN_OR_RETURN(s.options.provider_ns,
                        DomainNames(flags.provider_ns, "--provider-ns"));
  }
  RN_ASSIGN_OR_RETURN(s.options.dnsbl_zones,
                      DomainNames(flags.dnsbl_zones, "--dnsbl"));
  s.options.jobs = std::max(1, jobs);
  for (const std::string& server : flags.dns_servers) {
    RN_ASSIGN_OR_RETURN(std::string parsed, ParseDnsServer(server));
    s.dns.servers.push_back(parsed);
  }
  if (!(flags.dns_timeout_seconds >= 0.01 && flags.dns_timeout_seconds <= 60))
    return Status::InvalidArgument(
        "--dns-timeout must be 0.01-60 seconds",
        "--dns-timeout は 0.01～60 秒で指定してください");
  s.dns.timeout = std::chrono::milliseconds(
      static_cast<int64_t>(flags.dns_timeout_seconds * 1000));
  s.dns.max_in_flight = std::min(256, s.options.jobs * 4);
  return s;
}

std::string PreflightHeader(const PreflightSetup& setup, Lang lang) {
  return Tr(lang, "preflight.header",
            setup.dns.servers.empty() ? Tr(lang, "preflight.system_dns")
                                      : List(setup.dns.servers, lang),
            List(setup.options.provider_ns, lang),
            List(setup.options.dnsbl_zones, lang));
}

}  // namespace renumber
