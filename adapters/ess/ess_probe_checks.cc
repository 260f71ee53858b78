#include "adapters/ess/ess_probe_checks.h"

#include <set>
#include <string>

#include "adapters/ess/ess_text.h"
#include "src/probe/parallel.h"
#include "src/probe/probe_scope.h"

namespace renumber {
namespace ess {
namespace {

using Kind = SmtpProbeResult::Kind;

Text KindText(const SmtpProbeResult& r) {
  const std::string d = r.detail;
  switch (r.kind) {
    case Kind::kOk:
      return MakeText("answers: " + d, "応答あり: " + d);
    case Kind::kFiltered:
      return MakeText(
          "filtered from here (" + d +
              "); expected when the server accepts port 25 only from "
              "ESS's ranges, as customers are asked to — ESS's own check "
              "decides",
          "ここからは接続できません（" + d +
              "）。お客様には25番ポートをESSのアドレス範囲からのみ受け付ける"
              "ようお願いしているため想定内です。判断はESSの配送チェックに"
              "よります");
    case Kind::kBadGreeting:
      return MakeText(
          "bad-greeting (" + d +
              "): the server answered, but not with 220 — ESS's own check "
              "decides",
          "応答が220ではありません（" + d +
              "）。判断はESSの配送チェックによります");
    case Kind::kTimeout:
      return MakeText(
          "timeout (" + d + ") — ESS's own check decides",
          "タイムアウト（" + d + "）。判断はESSの配送チェックによります");
    case Kind::kError:
      break;
  }
  return MakeText("could not probe (" + d + ")",
                  "確認できませんでした（" + d + "）");
}

std::string Ep(const SmtpProbeTarget& t) {
  return Endpoint(t.address.ToString(), t.port);
}

}  // namespace

void ProbeNewServer(SmtpProber* prober,
                    const std::vector<SmtpProbeTarget>& endpoints,
                    VerifyReport* report) {
  if (!prober) return;
  std::vector<SmtpProbeTarget> todo;
  std::set<std::string> seen;
  for (const SmtpProbeTarget& t : endpoints) {
    if (!seen.insert(Ep(t)).second) continue;
    if (const char* block = ReservedForDocumentation(t.address)) {
      report->findings.push_back(
          {Finding::Kind::kNote, "smtp probe " + Ep(t),
           MakeText("our own SMTP probe of " + Ep(t) +
                        " is skipped: the address is in " + block +
                        ", reserved for documentation and tests",
                    Ep(t) + " への SMTP 確認は行いません: " + block +
                        " は文書・試験用に予約されたアドレスです")});
      continue;
    }
    todo.push_back(t);
  }
  std::vector<SmtpProbeResult> results(todo.size());
  ForEachInParallel(todo.size(), kProbesPerAccount,
                    [&](size_t i) { results[i] = prober->Probe(todo[i]); });
  for (size_t i = 0; i < todo.size(); ++i) {
    Check c;
    c.name = std::string("smtp.probe ") + Ep(todo[i]) + " " +
             SmtpProbeKindName(results[i].kind);
    c.ok = results[i].kind == Kind::kOk;
    c.blocking = false;
    c.detail = KindText(results[i]);
    report->checks.push_back(std::move(c));
  }
}

}  // namespace ess
}  // namespace renumber
