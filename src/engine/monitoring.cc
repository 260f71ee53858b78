#include "src/engine/monitoring.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <vector>

#include "src/engine/text.h"

namespace renumber {
namespace {

// CRITICAL > WARNING > UNKNOWN > OK.
int Rank(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return 3;
    case Severity::kWarning:
      return 2;
    case Severity::kUnknown:
      return 1;
    case Severity::kOk:
      return 0;
  }
  return 0;
}

// A Text whose argument is itself a time in each reader's language.
Text WhenKey(const char* key, const Target& t, Timestamp now) {
  return Text{
      Tr(Lang::kEn, key,
         WhenText(t.maintenance_end, t.maintenance_end_offset, now, Lang::kEn)),
      Tr(Lang::kJa, key,
         WhenText(t.maintenance_end, t.maintenance_end_offset, now,
                  Lang::kJa))};
}

// The failing checks that count: a check that is only reported (our own
// probe finding a port filtered from here, as customers are asked to) does
// not make an account WARNING or CRITICAL.
// At most three are named, so that a Nagios line stays readable for an
// account with fifty custom domains; the rest are counted.
std::string FailingChecks(const AccountReport& r) {
  constexpr int kNamed = 3;
  std::string out;
  int failing = 0;
  for (const Check& c : r.checks) {
    if (c.ok || !c.blocking) continue;
    if (++failing <= kNamed) out += (out.empty() ? "" : "; ") + c.name;
  }
  if (failing > kNamed)
    out += "; +" + std::to_string(failing - kNamed) + " more";
  return out;
}

// Our probes whose new server answers differently from the old one, where
// that is not the normal state of things (before the maintenance the new
// origin may still serve a placeholder: expected).
std::string DifferingProbes(const AccountReport& r) {
  std::string out;
  for (const Check& c : r.checks)
    if (c.comparison == "differs" && !c.expected)
      out += (out.empty() ? "" : "; ") + c.name;
  return out;
}

// Every state, in the order monitoring lists them.
constexpr AccountState kStates[] = {
    AccountState::kNotStarted,    AccountState::kPrepared,
    AccountState::kPreparedStale, AccountState::kCutOver,
    AccountState::kPartial,       AccountState::kMissing};

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// A Prometheus label value: backslash, double quote and line feed escaped.
std::string LabelValue(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string AccountLabels(const AccountReport& r) {
  const AccountKey& a = r.row.target.account;
  return "customer=\"" + LabelValue(a.customer) + "\",service=\"" +
         ServiceName(a.service) + "\"";
}

void Family(std::string* out, const char* name, const char* help) {
  *out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name +
          " gauge\n";
}

double Seconds(Timestamp t) { return t.unix_micros() / 1e6; }

}  // namespace

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kOk:
      return "OK";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kCritical:
      return "CRITICAL";
    case Severity::kUnknown:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}

Verdict Judge(const AccountReport& r, Timestamp now,
              std::chrono::seconds grace) {
  const Target& t = r.row.target;
  if (r.result == AccountResult::kFailed || !r.state_after)
    return {Severity::kUnknown,
            T("monitor.unknown",
              r.error.ok() ? Text{"-", "-"}
                           : Text{r.error.message(), r.error.Message(true)})};
  const AccountState state = *r.state_after;
  const std::string failing = FailingChecks(r);
  if (state == AccountState::kMissing)
    return {Severity::kCritical, T("monitor.missing")};
  if (state == AccountState::kCutOver && !failing.empty())
    return {Severity::kCritical, T("monitor.new_down", failing)};
  if (state != AccountState::kCutOver && now >= t.maintenance_end + grace)
    return {Severity::kCritical, WhenKey("monitor.not_cut_over", t, now)};
  if (state != AccountState::kCutOver && now >= t.maintenance_end)
    return {Severity::kWarning, WhenKey("monitor.cutover_due_now", t, now)};
  if (state == AccountState::kPartial)
    return {Severity::kWarning, T("monitor.partial")};
  if (state == AccountState::kPreparedStale)
    return {Severity::kWarning, T("monitor.prepared_stale")};
  // A state among the expected ones with a failing check is named by the
  // check (verify reports it as not expected too, but the state is right).
  const bool state_expected =
      r.expected.empty() || std::find(r.expected.begin(), r.expected.end(),
                                      state) != r.expected.end();
  if (r.result == AccountResult::kNotExpected && !state_expected)
    return {Severity::kWarning, T("monitor.not_expected", StateWord(state))};
  if (!failing.empty())
    return {Severity::kWarning, T("monitor.check", failing)};
  if (const std::string differs = DifferingProbes(r); !differs.empty())
    return {Severity::kWarning, T("monitor.differs", differs)};
  if (state == AccountState::kPrepared &&
      t.maintenance_end - now < std::chrono::hours(24))
    return {Severity::kWarning, WhenKey("monitor.cutover_soon", t, now)};
  return {};
}

NagiosOutput RenderNagios(const MonitoringRun& run, Lang lang) {
  std::vector<std::pair<Verdict, const AccountReport*>> judged;
  int counts[4] = {0, 0, 0, 0};
  int states[std::size(kStates)] = {};
  Severity worst = Severity::kOk;
  for (const AccountReport& r : run.result->accounts) {
    Verdict v = Judge(r, run.now, run.grace);
    ++counts[static_cast<int>(v.severity)];
    if (r.state_after) ++states[static_cast<int>(*r.state_after)];
    if (Rank(v.severity) > Rank(worst)) worst = v.severity;
    judged.push_back({v, &r});
  }
  const size_t n = run.result->accounts.size();
  NagiosOutput out;
  out.exit_code = static_cast<int>(worst);
  out.text = std::string("RENUMBER ") + SeverityName(worst) + " - " +
             Tr(lang, "monitor.summary", counts[2], counts[1], counts[3], n) +
             " | accounts=" + std::to_string(n) +
             " critical=" + std::to_string(counts[2]) +
             " warning=" + std::to_string(counts[1]) +
             " unknown=" + std::to_string(counts[3]) +
             " ok=" + std::to_string(counts[0]);
  for (AccountState s : kStates) {
    std::string label = StateName(s);
    for (char& c : label)
      if (c == '-') c = '_';
    out.text += " " + label + "=" + std::to_string(states[static_cast<int>(s)]);
  }
  out.text += " duration=" + Number(run.duration.count() / 1000.0) + "s\n";
  // The accounts behind the status, worst first.
  for (Severity s :
       {Severity::kCritical, Severity::kWarning, Severity::kUnknown})
    for (const auto& [v, r] : judged)
      if (v.severity == s)
        out.text += std::string(SeverityName(s)) + " " +
                    r->row.target.account.ToString() + ": " +
                    Pick(v.why, lang) + "\n";
  return out;
}

std::string RenderPrometheus(const MonitoringRun& run) {
  std::string out;
  Family(&out, "renumber_verify_timestamp_seconds",
         "When this check ran (Unix time).");
  out += "renumber_verify_timestamp_seconds " + Number(Seconds(run.now)) + "\n";
  Family(&out, "renumber_verify_duration_seconds", "How long the check took.");
  out += "renumber_verify_duration_seconds " +
         Number(run.duration.count() / 1000.0) + "\n";
  Family(&out, "renumber_build_info", "The renumber version that checked.");
  out += "renumber_build_info{version=\"" + LabelValue(run.version) + "\"} 1\n";
  const auto& accounts = run.result->accounts;
  Family(&out, "renumber_account_up",
         "1 when the account could be read from its vendor, 0 when not.");
  for (const AccountReport& r : accounts)
    out += "renumber_account_up{" + AccountLabels(r) + "} " +
           (r.state_after ? "1" : "0") + "\n";
  Family(&out, "renumber_account_state",
         "1 for the state the account is in (read back from the vendor), 0 "
         "for the others.");
  for (const AccountReport& r : accounts)
    for (AccountState s : kStates)
      out += "renumber_account_state{" + AccountLabels(r) + ",state=\"" +
             StateName(s) + "\"} " +
             (r.state_after && *r.state_after == s ? "1" : "0") + "\n";
  Family(&out, "renumber_account_severity",
         "The account's monitoring verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 "
         "UNKNOWN.");
  for (const AccountReport& r : accounts)
    out += "renumber_account_severity{" + AccountLabels(r) + "} " +
           std::to_string(
               static_cast<int>(Judge(r, run.now, run.grace).severity)) +
           "\n";
  Family(&out, "renumber_account_check_ok",
         "1 when the check (vendor check or our own probe) passed, 0 when "
         "not.");
  for (const AccountReport& r : accounts)
    for (const Check& c : r.checks)
      out += "renumber_account_check_ok{" + AccountLabels(r) + ",check=\"" +
             LabelValue(c.name) + "\"} " + (c.ok ? "1" : "0") + "\n";
  Family(&out, "renumber_account_check_latency_seconds",
         "How long the check's answer took, where it measured one.");
  for (const AccountReport& r : accounts)
    for (const Check& c : r.checks)
      if (c.latency)
        out += "renumber_account_check_latency_seconds{" + AccountLabels(r) +
               ",check=\"" + LabelValue(c.name) + "\"} " +
               Number(c.latency->count() / 1000.0) + "\n";
  Family(&out, "renumber_account_probe_result",
         "1 for what our own probe found comparing the new server with the "
         "old one (same, differs, new-down, old-down, both-down), 0 for the "
         "others.");
  for (const AccountReport& r : accounts)
    for (const Check& c : r.checks)
      if (!c.comparison.empty())
        for (const char* result :
             {"same", "differs", "new-down", "old-down", "both-down"})
          out += "renumber_account_probe_result{" + AccountLabels(r) +
                 ",check=\"" + LabelValue(c.name) + "\",result=\"" + result +
                 "\"} " + (c.comparison == result ? "1" : "0") + "\n";
  Family(&out, "renumber_account_maintenance_end_timestamp_seconds",
         "The account's maintenance_end from the plan (Unix time).");
  for (const AccountReport& r : accounts)
    out += "renumber_account_maintenance_end_timestamp_seconds{" +
           AccountLabels(r) + "} " +
           Number(Seconds(r.row.target.maintenance_end)) + "\n";
  Family(&out, "renumber_account_last_change_timestamp_seconds",
         "When renumber last changed the account (Unix time, from the "
         "journal); absent when it never did.");
  for (const AccountReport& r : accounts) {
    auto it = run.last_change.find(r.row.target.account.ToString());
    if (it != run.last_change.end())
      out += "renumber_account_last_change_timestamp_seconds{" +
             AccountLabels(r) + "} " + Number(Seconds(it->second)) + "\n";
  }
  return out;
}

}  // namespace renumber
