// The migration plan: a CSV file, one row per customer and service.
//
//   # comments and blank lines are ignored
//   customer,service,old_ip,new_ip,maintenance_end,ticket
//   C-10001,ess,203.0.113.10,198.51.100.20,2026-12-10T06:00:00+09:00,ZL-1
//
// UTF-8 (a BOM is accepted), header required (columns in any order; extra
// columns are refused so a typo is not silently ignored), fields may be
// double-quoted. Two optional columns give the operator's check of the new
// origin for the CDN cutover gate: check_path (starts with '/') and
// check_text (a text the page must contain); empty cells mean none. Every
// bad row is reported (one line each, naming the file and line; an IPv4
// address with leading zeros gets the address to write instead), and
// nothing is changed: malformed CSV, unknown service, invalid or
// non-canonical IPs, old equal to new, mixed families (unless allowed),
// duplicate accounts, a bad timestamp.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ENGINE_PLAN_FILE_H_
#define RENUMBER_ENGINE_PLAN_FILE_H_

#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/model/model.h"

namespace renumber {

struct PlanRow {
  Target target;
  int line = 0;  // 1-based line in the file (0 for the one-account form)
};

struct PlanOptions {
  bool allow_family_change = false;
};

// A check path as the plan and --check-path take it: "/", "/health?x=1";
// kInvalidArgument for anything else (no scheme, no spaces or controls).
Status CheckPathValid(const std::string& path);

Result<std::vector<PlanRow>> ParsePlanCsv(const std::string& text,
                                          const std::string& origin,
                                          const PlanOptions& options);

// The one-account shortcut (--service --customer --old-ip --new-ip), with
// the same checks. maintenance_end "" means "now" (no window to wait for).
Result<PlanRow> SingleAccountRow(const std::string& customer,
                                 const std::string& service,
                                 const std::string& old_ip,
                                 const std::string& new_ip,
                                 const std::string& maintenance_end,
                                 const std::string& ticket, Timestamp now,
                                 const PlanOptions& options);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_PLAN_FILE_H_
