#include "src/report/customer_reply.h"

#include "src/engine/text.h"
#include "src/report/report_words.h"

namespace renumber {
namespace {

// The sentence for where the account stands, from the customer's side.
std::string StatusSentence(const ReportAccount& a, Lang lang) {
  std::string state = a.state;
  if (state.rfind("prepared", 0) == 0) state = "prepared";  // prepared-stale
  if (state == "cut-over" || state == "prepared")
    return Tr(lang, "reply.state." + a.service + "." + state);
  if (state == "not-started" || state == "partial" || state == "missing")
    return Tr(lang, "reply.state." + state);
  // Never read: nothing was changed by us yet.
  if (a.result == "not-run") return Tr(lang, "reply.state.not-started");
  return Tr(lang, "reply.state.unknown");
}

// The catalog's name for the service ("reply.service.<service>"), or the
// service's own name when the catalog has none.
std::string ServiceName(const ReportAccount& a, Lang lang) {
  const std::string key = "reply.service." + a.service;
  const std::string_view format = MessageFormat(key, lang);
  return format == key ? a.service : std::string(format);
}

void AppendService(const ReportAccount& a, int offset, Lang lang,
                   std::string* out) {
  *out += "■ " + ServiceName(a, lang) + "\n";
  if (a.target) {
    *out += "  " + Tr(lang, "reply.old_ip", a.target->old_ip) + "\n";
    *out += "  " + Tr(lang, "reply.new_ip", a.target->new_ip) + "\n";
    if (!a.target->maintenance_end.empty())
      *out += "  " +
              Tr(lang, "reply.maintenance_end",
                 ReportTime(a.target->maintenance_end, offset) +
                     Tr(lang, "creport.paren", OffsetLabel(offset))) +
              "\n";
  }
  *out += "  " + Tr(lang, "reply.status", StatusSentence(a, lang)) + "\n";
  // Failures are for staff to explain; the customer hears that someone
  // is on it. A refusal (e.g. "before the maintenance") is not a problem.
  if (a.result == "failed" || a.result == "interrupted" ||
      (a.live && !a.live_error.empty()))
    *out += "  " + Tr(lang, "reply.checking") + "\n";
  if (!a.changed_at.empty())
    *out += "  " +
            Tr(lang, "reply.changed_at",
               ReportTime(a.changed_at, offset) +
                   Tr(lang, "creport.paren", OffsetLabel(offset))) +
            "\n";
}

// What is left for the customer, per service; "" when nothing.
std::string Todo(const std::vector<const ReportAccount*>& accounts, Lang lang) {
  const std::string bullet = lang == Lang::kJa ? "・" : "- ";
  std::string out;
  for (const ReportAccount* a : accounts) {
    if (a->dns_work.empty() && a->hidden_origins.empty()) continue;
    out += "  " + ServiceName(*a, lang) + ":\n";
    if (!a->dns_work.empty()) {
      out += "    " +
             Tr(lang, "reply.dns_intro",
                a->target ? a->target->new_ip : std::string("-")) +
             "\n";
      for (const RecordedFinding& f : a->dns_work)
        out += "    " + bullet + Pick(f.text, lang) + "\n";
    }
    if (!a->hidden_origins.empty()) {
      out += "    " + Tr(lang, "reply.hidden_intro") + "\n";
      for (const RecordedFinding& f : a->hidden_origins)
        out += "    " + bullet + Pick(f.text, lang) + "\n";
    }
  }
  return out;
}

}  // namespace

std::string CustomerReply(const std::string& customer,
                          const std::vector<const ReportAccount*>& accounts,
                          int offset_minutes, Lang lang) {
  std::string out = Tr(lang, "reply.customer", customer) + "\n\n" +
                    Tr(lang, "reply.intro") + "\n\n";
  for (const ReportAccount* a : accounts) {
    AppendService(*a, offset_minutes, lang, &out);
    out += "\n";
  }
  const std::string todo = Todo(accounts, lang);
  out += todo.empty() ? Tr(lang, "reply.nothing_to_do") + "\n"
                      : Tr(lang, "reply.todo") + "\n" + todo;
  out += "\n" + Tr(lang, "reply.closing") + "\n";
  return out;
}

}  // namespace renumber
