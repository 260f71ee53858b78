#include "src/report/report_test_util.h"

#include <stdexcept>

#include "src/log/log.h"

namespace renumber {
namespace {

Timestamp At(const char* rfc3339) {
  auto t = Timestamp::ParseRfc3339(rfc3339);
  if (!t.ok()) throw std::runtime_error(rfc3339);
  return *t;
}

RecordedFinding Dns() {
  return {"dns-dependent",
          "default route r-7f3a",
          {"host name mail.c1.example.jp resolves to the old IP 198.18.0.1: "
           "change its DNS record (left alone here)",
           "ホスト名 mail.c1.example.jp は旧IP 198.18.0.1 を指しています: "
           "DNSレコードの変更が必要です"}};
}

RecordedFinding Hidden() {
  return {"hidden-origin",
          "SU1/v3/vcl main",
          {"the old IP 198.18.0.1 is in custom VCL main of Production",
           "Production のカスタム VCL main に旧IP 198.18.0.1 があります"}};
}

}  // namespace

StatusReport SampleStatus() {
  AddScrubbedSecret(kCanarySecret);
  StatusReport s;
  s.journal_dir = "/state/journal";
  AccountStatus ess;
  ess.account = "C-1/ess";
  ess.campaign = "plan-2026-12";
  ess.phase = "cutover";
  ess.result = "done";
  ess.state = "cut-over";
  ess.when = "2026-12-10T21:05:00Z";
  ess.operator_name = "alice";
  ess.changed_by = "alice";
  ess.changed_at = "2026-12-10T21:05:00Z";
  ess.writes = 3;
  ess.target = RecordedTarget{"198.18.0.1", "198.19.0.1",
                              "2026-12-10T06:00:00+09:00", "ZL-1"};
  ess.findings = {Dns()};
  ess.findings_at = ess.when;
  Check passed;
  passed.name = "ess.check r-9a1 (198.19.0.1:25)";
  passed.ok = true;
  passed.detail = {"PASS 220 mx.c1.example.jp", "PASS 220 mx.c1.example.jp"};
  ess.checks = {passed};
  ess.checks_at = "2026-12-10T21:04:00Z";
  AccountStatus cdn = ess;
  cdn.account = "C-1/cdn";
  cdn.phase = "prepare";
  cdn.state = "prepared";
  cdn.when = cdn.changed_at = "2026-12-01T01:00:02Z";
  cdn.findings = {Hidden(),
                  {"note",
                   "SU1/v4",
                   {"a customer draft v4 is newer than the active v3",
                    "お客様の下書き v4 が有効な v3 より新しいです"}}};
  cdn.checks.clear();
  cdn.checks_at.clear();
  AccountStatus failed;
  failed.account = "C-2/ess";
  failed.campaign = "plan-2026-12";
  failed.phase = "prepare";
  failed.result = "failed";
  failed.when = "2026-12-01T01:00:03Z";
  failed.operator_name = "bob";
  failed.last_error = std::string("C-2/ess: 401 \x1b[2J token ") +
                      kCanarySecret + " <b>refused</b> | x";
  failed.target = RecordedTarget{"198.18.0.2", "198.19.0.2",
                                 "2026-12-10T06:00:00+09:00",
                                 "ZL-2\x1b[2J<script>alert(1)</script>"};
  s.accounts = {ess, cdn, failed};
  s.events = {
      {At("2026-12-01T01:00:00Z"), "C-1/ess", "intent", "", ""},
      {At("2026-12-01T01:00:01Z"), "C-1/ess", "account-end", "done",
       "prepared"},
      {At("2026-12-01T01:00:01Z"), "C-1/cdn", "intent", "", ""},
      {At("2026-12-01T01:00:02Z"), "C-1/cdn", "account-end", "done",
       "prepared"},
      {At("2026-12-01T01:00:03Z"), "C-2/ess", "account-end", "failed", ""},
      {At("2026-12-10T21:04:00Z"), "C-1/ess", "intent", "", ""},
      {At("2026-12-10T21:05:00Z"), "C-1/ess", "account-end", "done",
       "cut-over"},
  };
  s.warnings = {"c.journal:7: corrupt record skipped \x1b]2;x\x07"};
  return s;
}

std::vector<PlanRow> SamplePlan() {
  const std::string csv =
      "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
      "C-1,ess,198.18.0.1,198.19.0.1,2026-12-10T06:00:00+09:00,ZL-1\n"
      "C-1,cdn,198.18.0.1,198.19.0.1,2026-12-10T06:00:00+09:00,ZL-1\n"
      "C-2,ess,198.18.0.2,198.19.0.2,2026-12-10T06:00:00+09:00,"
      "\"ZL-2\x1b[2J<script>alert(1)</script>\"\n"
      "C-3,cdn,198.18.0.3,198.19.0.3,2026-12-20T06:00:00+09:00,ZL-3\n";
  auto rows = ParsePlanCsv(csv, "plan.csv", {});
  if (!rows.ok()) throw std::runtime_error(rows.status().ToString());
  return *rows;
}

CampaignResult SampleLive() {
  CampaignResult live;
  for (const PlanRow& row : SamplePlan()) {
    AccountReport r;
    r.row = row;
    r.result = AccountResult::kOk;
    const std::string account = row.target.account.ToString();
    if (account == "C-1/ess") {
      r.state_after = AccountState::kCutOver;
      Check down;
      down.name = "ess.check r-9a1 (198.19.0.1:25)";
      down.detail = {"FAIL no greeting", "FAIL 応答なし"};
      r.checks = {down};
      r.findings = {{Finding::Kind::kDnsDependent, "default route r-7f3a",
                     Dns().text}};
    } else if (account == "C-1/cdn") {
      r.state_after = AccountState::kPrepared;
    } else if (account == "C-2/ess") {
      r.result = AccountResult::kFailed;
      r.error = Status::Unauthorized(std::string("C-2/ess: 401 echo ") +
                                     kCanarySecret);
    } else {
      r.state_after = AccountState::kNotStarted;
    }
    live.accounts.push_back(r);
  }
  return live;
}

CampaignReport SampleReport(bool live) {
  static const StatusReport* status = [] {
    auto* s = new StatusReport(SampleStatus());
    std::vector<AccountKey> keys;
    for (const PlanRow& r : SamplePlan()) keys.push_back(r.target.account);
    RestrictToPlan(s, keys);
    return s;
  }();
  static const std::vector<PlanRow> plan = SamplePlan();
  static const CampaignResult verify = SampleLive();
  ReportInputs in;
  in.status = status;
  in.plan = &plan;
  in.now = At("2026-12-11T00:00:00Z");
  in.campaign = "plan-2026-12";
  in.version = "0.1.0-test";
  if (live) {
    in.live = &verify;
    in.live_at = At("2026-12-10T23:59:00Z");
  }
  return BuildCampaignReport(in);
}

}  // namespace renumber
