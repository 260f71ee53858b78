#include "src/engine/report.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "src/engine/text.h"
#include "src/http/pacing.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string Seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", ms.count() / 1000.0);
  return buf;
}

void AppendPlan(std::string* out, const Plan& plan, const char* key,
                Lang lang) {
  *out +=
      "  " + Tr(lang, key, WordIn("phase", PhaseName(plan.phase), lang)) + "\n";
  if (plan.changes.empty())
    *out += "    " + Tr(lang, "report.no_changes") + "\n";
  int i = 0;
  for (const Change& c : plan.changes)
    *out +=
        "    " + std::to_string(++i) + ". " + Pick(c.description, lang) + "\n";
  for (const Text& n : plan.notes) *out += "    - " + Pick(n, lang) + "\n";
  for (const Text& w : plan.waiting)
    *out += "    - " + Tr(lang, "report.waiting", Pick(w, lang)) + "\n";
}

// Each line of a multi-line text, indented.
void AppendIndented(std::string* out, const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    *out += "    " + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
}

std::string ResultText(const AccountReport& r, Lang lang) {
  return Tr(lang, std::string("report.result.") + AccountResultName(r.result));
}

// Why an account was refused or failed, without its own name (so that one
// reason shared by many accounts reads the same for each); "" when neither.
std::string ReasonOf(const AccountReport& r, Lang lang) {
  if (r.result == AccountResult::kRefused)
    return Tr(lang, "report.refused", Pick(r.refusal, lang));
  // A pause is said as such (the error with the request it stopped before
  // stays in the journal and in --json).
  if (r.paused_until)
    return Tr(lang, "engine.paused_line", LocalHourMinute(*r.paused_until),
              r.paused_until->ToRfc3339());
  if (r.error.ok()) return "";
  std::string m = Localized(r.error, lang);
  const std::string prefix = r.row.target.account.ToString() + ": ";
  while (m.rfind(prefix, 0) == 0) m.erase(0, prefix.size());
  return Tr(lang, "report.error", m);
}

// "C-1/ess, C-1/cdn, C-2/ess … (+27)": at most `shown` names.
std::string AccountList(const std::vector<std::string>& names, Lang lang,
                        size_t shown = 8) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < shown; ++i)
    out += (i ? ", " : "") + names[i];
  if (names.size() > shown)
    out += " " + Tr(lang, "report.and_more", names.size() - shown);
  return out;
}

// `counts` of the words of `group` as "25 not-started, 3 prepared" (in
// Japanese "未着手 25、事前設定済み 3"), in first-seen order.
std::string CountList(const std::vector<std::pair<std::string, int>>& counts,
                      const char* group, Lang lang) {
  std::string out;
  for (const auto& [name, n] : counts) {
    const std::string word = WordIn(group, name, lang);
    if (lang == Lang::kJa)
      out += (out.empty() ? "" : "、") + word + " " + std::to_string(n);
    else
      out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + word;
  }
  return out;
}

void Count(std::vector<std::pair<std::string, int>>* counts,
           const std::string& name, int n = 1) {
  for (auto& [k, v] : *counts)
    if (k == name) {
      v += n;
      return;
    }
  counts->push_back({name, n});
}

// "[ok]   ", "[FAIL] ", or "[warn] " for a failed check that is only
// reported (Check::blocking false); "［正常］" … in Japanese.
std::string CheckMark(const Check& c, Lang lang) {
  const char* key = c.ok ? "ok" : c.blocking ? "fail" : "warn";
  return PadColumns(WordIn("check", key, lang), 7);
}

}  // namespace

std::string RenderReasons(const std::vector<const AccountReport*>& accounts,
                          Lang lang) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const AccountReport* r : accounts) {
    std::string reason = ReasonOf(*r, lang);
    if (reason.empty()) continue;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == reason; });
    if (it == groups.end()) it = groups.insert(groups.end(), {reason, {}});
    it->second.push_back(r->row.target.account.ToString());
  }
  std::string out;
  for (const auto& [reason, names] : groups) {
    if (names.size() == 1) {
      out += "  " + names[0] + ": " + reason + "\n";
      continue;
    }
    out += "  " + reason + "\n    " +
           Tr(lang, "report.accounts", names.size(), AccountList(names, lang)) +
           "\n";
  }
  return out;
}

std::string RenderPlanSummary(const ConfirmRequest& request, Lang lang) {
  std::vector<std::pair<std::string, int>> states, changes, notes;
  std::vector<std::string> nothing;
  int change_count = 0;
  for (const AccountReport* r : request.all) {
    if (r->state_before) Count(&states, StateName(*r->state_before));
    if (r->result == AccountResult::kNothingToDo)
      nothing.push_back(r->row.target.account.ToString());
    for (const Finding& f : r->findings)
      if (f.kind != Finding::Kind::kOldReference &&
          f.kind != Finding::Kind::kNewReference)
        Count(&notes, FindingKindName(f.kind));
  }
  for (const AccountReport* r : request.with_work)
    for (const Change& c : r->plan.changes) {
      Count(&changes, c.kind);
      ++change_count;
    }
  std::string out = Tr(lang, "report.summary", request.all.size(),
                       request.with_work.size(), change_count) +
                    "\n";
  if (!states.empty())
    out += "  " +
           Tr(lang, "report.summary_states", CountList(states, "state", lang)) +
           "\n";
  if (!changes.empty())
    out +=
        "  " +
        Tr(lang, "report.summary_changes", CountList(changes, "change", lang)) +
        "\n";
  if (!notes.empty())
    out += "  " +
           Tr(lang, "report.summary_notes", CountList(notes, "kind", lang)) +
           "\n";
  if (!nothing.empty())
    out += "  " +
           Tr(lang, "report.summary_nothing", nothing.size(),
              AccountList(nothing, lang)) +
           "\n";
  std::vector<const AccountReport*> left_out;
  for (const AccountReport* r : request.all)
    if (r->result == AccountResult::kRefused || !r->error.ok())
      left_out.push_back(r);
  if (!left_out.empty())
    out += "  " + Tr(lang, "report.summary_left_out", left_out.size()) + "\n" +
           RenderReasons(left_out, lang);
  return out;
}

std::string RenderAccountDetail(const AccountReport& r, Command command,
                                Lang lang) {
  const Target& t = r.row.target;
  const std::string end =
      r.started_at == Timestamp()
          ? t.maintenance_end.ToRfc3339(t.maintenance_end_offset)
          : WhenText(t.maintenance_end, t.maintenance_end_offset, r.started_at,
                     lang);
  std::string out =
      t.account.ToString() + "  " +
      Tr(lang,
         t.ticket.empty() ? "report.account_head"
                          : "report.account_head_ticket",
         t.old_ip.ToString(), t.new_ip.ToString(), end, t.ticket) +
      "\n";
  if (r.state_before)
    out += "  " +
           Tr(lang, "report.state",
              WordIn("state", StateName(*r.state_before), lang)) +
           "\n";
  for (const Finding& f : r.findings)
    out += "  " +
           PadColumns(WordIn("kind", FindingKindName(f.kind), lang),
                      lang == Lang::kJa ? 18 : 16) +
           Pick(f.text, lang) + "\n";
  for (const Check& c : r.checks)
    out += "  " + CheckMark(c, lang) + c.name +
           (Pick(c.detail, lang).empty() ? "" : ": " + Pick(c.detail, lang)) +
           "\n";
  if (command == Command::kPlan) {
    if (!r.plan.changes.empty() || r.state_before)
      AppendPlan(&out, r.plan, "report.would", lang);
    if (r.cutover_plan) AppendPlan(&out, *r.cutover_plan, "report.would", lang);
  } else if (command != Command::kVerify &&
             (!r.plan.changes.empty() || !r.plan.waiting.empty())) {
    AppendPlan(&out, r.plan, "report.will", lang);
  }
  for (const Text& a : r.appendix) AppendIndented(&out, Pick(a, lang));
  for (const Text& n : r.notes) out += "  ! " + Pick(n, lang) + "\n";
  if (r.result == AccountResult::kRefused)
    out += "  " + Tr(lang, "report.refused", Pick(r.refusal, lang)) + "\n";
  if (!r.error.ok())
    out += "  " + Tr(lang, "report.error", Localized(r.error, lang)) + "\n";
  return out;
}

std::string RenderSummaryTable(const CampaignResult& result, Command command,
                               Lang lang) {
  std::string out = PadColumns(Tr(lang, "report.col.account"), 22) +
                    PadColumns(Tr(lang, "report.col.phase"), 18) +
                    PadColumns(Tr(lang, "report.col.result"), 16) +
                    PadColumns(Tr(lang, "report.col.state"), 13) +
                    PadColumns(Tr(lang, "report.col.writes"), 10) +
                    Tr(lang, "report.col.time") + "\n";
  constexpr int kResults = static_cast<int>(AccountResult::kPaused) + 1;
  int counts[kResults] = {0};
  for (const AccountReport& r : result.accounts) {
    ++counts[static_cast<int>(r.result)];
    std::string state =
        r.state_after    ? WordIn("state", StateName(*r.state_after), lang)
        : r.state_before ? WordIn("state", StateName(*r.state_before), lang)
                         : "-";
    std::string phase =
        WordIn("phase",
               command == Command::kPlan || command == Command::kVerify
                   ? CommandName(command)
                   : PhaseName(r.phase),
               lang);
    out += PadColumns(r.row.target.account.ToString(), 22) +
           PadColumns(phase, 18) + PadColumns(ResultText(r, lang), 16) +
           PadColumns(state, 13) +
           PadColumns(std::to_string(r.execution.writes), 10) +
           Seconds(r.elapsed) + "\n";
  }
  std::vector<const AccountReport*> all;
  size_t held = 0;
  for (const AccountReport& r : result.accounts) {
    all.push_back(&r);
    held += !r.held_by.en.empty();
  }
  out += RenderReasons(all, lang);
  std::string summary;
  for (int i = 0; i < kResults; ++i) {
    if (!counts[i]) continue;
    if (!summary.empty()) summary += ", ";
    summary += std::to_string(counts[i]) + " " +
               Tr(lang, std::string("report.result.") +
                            AccountResultName(static_cast<AccountResult>(i)));
  }
  // "paused until HH:MM" in the last line too: the earliest resume time.
  std::optional<Timestamp> resume;
  for (const AccountReport& r : result.accounts)
    if (r.paused_until && (!resume || *r.paused_until < *resume))
      resume = r.paused_until;
  if (resume)
    summary +=
        " (" + Tr(lang, "report.paused_until", LocalHourMinute(*resume)) + ")";
  out += Tr(lang,
            result.accounts.size() == 1 ? "report.total_one" : "report.total",
            result.accounts.size(), summary) +
         "\n";
  // Two terminals that started the same batch each did a part: say so
  // where nobody can miss it.
  if (held)
    out +=
        Tr(lang, "report.held_elsewhere", held, result.accounts.size()) + "\n";
  return out;
}

json AccountJson(const AccountReport& r) {
  const Target& t = r.row.target;
  json j = {{"account", t.account.ToString()},
            {"customer", t.account.customer},
            {"service", ServiceName(t.account.service)},
            {"old_ip", t.old_ip.ToString()},
            {"new_ip", t.new_ip.ToString()},
            {"maintenance_end", t.maintenance_end.ToRfc3339()},
            {"ticket", t.ticket},
            {"phase", PhaseName(r.phase)},
            {"result", AccountResultName(r.result)},
            {"writes", r.execution.writes},
            {"ms", r.elapsed.count()}};
  j["state_before"] =
      r.state_before ? json(StateName(*r.state_before)) : json();
  j["state_after"] = r.state_after ? json(StateName(*r.state_after)) : json();
  if (!r.expected.empty()) {
    json expected = json::array();
    for (AccountState e : r.expected) expected.push_back(StateName(e));
    j["expected"] = expected;
  }
  json findings = json::array();
  for (const Finding& f : r.findings)
    findings.push_back({{"kind", FindingKindName(f.kind)},
                        {"object", f.object},
                        {"text", f.text.en}});
  j["findings"] = findings;
  auto plan_json = [](const Plan& p) {
    json changes = json::array();
    for (const Change& c : p.changes)
      changes.push_back({{"id", c.id},
                         {"kind", c.kind},
                         {"description", c.description.en},
                         {"removes_reference", c.removes_reference}});
    json waiting = json::array();
    for (const Text& w : p.waiting) waiting.push_back(w.en);
    return json{{"phase", PhaseName(p.phase)},
                {"projected", p.projected},
                {"changes", changes},
                {"waiting", waiting}};
  };
  j["plan"] = plan_json(r.plan);
  if (r.cutover_plan) j["cutover_plan"] = plan_json(*r.cutover_plan);
  json checks = json::array();
  for (const Check& c : r.checks)
    checks.push_back({{"name", c.name},
                      {"ok", c.ok},
                      {"blocking", c.blocking},
                      {"detail", c.detail.en}});
  j["checks"] = checks;
  json applied = json::array();
  for (const ChangeReport& c : r.execution.changes)
    applied.push_back(
        {{"id", c.change.id},
         {"applied", c.applied},
         {"wrote", c.wrote},
         {"writes", c.writes},
         {"error", c.status.ok() ? json() : json(c.status.message())}});
  j["applied"] = applied;
  j["error"] = r.error.ok() ? json()
                            : json{{"code", CodeName(r.error.code())},
                                   {"message", r.error.message()}};
  j["refusal"] =
      r.result == AccountResult::kRefused ? json(r.refusal.en) : json();
  j["paused_until"] =
      r.paused_until ? json(r.paused_until->ToRfc3339()) : json();
  json waiting = json::array();
  for (const Text& w : r.waiting) waiting.push_back(w.en);
  j["waiting"] = waiting;
  json appendix = json::array();
  for (const Text& a : r.appendix) appendix.push_back(a.en);
  j["appendix"] = appendix;
  json notes = json::array();
  for (const Text& n : r.notes) notes.push_back(n.en);
  j["notes"] = notes;
  return j;
}

namespace {

json CampaignAccountJson(const AccountReport& r, Command command) {
  json j = AccountJson(r);
  // plan and verify run no phase: name the command instead.
  if (command == Command::kPlan || command == Command::kVerify)
    j["phase"] = CommandName(command);
  return j;
}

// Every member of the campaign document but "accounts".
json CampaignHead(const CampaignResult& result, Command command,
                  const std::string& campaign, int exit_code) {
  json counts = json::object();
  for (const AccountReport& r : result.accounts)
    counts[AccountResultName(r.result)] =
        counts.value(AccountResultName(r.result), 0) + 1;
  return {{"command", CommandName(command)},
          {"campaign", campaign},
          {"summary", counts},
          {"declined", result.declined},
          {"exit_code", exit_code}};
}

// `text` (a dump(2)) as it reads `depth` spaces further in: dump escapes
// newlines inside strings, so each newline starts a line of the layout.
std::string Indented(const std::string& text, size_t depth) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(depth, ' ');
  }
  return out;
}

}  // namespace

json CampaignJson(const CampaignResult& result, Command command,
                  const std::string& campaign, int exit_code) {
  json doc = CampaignHead(result, command, campaign, exit_code);
  json accounts = json::array();
  for (const AccountReport& r : result.accounts)
    accounts.push_back(CampaignAccountJson(r, command));
  doc["accounts"] = std::move(accounts);
  return doc;
}

std::string CampaignJsonText(const CampaignResult& result, Command command,
                             const std::string& campaign, int exit_code,
                             const json& extra,
                             const std::function<void(json*)>& each) {
  json head = CampaignHead(result, command, campaign, exit_code);
  for (const auto& [key, value] : extra.items()) head[key] = value;
  head.erase("accounts");
  // Members in the document's order (nlohmann::json sorts object keys), the
  // accounts' array at its place, two spaces a level as dump(2) writes.
  std::string out = "{";
  bool first = true;
  auto member = [&](const std::string& key, const std::string& value) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += json(key).dump() + ": " + value;
  };
  auto accounts = [&]() {
    if (result.accounts.empty()) return member("accounts", "[]");
    std::string text = "[";
    for (size_t i = 0; i < result.accounts.size(); ++i) {
      json a = CampaignAccountJson(result.accounts[i], command);
      if (each) each(&a);
      text += (i ? ",\n    " : "\n    ") + Indented(a.dump(2), 4);
    }
    member("accounts", text + "\n  ]");
  };
  bool placed = false;
  for (const auto& [key, value] : head.items()) {
    if (!placed && key > "accounts") {
      accounts();
      placed = true;
    }
    member(key, Indented(value.dump(2), 2));
  }
  if (!placed) accounts();
  return out + "\n}";
}

}  // namespace renumber
