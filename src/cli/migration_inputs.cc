#include "src/cli/migration_inputs.h"

#include <set>

#include "src/core/random.h"

namespace renumber {

bool IsWriteCommand(Command c) {
  return c == Command::kPrepare || c == Command::kCutover ||
         c == Command::kRollback;
}

namespace {

Status ValidateRollbackAndExpect(const MigrationInvocation& inv,
                                 CommandOptions* o) {
  if (inv.command == Command::kRollback) {
    if (inv.rollback_phase == "prepare") {
      o->rollback_of = Phase::kPrepare;
    } else if (inv.rollback_phase == "cutover") {
      o->rollback_of = Phase::kCutover;
    } else {
      return Status::InvalidArgument(
          "rollback needs --phase prepare or --phase cutover");
    }
  }
  if (!inv.expect.empty()) {
    RN_ASSIGN_OR_RETURN(AccountState s, ParseState(inv.expect));
    if (s == AccountState::kPartial || s == AccountState::kMissing)
      return Status::InvalidArgument(
          "--expect takes not-started, prepared or cut-over");
    o->expect = s;
  }
  return Status::Ok();
}

Status ValidateAccountsFlags(const MigrationInvocation& inv) {
  const std::pair<const char*, const std::string*> one_account[] = {
      {"--service", &inv.service},
      {"--customer", &inv.customer},
      {"--old-ip", &inv.old_ip},
      {"--new-ip", &inv.new_ip}};
  std::string missing;
  bool single = false;
  for (const auto& [flag, value] : one_account) {
    single = single || !value->empty();
    if (value->empty())
      missing += std::string(missing.empty() ? "" : ", ") + flag;
  }
  if (inv.plan_file.empty() == !single)
    return Status::InvalidArgument(
        "give either --plan FILE, or --service, --customer, --old-ip and "
        "--new-ip for one account");
  if (single && !inv.only.empty())
    return Status::InvalidArgument("--only narrows a --plan file");
  if (single && !missing.empty())
    return Status::InvalidArgument(
        "one account needs --service, --customer, --old-ip and --new-ip; "
        "missing: " +
        missing);
  // Without a plan, the window gate needs the real end of the maintenance:
  // "now" would let a cutover through at any time.
  if (single && inv.command == Command::kCutover && inv.maintenance_end.empty())
    return Status::InvalidArgument(
        "cutover of one account needs --maintenance-end (RFC 3339, e.g. "
        "2026-12-10T06:00:00+09:00)");
  for (char c : inv.campaign)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' &&
        c != '.')
      return Status::InvalidArgument(
          "--campaign may hold only letters, digits, '.', '-' and '_'");
  return Status::Ok();
}

// Keeps the rows named by --only ("C-10001" or "C-10001/ess").
Result<std::vector<PlanRow>> Narrow(std::vector<PlanRow> rows,
                                    const std::vector<std::string>& only) {
  if (only.empty()) return rows;
  for (const std::string& w : only) {
    size_t slash = w.find('/');
    RN_RETURN_IF_ERROR(
        ValidateCustomerId(w.substr(0, slash)).Annotate("--only"));
    if (slash != std::string::npos)
      RN_RETURN_IF_ERROR(
          ParseService(w.substr(slash + 1)).status().Annotate("--only"));
  }
  std::set<std::string> wanted(only.begin(), only.end()), used;
  std::vector<PlanRow> out;
  for (PlanRow& r : rows) {
    std::string key = r.target.account.ToString();
    std::string customer = r.target.account.customer;
    if (wanted.count(key) || wanted.count(customer)) {
      used.insert(wanted.count(key) ? key : customer);
      out.push_back(std::move(r));
    }
  }
  for (const std::string& w : wanted)
    if (!used.count(w))
      return Status::InvalidArgument("--only " + w +
                                     ": no such account in the plan");
  return out;
}

}  // namespace

Status ValidateOptions(const MigrationInvocation& inv, CommandOptions* o) {
  o->command = inv.command;
  o->ignore_window = inv.ignore_window;
  o->force = inv.force;
  o->vendor_checks = !inv.read_only;
  if (inv.jobs < 1 || inv.jobs > 64)
    return Status::InvalidArgument("--jobs must be between 1 and 64");
  if (inv.wait_lock_seconds < 0 || inv.wait_lock_seconds > 86400)
    return Status::InvalidArgument("--wait-lock must be 0-86400 seconds");
  o->lock_wait = std::chrono::seconds(inv.wait_lock_seconds);
  if (inv.format != "text" && inv.format != "json")
    return Status::InvalidArgument("--format must be text or json");
  RN_RETURN_IF_ERROR(ValidateRollbackAndExpect(inv, o));
  return ValidateAccountsFlags(inv);
}

Result<std::vector<PlanRow>> LoadRows(const MigrationInvocation& inv,
                                      FileSystem* fs, Clock* clock) {
  PlanOptions po{inv.allow_family_change};
  if (!inv.plan_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(inv.plan_file));
    RN_ASSIGN_OR_RETURN(auto rows, ParsePlanCsv(text, inv.plan_file, po));
    return Narrow(std::move(rows), inv.only);
  }
  RN_ASSIGN_OR_RETURN(
      PlanRow row,
      SingleAccountRow(inv.customer, inv.service, inv.old_ip, inv.new_ip,
                       inv.maintenance_end, inv.ticket, clock->Now(), po));
  return std::vector<PlanRow>{row};
}

std::string CampaignName(const MigrationInvocation& inv) {
  if (!inv.campaign.empty()) return inv.campaign;
  if (inv.plan_file.empty()) return "single-" + inv.customer;
  std::string base = inv.plan_file.substr(inv.plan_file.rfind('/') + 1);
  if (size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0)
    base.resize(dot);
  std::string safe;
  for (char c : base)
    safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                    c == '_' || c == '.'
                ? c
                : '_';
  return safe.empty() ? "campaign" : safe;
}

Result<std::unique_ptr<CredentialSource>> OpenSource(
    const MigrationInvocation& inv, FileSystem* fs, Clock* clock) {
  if (!inv.credentials_file.empty())
    return OpenCredentialsFile(fs, inv.credentials_file);
  VaultAccess access = inv.vault;
  access.state_dir_flag = inv.state_dir;
  if (access.operator_name.empty()) access.operator_name = inv.operator_name;
  if (access.ticket.empty()) access.ticket = inv.ticket;
  return OpenVaultCredentialSource(access, fs, clock, SystemRandom());
}

Status CheckCredentials(CredentialSource* src, const std::vector<PlanRow>& rows,
                        bool from_vault, const std::string& plan_file) {
  std::set<std::string> have;
  for (const AccountKey& k : src->Accounts()) have.insert(k.ToString());
  std::string missing;
  for (const PlanRow& r : rows)
    if (!have.count(r.target.account.ToString()))
      missing += (missing.empty() ? "" : ", ") +
                 (r.line > 0 ? plan_file + ":" + std::to_string(r.line) + ": "
                             : std::string()) +
                 r.target.account.ToString();
  if (missing.empty()) return Status::Ok();
  return Status::InvalidArgument(
      "no credentials for " + missing +
      (from_vault ? " (not in the vault, or the entry expired: see renumber "
                    "vault list)"
                  : ""));
}

}  // namespace renumber
