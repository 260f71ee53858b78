// What preflight found for one customer: findings with who must act and
// when, and what it saw of each domain.
//
// A finding is one of three levels:
// - kAction: someone must do something (the customer changes a DNS
//   record, asks the provider for reverse DNS, asks a blocklist to delist);
//   `action` says what, `who` and `when` by whom and by when;
// - kInfo: worth knowing, nothing for anyone to do now (the provider edits
//   its own DNS zones after the maintenance; a record already points at
//   the new IP);
// - kError: a check could not be done (DNS timeout, SERVFAIL): nobody
//   knows yet; `action` says to check again.
// Texts are English/Japanese pairs from the message catalog (key
// "preflight.*"). DNS data in them is printable and bounded.
//
// Values; thread-safe.
#ifndef RENUMBER_PREFLIGHT_FINDING_H_
#define RENUMBER_PREFLIGHT_FINDING_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/model/model.h"

namespace renumber {

enum class FindingLevel { kAction, kInfo, kError };
const char* FindingLevelName(FindingLevel level);  // "action", "info", "error"

// Who acts on a finding.
enum class Actor { kNobody, kCustomer, kProvider, kBlocklist };
const char* ActorName(Actor actor);  // "", "customer", "provider", "blocklist"

// By when.
enum class Deadline { kNone, kBeforeMaintenance, kAfterMaintenance };
const char* DeadlineName(Deadline d);  // "", "before-maintenance", ...

struct PreflightFinding {
  // Stable, for scripts: "dns-old-ip", "mx-old-ip", "ptr-missing",
  // "ptr-mismatch", "spf-not-authorised", "spf-permerror", "spf-none",
  // "dnsbl-listed", "dns-error", ... (README lists them).
  std::string kind;
  FindingLevel level = FindingLevel::kInfo;
  std::string domain;   // "" for the new IP's own checks (PTR, blocklists)
  std::string subject;  // "A www.c10001.example.jp", "PTR 198.19.0.10"
  Actor who = Actor::kNobody;
  Deadline when = Deadline::kNone;
  Text text;    // what was found
  Text action;  // what to do; empty for kInfo
  nlohmann::json detail = nlohmann::json::object();  // records, results
};

// One domain as preflight saw it.
struct DomainView {
  std::string name;
  bool mail = false;  // an ESS (mail) domain: SPF is checked
  bool web = false;   // a CDN service domain
  std::string zone;   // the zone that holds it ("" when not found)
  std::vector<std::string> name_servers;
  // "provider" (every name server is the provider's), "other" (none or
  // only some are), "unknown" (the lookup failed or found nothing).
  std::string managed_by = "unknown";
};

struct CustomerPreflight {
  std::string customer;
  std::vector<AccountKey> accounts;
  IpAddress old_ip;
  IpAddress new_ip;
  Timestamp maintenance_end;
  int maintenance_end_offset = 0;
  std::vector<DomainView> domains;
  std::vector<PreflightFinding> findings;
  // The customer's domains could not be listed (the source failed).
  Status domains_status;

  bool NeedsAction() const;
  bool HasErrors() const;
};

struct PreflightReport {
  std::vector<CustomerPreflight> customers;  // in plan order
  Timestamp checked_at;
  double seconds = 0;
};

// "ns1.example, ns2.example" (names as they appear in findings).
std::string JoinNames(const std::vector<std::string>& names);

nlohmann::json FindingJson(const PreflightFinding& f);
nlohmann::json CustomerPreflightJson(const CustomerPreflight& c);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_FINDING_H_
