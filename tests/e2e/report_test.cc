// `renumber report` through the real binary, from a real campaign against
// both simulators: what the journal now records for it, the three formats,
// the per-customer replies, the exit codes; --live is read-only and the
// report never holds a secret, nor a control character from the plan.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <random>
#include <set>

#include "src/core/fs.h"
#include "src/engine/journal.h"
#include "src/http/server.h"
#include "src/sim/basic_auth.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

constexpr char kHostileTicket[] =
    "ZL-2026-10001\x1b[2J<script>alert(1)</script>";

std::string Slurp(const std::string& path) {
  auto text = PosixFileSystem()->ReadFile(path);
  return text.ok() ? *text : "";
}

// Customers whose maintenance ended an hour ago (cutover allowed); the
// first one's ticket carries a terminal escape and markup.
E2eOptions World(int n) {
  E2eOptions o;
  const std::string end =
      (RealClock()->Now() - std::chrono::hours(1)).ToRfc3339(540);
  o.world = SeedCustomers(n, end);
  o.world[0].ticket = kHostileTicket;
  o.maintenance_end = end;
  return o;
}

// A credentials file without the logins of `customer`'s CDN account, so
// that account fails on its own.
std::string WithoutCdnOf(const E2eEnv& env, const std::string& customer) {
  json creds = json::parse(Slurp(env.credentials()));
  json kept = json::array();
  for (const json& a : creds["accounts"])
    if (!(a["customer"] == customer && a["service"] == "cdn"))
      kept.push_back(a);
  creds["accounts"] = kept;
  const std::string path = env.dir() + "/fewer.json";
  EXPECT_TRUE(
      WriteFileAtomic(PosixFileSystem(), path, creds.dump(), 0600).ok());
  return path;
}

std::vector<std::string> Report(const E2eEnv& env,
                                std::vector<std::string> more) {
  std::vector<std::string> args = {"report", "--plan", env.plan(),
                                   "--state-dir", env.state_dir()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

json ReportAccount(const json& doc, const std::string& account) {
  for (const json& a : doc["accounts"])
    if (a["account"] == account) return a;
  ADD_FAILURE() << "no " << account;
  return json();
}

// prepare everything (alice), one CDN login missing; cut C-10001 over (bob).
void RunCampaign(const E2eEnv& env) {
  std::vector<std::string> prepare = {"prepare",
                                      "--plan",
                                      env.plan(),
                                      "--credentials",
                                      WithoutCdnOf(env, "C-10004"),
                                      "--state-dir",
                                      env.state_dir(),
                                      "--hosts",
                                      env.hosts(),
                                      "--yes",
                                      "--operator",
                                      "alice"};
  RunResult p = env.Run(prepare);
  ASSERT_EQ(p.exit_code, 1) << "one account fails\n" << p.out << p.err;
  RunResult c = env.Renumber(
      "cutover", {"--only", "C-10001", "--yes", "--operator", "bob"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
}

TEST(ReportE2eTest, FromTheJournalInEveryFormat) {
  E2eEnv env(World(4));
  RunCampaign(env);

  // The journal's account-end records now carry the target and findings.
  auto journal =
      ReadJournal(PosixFileSystem(), env.state_dir() + "/journal/plan.journal");
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  int ends = 0;
  for (const json& r : journal->records) {
    if (r["type"] != "account-end") continue;
    ++ends;
    EXPECT_TRUE(r.contains("target")) << r.dump();
    EXPECT_TRUE(!r.contains("state") || r.contains("findings")) << r.dump();
    EXPECT_TRUE(r["phase"] != "cutover" || r.contains("checks")) << r.dump();
  }
  EXPECT_GT(ends, 4);

  RunResult j = env.Run(Report(env, {"--format", "json"}));
  EXPECT_EQ(j.exit_code, 3) << "a failed account needs attention\n" << j.err;
  json doc = json::parse(j.out);
  EXPECT_EQ(doc["campaign"], "plan");
  // C-10001 both services, C-10002 ESS, C-10003 CDN, C-10004 both.
  ASSERT_EQ(doc["accounts"].size(), 6u);
  EXPECT_EQ(doc["totals"]["accounts"], 6);
  EXPECT_EQ(doc["totals"]["customers"], 4);
  EXPECT_EQ(doc["totals"]["by_result"]["failed"], 1);
  EXPECT_EQ(doc["totals"]["needs_attention"], 1);
  EXPECT_TRUE(doc["live_at"].is_null());
  const json cut = ReportAccount(doc, "C-10001/ess");
  EXPECT_EQ(cut["state"], "cut-over");
  EXPECT_EQ(cut["phase"], "cutover");
  EXPECT_EQ(cut["changed_by"], "bob");
  EXPECT_FALSE(cut["checks"].empty()) << "the cutover gate's checks";
  const json failed = ReportAccount(doc, "C-10004/cdn");
  EXPECT_EQ(failed["result"], "failed");
  EXPECT_NE(failed["last_error"].get<std::string>().find("no credentials"),
            std::string::npos);
  EXPECT_EQ(ReportAccount(doc, "C-10002/ess")["changed_by"], "alice");
  EXPECT_EQ(ReportAccount(doc, "C-10001/ess")["target"]["ticket"],
            "ZL-2026-10001\\x1B[2J<script>alert(1)</script>")
      << "the escape shown, not kept";
  // The DNS work the report lists is what `plan` finds now.
  RunResult plan = env.Renumber("plan", {"--json"});
  ASSERT_NE(plan.exit_code, 2) << plan.err;
  int dns_in_plan = 0, dns_in_report = 0;
  for (const json& a : Accounts(plan)) {  // by value: no dangling temporary
    if (a["account"] == "C-10004/cdn") continue;  // not read by prepare
    for (const json& f : a["findings"])
      dns_in_plan += f["kind"] == "dns-dependent";
  }
  for (const json& a : doc["accounts"]) dns_in_report += a["dns_work"].size();
  EXPECT_GT(dns_in_plan, 0) << "the seeded world has host-name references\n"
                            << plan.out;
  EXPECT_EQ(dns_in_report, dns_in_plan);
  EXPECT_EQ(doc["totals"]["dns_work"], dns_in_plan);
  // Every customer has a reply in both languages.
  ASSERT_EQ(doc["customers"].size(), 4u);
  for (const json& c : doc["customers"]) {
    EXPECT_NE(c["ja"].get<std::string>().find("基盤変更メンテナンス"),
              std::string::npos);
    EXPECT_NE(c["en"].get<std::string>().find("Customer ID"),
              std::string::npos);
  }
  // The timeline ends with C-10001's cut over.
  const json& last = doc["timeline"]["points"].back();
  EXPECT_GE(last["counts"]["cut-over"].get<int>(), 1);

  // Markdown on stdout (the default), in Japanese: nothing a terminal
  // would act on.
  RunResult md = env.Run(Report(env, {"--lang", "ja"}));
  EXPECT_EQ(md.exit_code, 3);
  EXPECT_NE(md.out.find("# 作業報告: plan"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("```text\nお客様ID: C-10001"), std::string::npos);
  EXPECT_NE(md.out.find("\\\\x1B\\[2J"), std::string::npos)
      << "the ticket's escape, visible";
  EXPECT_EQ(md.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(md.out.find("<script>"), std::string::npos);

  // HTML to a file: private, self-contained, escaped.
  const std::string html_path = env.dir() + "/report.html";
  RunResult h = env.Run(Report(env, {"--format", "html", "-o", html_path}));
  EXPECT_EQ(h.exit_code, 3) << h.err;
  EXPECT_EQ(h.out, "") << "the report went to the file";
  EXPECT_NE(h.err.find("report written to " + html_path), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat(html_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string html = Slurp(html_path);
  EXPECT_NE(html.find("<svg id=\"state-chart\""), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)"), std::string::npos);
}

TEST(ReportE2eTest, BadInputChangesNothing) {
  E2eEnv env(World(2));
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  RunResult pdf = env.Run(Report(env, {"--format", "pdf"}));
  EXPECT_EQ(pdf.exit_code, 2);
  EXPECT_NE(pdf.err.find("--format must be md, html or json"),
            std::string::npos);
  RunResult live =
      env.Run({"report", "--live", "--state-dir", env.state_dir()});
  EXPECT_EQ(live.exit_code, 2);
  EXPECT_NE(live.err.find("--live needs --plan"), std::string::npos);
  RunResult typo =
      env.Run({"report", "--campaign", "plna", "--state-dir", env.state_dir()});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("campaigns: plan"), std::string::npos) << typo.err;
  // A plan that has not run yet: every account not-run, and exit 0.
  const std::string other = env.dir() + "/other.csv";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), other, Slurp(env.plan()), 0600).ok());
  RunResult fresh = env.Run({"report", "--plan", other, "--state-dir",
                             env.state_dir(), "--format", "json"});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  json doc = json::parse(fresh.out);
  EXPECT_EQ(doc["totals"]["by_result"]["not-run"], doc["totals"]["accounts"]);
  EXPECT_NE(doc["warnings"][0].get<std::string>().find("no campaign 'other'"),
            std::string::npos);
}

std::string RandomHex(size_t n) {
  std::random_device rd;
  std::string out;
  for (size_t i = 0; i < n; ++i) out += "0123456789abcdef"[rd() % 16];
  return out;
}

// --live through the vault: a read-only verify (no vendor write), states
// and verdicts from it, and not one secret in any output.
TEST(ReportE2eTest, LiveIsReadOnlyAndHoldsNoSecret) {
  E2eEnv env(World(3));
  const std::string canary = "canary-pass-" + RandomHex(24);
  const std::string pass = env.dir() + "/pass";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), pass, canary + "\n", 0600).ok());
  std::vector<std::string> secrets = {canary};
  for (const SimCustomer& c : env.cluster()->customers()) {
    if (!c.Credential("ess", "password").empty())
      secrets.push_back(c.Credential("ess", "password"));
    if (!c.Credential("cdn", "api_token").empty())
      secrets.push_back(c.Credential("cdn", "api_token"));
  }
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(),
                {"--state-dir", env.state_dir(), "--passphrase-file", pass});
    return env.Run(args);
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  ASSERT_EQ(vault({"vault", "import", env.credentials(), "--ticket", "T-1"})
                .exit_code,
            0);
  ASSERT_EQ(
      vault({"prepare", "--plan", env.plan(), "--hosts", env.hosts(), "--yes"})
          .exit_code,
      0);
  const long writes = env.Writes(), requests = env.Requests();
  std::string everything;
  for (const char* format : {"json", "md", "html"}) {
    RunResult r = vault({"report", "--plan", env.plan(), "--live", "--hosts",
                         env.hosts(), "--format", format});
    // Prepared, and the maintenance is over: not cut over is CRITICAL.
    EXPECT_EQ(r.exit_code, 3) << format << "\n" << r.err;
    EXPECT_NE(r.err.find("ACCOUNT"), std::string::npos)
        << "the verify's table on stderr:\n"
        << r.err;
    everything += r.out + r.err;
    if (std::string(format) != "json") continue;
    json doc = json::parse(r.out);
    EXPECT_FALSE(doc["live_at"].is_null());
    EXPECT_EQ(doc["totals"]["by_verdict"]["CRITICAL"],
              doc["totals"]["accounts"]);
    for (const json& a : doc["accounts"]) {
      EXPECT_EQ(a["state_from"], "live") << a.dump();
      EXPECT_EQ(a["state"], "prepared") << a.dump();
      EXPECT_EQ(a["verdict"]["severity"], "CRITICAL") << a.dump();
    }
  }
  EXPECT_EQ(env.Writes(), writes) << "--live sends GETs only";
  EXPECT_GT(env.Requests(), requests) << "--live asked the vendors";
  for (const std::string& s : secrets)
    EXPECT_EQ(everything.find(s), std::string::npos)
        << "a secret (" << s.substr(0, 8) << "…) in the report";
}

// A vendor that echoes the credentials in its errors: the live report
// says what went wrong, scrubbed.
TEST(ReportE2eTest, EchoedCredentialsAreScrubbed) {
  E2eEnv env(World(1));
  const std::string password = "pw-" + RandomHex(20);
  const std::string token = "tok-" + RandomHex(20);
  auto port = FindFreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  ServerOptions so;
  so.port = *port;
  // A careless vendor: its error bodies quote the credentials it got.
  auto server = StartHttpServer(so, [](const ServerRequest& req) {
    ServerResponse r;
    if (auto key = req.headers.Get("Fastly-Key")) {
      r.status = 403;
      r.body = "Fastly-Key: " + *key + " is not valid";
    } else {
      r.status = 401;
      r.headers.Set("Content-Type", "application/json");
      r.body = R"({"status": "FAILURE", "code": "UNAUTHORIZED", "message": ")" +
               req.headers.GetOr("Authorization", "") + R"( was refused"})";
    }
    return r;
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string creds = env.dir() + "/echo.json";
  json doc = {{"version", 1},
              {"accounts",
               {{{"customer", "C-10001"},
                 {"service", "ess"},
                 {"api_base", (*server)->base_url()},
                 {"username", "admin@echo.example"},
                 {"password", password}},
                {{"customer", "C-10001"},
                 {"service", "cdn"},
                 {"api_base", (*server)->base_url()},
                 {"api_token", token}}}}};
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), creds, doc.dump(), 0600).ok());
  RunResult r = env.Run(
      Report(env, {"--live", "--credentials", creds, "--format", "json"}));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  json report = json::parse(r.out);
  for (const json& a : report["accounts"])
    EXPECT_EQ(a["verdict"]["severity"], "UNKNOWN") << a.dump();
  EXPECT_NE(r.out.find("redacted"), std::string::npos)
      << "the vendor's message is kept, scrubbed: " << r.out;
  const std::string basic = Base64Encode("admin@echo.example:" + password);
  for (const std::string& s : {password, token, basic})
    EXPECT_EQ((r.out + r.err).find(s), std::string::npos)
        << "a secret (" << s.substr(0, 6) << "…) in the report";
  (*server)->Stop();
}

}  // namespace
}  // namespace renumber
