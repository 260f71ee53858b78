#include "src/cli/migration_inputs.h"

#include <set>

#include "src/core/random.h"

namespace renumber {

bool IsWriteCommand(Command c) {
  return c == Command::kPrepare || c == Command::kCutover ||
         c == Command::kRollback;
}

Result<Expectation> ParseExpectation(const std::string& text) {
  Expectation e;
  if (text.empty()) return e;
  auto bad = [&](const std::string& word) {
    return Status::InvalidArgument(
        "--expect " + word +
            ": not a state to expect; use one or more of: not-started, "
            "prepared, cut-over (comma-separated), or auto",
        "--expect " + word +
            ": 期待する状態として指定できません。not-started、prepared、"
            "cut-over のいずれか（複数はカンマ区切り）、または auto を"
            "指定してください");
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string word = text.substr(start, comma - start);
    start = comma + 1;
    if (word == "auto") {
      e.automatic = true;
      continue;
    }
    auto s = ParseState(word);
    if (!s.ok() || *s == AccountState::kPartial || *s == AccountState::kMissing)
      return bad(word);
    e.states.push_back(*s);
  }
  if (e.automatic && !e.states.empty())
    return Status::InvalidArgument(
        "--expect auto stands alone: it chooses the state per account",
        "--expect auto はほかの状態と一緒には指定できません"
        "（アカウントごとに期待する状態を選びます）");
  return e;
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
          "rollback needs --phase prepare or --phase cutover",
          "rollback には --phase prepare か --phase cutover が必要です");
    }
  }
  RN_ASSIGN_OR_RETURN(o->expect, ParseExpectation(inv.expect));
  if (!inv.cutover_grace.empty()) {
    if (!o->expect.automatic)
      return Status::InvalidArgument(
          "--cutover-grace goes with --expect auto",
          "--cutover-grace は --expect auto と一緒に指定してください");
    auto grace = ParseDuration(inv.cutover_grace);
    if (!grace.ok()) return grace.status().Annotate("--cutover-grace");
    o->expect.grace = std::chrono::duration_cast<std::chrono::seconds>(*grace);
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
        "--new-ip for one account",
        "--plan FILE か、1 アカウント分の --service、--customer、--old-ip、"
        "--new-ip のどちらか一方を指定してください");
  if (single && !inv.only.empty())
    return Status::InvalidArgument(
        "--only narrows a --plan file",
        "--only は --plan のファイルを絞り込むためのものです");
  if (single && !missing.empty())
    return Status::InvalidArgument(
        "one account needs --service, --customer, --old-ip and --new-ip; "
        "missing: " +
            missing,
        "1 アカウント分の指定には --service、--customer、--old-ip、--new-ip "
        "がすべて必要です。足りないもの: " +
            missing);
  // Without a plan, the window gate needs the real end of the maintenance:
  // "now" would let a cutover through at any time.
  if (single && inv.command == Command::kCutover && inv.maintenance_end.empty())
    return Status::InvalidArgument(
        "cutover of one account needs --maintenance-end (RFC 3339, e.g. "
        "2026-12-10T06:00:00+09:00)",
        "1 アカウント分の切替には --maintenance-end（RFC 3339 形式。例: "
        "2026-12-10T06:00:00+09:00）が必要です");
  for (char c : inv.campaign)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' &&
        c != '.')
      return Status::InvalidArgument(
          "--campaign may hold only letters, digits, '.', '-' and '_'",
          "--campaign に使えるのは英字、数字、'.'、'-'、'_' だけです");
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
      return Status::InvalidArgument(
          "--only " + w + ": no such account in the plan",
          "--only " + w + ": 計画ファイルにそのアカウントはありません");
  return out;
}

}  // namespace

Result<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() &&
         std::isdigit(static_cast<unsigned char>(text[digits])))
    ++digits;
  const std::string unit = text.substr(digits);
  long long mult = unit.empty() || unit == "s" ? 1000
                   : unit == "m"               ? 60000
                   : unit == "h"               ? 3600000
                                               : 0;
  if (digits == 0 || digits > 6 || mult == 0)
    return Status::InvalidArgument(
        "'" + text + "' is not a duration: use e.g. 90s, 10m, 1h",
        "'" + text + "' は時間の長さとして読めません。例: 90s、10m、1h");
  const long long ms = std::stoll(text.substr(0, digits)) * mult;
  if (ms <= 0 || ms > 24LL * 3600000)
    return Status::InvalidArgument(
        "the duration '" + text + "' must be more than 0 and at most 24h",
        "時間の長さ '" + text + "' は 0 より長く 24h 以下で指定してください");
  return std::chrono::milliseconds(ms);
}

Status ValidateOptions(const MigrationInvocation& inv, CommandOptions* o) {
  o->command = inv.command;
  o->ignore_window = inv.ignore_window;
  o->offer_ignore_window = !inv.plan_file.empty();
  o->force = inv.force;
  // A dry run writes nothing, not even a vendor's check record; its gates
  // report instead of refusing (dry run is the executor's job; this is
  // only what the gates say).
  o->vendor_checks = !inv.read_only && !inv.dry_run;
  o->gates_report_only = inv.dry_run;
  if (inv.jobs < 1 || inv.jobs > 64)
    return Status::InvalidArgument(
        "--jobs must be between 1 and 64",
        "--jobs には 1 から 64 までの数を指定してください");
  if (inv.wait_lock_seconds < 0 || inv.wait_lock_seconds > 86400)
    return Status::InvalidArgument(
        "--wait-lock must be 0-86400 seconds",
        "--wait-lock には 0〜86400 秒を指定してください");
  o->lock_wait = std::chrono::seconds(inv.wait_lock_seconds);
  if (inv.format != "text" && inv.format != "json" && inv.format != "nagios" &&
      inv.format != "prometheus")
    return Status::InvalidArgument(
        "--format must be text, json, nagios or prometheus",
        "--format には text、json、nagios、prometheus のいずれかを指定して"
        "ください");
  if (!inv.output_file.empty() && inv.format != "prometheus")
    return Status::InvalidArgument(
        "--output goes with --format prometheus",
        "--output は --format prometheus と一緒に指定してください");
  if (inv.json && inv.format != "text" && inv.format != "json")
    return Status::InvalidArgument(
        "--json and --format " + inv.format + " both want stdout: choose one",
        "--json と --format " + inv.format +
            " はどちらも標準出力を使います。どちらか一方にしてください");
  if (!inv.wait_ready.empty()) {
    auto d = ParseDuration(inv.wait_ready);
    if (!d.ok()) return d.status().Annotate("--wait-ready");
    o->wait_ready = *d;
  }
  if (!inv.check_path.empty())
    RN_RETURN_IF_ERROR(CheckPathValid(inv.check_path).Annotate("--check-path"));
  RN_RETURN_IF_ERROR(ValidateRollbackAndExpect(inv, o));
  return ValidateAccountsFlags(inv);
}

Result<std::vector<PlanRow>> LoadRows(const MigrationInvocation& inv,
                                      FileSystem* fs, Clock* clock) {
  PlanOptions po{inv.allow_family_change};
  if (!inv.plan_file.empty()) {
    RN_ASSIGN_OR_RETURN(std::string text, fs->ReadFile(inv.plan_file));
    RN_ASSIGN_OR_RETURN(auto rows, ParsePlanCsv(text, inv.plan_file, po));
    for (PlanRow& r : rows) {  // the flags are the default check
      if (r.target.check_path.empty()) r.target.check_path = inv.check_path;
      if (r.target.check_text.empty()) r.target.check_text = inv.check_text;
    }
    return Narrow(std::move(rows), inv.only);
  }
  RN_ASSIGN_OR_RETURN(
      PlanRow row,
      SingleAccountRow(inv.customer, inv.service, inv.old_ip, inv.new_ip,
                       inv.maintenance_end, inv.ticket, clock->Now(), po));
  row.target.check_path = inv.check_path;
  row.target.check_text = inv.check_text;
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
    const MigrationInvocation& inv, FileSystem* fs, Clock* clock,
    CampaignStore* store) {
  if (!inv.credentials_file.empty())
    return OpenCredentialsFile(fs, inv.credentials_file);
  VaultAccess access = inv.vault;
  access.state_dir_flag = inv.state_dir;
  if (access.operator_name.empty()) access.operator_name = inv.operator_name;
  if (access.ticket.empty()) access.ticket = inv.ticket;
  if (store && store->Shared()) {
    const std::string vault = ResolveVaultPath(access);
    access.audit_copy = [store, vault](const std::vector<std::string>& lines) {
      return store->CopyAudit(vault, lines);
    };
  }
  return OpenVaultCredentialSource(access, fs, clock, SystemRandom());
}

}  // namespace renumber
