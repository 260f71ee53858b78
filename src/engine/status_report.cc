#include "src/engine/status_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "src/engine/journal.h"
#include "src/engine/text.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// "C-10/ess" sorts as (customer, service in registration order: ESS
// first); an unknown service first.
std::pair<std::string, Service> SortKey(const std::string& account) {
  size_t slash = account.rfind('/');
  if (slash == std::string::npos) return {account, Service()};
  auto service = ParseService(account.substr(slash + 1));
  return {account.substr(0, slash), service.ok() ? *service : Service()};
}

// Whether the RFC 3339 time `a` is before `b`. Parsed: the fraction's
// length varies ("…:01.52Z" is after "…:01.5Z", and "…:01.3Z" after
// "…:01Z"), so the strings do not sort as the times do. Unreadable ones
// compare as text.
bool Before(const std::string& a, const std::string& b) {
  auto ta = Timestamp::ParseRfc3339(a);
  auto tb = Timestamp::ParseRfc3339(b);
  if (ta.ok() && tb.ok()) return *ta < *tb;
  return a < b;
}

void Apply(const json& r, const std::string& campaign, AccountStatus* s) {
  const std::string type = r.value("type", "");
  s->campaign = campaign;
  s->when = r.value("t", s->when);
  if (type == "intent") {
    // A phase in progress: until its account-end arrives, it is
    // "interrupted" (the process may have died).
    s->phase = r.value("phase", "");
    s->result = "interrupted";
    s->state.clear();  // unknown until read back: run verify
    s->writes = 0;     // of this run, unknown until its end
    s->operator_name = r.value("operator", "");
    s->changed_by = s->operator_name;
    s->changed_at = s->when;
  } else if (type == "outcome") {
    if (!r.value("ok", true) && r.contains("error")) {
      s->last_error = r["error"].value("message", "");
      s->last_error_ja = r["error"].value("message_ja", "");
    }
  } else if (type == "account-end") {
    s->phase = r.value("phase", "");
    s->result = r.value("result", "");
    s->state = r.value("state", s->state);
    s->writes = r.value("writes", 0);
    s->operator_name = r.value("operator", "");
    if (s->writes > 0) {
      s->changed_by = s->operator_name;
      s->changed_at = s->when;
    }
    if (r.contains("error")) {
      s->last_error = r["error"].value("message", "");
      s->last_error_ja = r["error"].value("message_ja", "");
    } else if (r.contains("refusal")) {
      s->last_error = r.value("refusal", "");
      s->last_error_ja = r.value("refusal_ja", "");
    } else if (s->result == "done" || s->result == "nothing-to-do") {
      s->last_error.clear();
      s->last_error_ja.clear();
    }
    AccountEndDetails d = ReadAccountEndDetails(r);
    if (d.target) s->target = d.target;
    if (d.findings) {
      s->findings = std::move(*d.findings);
      s->findings_at = s->when;
    }
    if (d.checks) {
      s->checks = std::move(*d.checks);
      s->checks_at = s->when;
    }
  }
}

// The history step `r` is, if it is one: an account-end, or the first
// intent of a run for an account (`seen` remembers run and account).
void AddEvent(const json& r, std::set<std::string>* seen,
              std::vector<AccountEvent>* events) {
  const std::string type = r.value("type", "");
  auto at = Timestamp::ParseRfc3339(r.value("t", ""));
  AccountEvent e{at.ok() ? *at : Timestamp(), r.value("account", ""), type, "",
                 ""};
  if (type == "intent") {
    if (!seen->insert(r.value("run", "") + " " + e.account).second) return;
  } else if (type == "account-end") {
    e.result = r.value("result", "");
    e.state = r.value("state", "");
  } else {
    return;
  }
  events->push_back(std::move(e));
}

// A journal time in the reader's local zone, to the minute.
std::string LocalTime(const std::string& rfc3339) {
  auto t = Timestamp::ParseRfc3339(rfc3339);
  if (!t.ok()) return rfc3339.empty() ? "-" : rfc3339;
  Timestamp whole = Timestamp::FromUnixSeconds(t->unix_seconds());
  std::string local = whole.ToRfc3339(whole.LocalOffsetMinutes());
  // 2026-12-10T06:00:00+09:00 -> 2026-12-10 06:00+09:00
  return local.substr(0, 10) + " " + local.substr(11, 5) + local.substr(19);
}

}  // namespace

Result<std::vector<CampaignJournal>> ReadJournalDir(FileSystem* fs,
                                                    const std::string& dir) {
  std::vector<CampaignJournal> out;
  std::vector<std::string> names;
  if (fs->Exists(dir)) {
    RN_ASSIGN_OR_RETURN(names, fs->ListDir(dir));
  }
  const std::string ext = ".journal";
  for (const std::string& name : names) {
    if (name.size() <= ext.size() ||
        name.compare(name.size() - ext.size(), ext.size(), ext) != 0)
      continue;
    CampaignJournal j;
    j.campaign = name.substr(0, name.size() - ext.size());
    j.name = name;
    RN_ASSIGN_OR_RETURN(j.contents, ReadJournal(fs, dir + "/" + name));
    out.push_back(std::move(j));
  }
  return out;
}

Result<StatusReport> BuildStatus(FileSystem* fs, const std::string& dir,
                                 const std::string& campaign) {
  RN_ASSIGN_OR_RETURN(std::vector<CampaignJournal> journals,
                      ReadJournalDir(fs, dir));
  return BuildStatusFrom(journals, dir, campaign);
}

Result<StatusReport> BuildStatusFrom(
    const std::vector<CampaignJournal>& journals, const std::string& where,
    const std::string& campaign) {
  StatusReport out;
  out.journal_dir = where;
  std::map<std::string, AccountStatus> by_account;
  std::string campaigns;
  std::set<std::string> intents_seen;
  bool found = campaign.empty();
  for (const CampaignJournal& j : journals) {
    const std::string& camp = j.campaign;
    campaigns += (campaigns.empty() ? "" : ", ") + camp;
    if (!campaign.empty() && camp != campaign) continue;
    found = true;
    const JournalContents& c = j.contents;
    for (int line : c.corrupt_lines)
      out.warnings.push_back(
          j.name + ":" + std::to_string(line) + ": corrupt record skipped" +
          (c.torn_tail && line == c.corrupt_lines.back() ? " (torn by a crash)"
                                                         : ""));
    for (const json& r : c.records) {
      std::string acct = r.value("account", "");
      // What verify saw is not a phase of the account.
      if (acct.empty() || r.value("type", "") == "observation") continue;
      AddEvent(r, &intents_seen, &out.events);
      AccountStatus& s = by_account[acct];
      s.account = acct;
      // Several campaigns may touch one account: the latest record wins.
      if (!s.when.empty() && Before(r.value("t", ""), s.when)) continue;
      Apply(r, camp, &s);
    }
  }
  if (!found)
    return Status::NotFound(
        "no campaign '" + campaign + "' in " + where + " (" +
            (campaigns.empty() ? "no journals there yet"
                               : "campaigns: " + campaigns) +
            ")",
        where + " に作業 '" + campaign + "' の記録はありません（" +
            (campaigns.empty() ? "まだジャーナルがありません"
                               : "記録のある作業: " + campaigns) +
            "）");
  for (auto& [k, v] : by_account) out.accounts.push_back(v);
  std::stable_sort(
      out.events.begin(), out.events.end(),
      [](const AccountEvent& a, const AccountEvent& b) { return a.at < b.at; });
  std::stable_sort(out.accounts.begin(), out.accounts.end(),
                   [](const AccountStatus& a, const AccountStatus& b) {
                     return SortKey(a.account) < SortKey(b.account);
                   });
  return out;
}

void RestrictToPlan(StatusReport* report,
                    const std::vector<AccountKey>& plan_accounts) {
  std::map<std::string, AccountStatus> known;
  for (AccountStatus& s : report->accounts) known[s.account] = std::move(s);
  report->accounts.clear();
  for (const AccountKey& key : plan_accounts) {
    auto it = known.find(key.ToString());
    if (it != known.end()) {
      report->accounts.push_back(it->second);
      continue;
    }
    AccountStatus never;
    never.account = key.ToString();
    never.result = "not-run";
    report->accounts.push_back(never);
  }
}

std::map<std::string, Timestamp> LastChanges(const std::vector<json>& records) {
  std::map<std::string, Timestamp> out;
  for (const json& r : records) {
    if (r.value("type", "") != "outcome" || !r.value("wrote", false)) continue;
    auto t = Timestamp::ParseRfc3339(r.value("t", ""));
    if (t.ok()) out[r.value("account", "")] = *t;
  }
  return out;
}

bool NeedsAttention(const StatusReport& report) {
  for (const AccountStatus& s : report.accounts)
    if (s.result == "interrupted" || s.result == "failed" ||
        s.result == "refused")
      return true;
  return false;
}

std::string RenderStatus(const StatusReport& report, Lang lang) {
  if (report.accounts.empty())
    return Tr(lang, "status.empty", report.journal_dir) + "\n";
  auto row = [](const std::string& a, const std::string& b,
                const std::string& c, const std::string& d,
                const std::string& e, const std::string& by,
                const std::string& f) {
    std::string line = PadColumns(a, 20) + PadColumns(b, 18) +
                       PadColumns(c, 15) + PadColumns(d, 13) +
                       PadColumns(e, 22) + PadColumns(by, 14) + f;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out =
      row(Tr(lang, "status.col.account"), Tr(lang, "status.col.phase"),
          Tr(lang, "status.col.result"), Tr(lang, "status.col.state"),
          Tr(lang, "status.col.when"), Tr(lang, "status.col.by"),
          Tr(lang, "status.col.error"));
  for (const AccountStatus& s : report.accounts)
    out +=
        row(s.account, s.phase.empty() ? "-" : WordIn("phase", s.phase, lang),
            WordIn("result", s.result, lang),
            s.state.empty() ? "-" : WordIn("state", s.state, lang),
            LocalTime(s.when), s.changed_by.empty() ? "-" : s.changed_by,
            lang == Lang::kJa && !s.last_error_ja.empty() ? s.last_error_ja
                                                          : s.last_error);
  for (const std::string& w : report.warnings)
    out += Tr(lang, "status.warning", w) + "\n";
  return out;
}

json StatusJson(const StatusReport& report) {
  json accounts = json::array();
  for (const AccountStatus& s : report.accounts)
    accounts.push_back(
        {{"account", s.account},
         {"campaign", s.campaign},
         {"phase", s.phase},
         {"result", s.result},
         {"state", s.state.empty() ? json() : json(s.state)},
         {"last_error", s.last_error.empty() ? json() : json(s.last_error)},
         {"when", s.when},
         {"operator", s.operator_name},
         {"changed_by", s.changed_by.empty() ? json() : json(s.changed_by)},
         {"changed_at", s.changed_at.empty() ? json() : json(s.changed_at)},
         {"writes", s.writes}});
  return {{"accounts", accounts}, {"warnings", report.warnings}};
}

}  // namespace renumber
