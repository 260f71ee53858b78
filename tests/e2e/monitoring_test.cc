// Scheduled checks that monitoring understands (issue 16): the Nagios
// plugin output and codes, the Prometheus textfile (parsed by the real
// promtool), --expect auto, and the shipped systemd unit and cron line run
// exactly as written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string FirstLine(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

E2eOptions EndingIn(std::chrono::minutes from_now, int customers = 3) {
  E2eOptions o = Customers(customers);
  o.maintenance_end = (RealClock()->Now() + from_now).ToRfc3339(540);
  return o;
}

std::vector<std::string> Verify(const E2eEnv& env,
                                std::vector<std::string> more) {
  std::vector<std::string> args = {
      "verify",          "--plan",      env.plan(),      "--credentials",
      env.credentials(), "--state-dir", env.state_dir(), "--read-only",
      "--expect",        "auto"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(MonitoringE2eTest, NagiosCodesFollowTheMaintenance) {
  {  // Three days before: prepared is OK.
    E2eEnv env(EndingIn(std::chrono::hours(72)));
    ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
    // Before anyone ran verify, ESS never checked the new routes: WARNING,
    // naming the check (the state itself is the expected one).
    RunResult unchecked = env.Run(Verify(env, {"--format", "nagios"}));
    EXPECT_EQ(unchecked.exit_code, 1) << unchecked.out;
    EXPECT_NE(unchecked.out.find(
                  "\nWARNING C-10001/ess: a check fails: ess.check r-"),
              std::string::npos)
        << unchecked.out;
    // An account with many new routes: three named, the rest counted.
    EXPECT_NE(unchecked.out.find(" more\n"), std::string::npos)
        << unchecked.out;
    // The operator's verify runs ESS's check on the new routes.
    ASSERT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
    RunResult ok = env.Run(Verify(env, {"--format", "nagios"}));
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
    EXPECT_EQ(FirstLine(ok.out).rfind("RENUMBER OK - 0 critical", 0), 0u)
        << ok.out;
    EXPECT_NE(ok.out.find("| accounts="), std::string::npos);
    EXPECT_EQ(ok.out.find("ACCOUNT"), std::string::npos)
        << "no table on stdout";
    // One login missing: that account is UNKNOWN, the others checked.
    auto creds = nlohmann::json::parse(Slurp(env.credentials()));
    creds["accounts"].erase(0);
    const std::string fewer = env.dir() + "/fewer.json";
    ASSERT_TRUE(
        WriteFileAtomic(PosixFileSystem(), fewer, creds.dump(), 0600).ok());
    std::vector<std::string> args = Verify(env, {"--format", "nagios"});
    args[4] = fewer;
    RunResult unknown = env.Run(args);
    EXPECT_EQ(unknown.exit_code, 3) << unknown.out;
    EXPECT_NE(unknown.out.find("\nUNKNOWN C-"), std::string::npos)
        << unknown.out;
    EXPECT_NE(unknown.out.find(" ok="), std::string::npos);
    // Bad input: UNKNOWN, not renumber's 2 (which Nagios reads as CRITICAL).
    RunResult bad = env.Run(
        {"verify", "--plan", env.dir() + "/none.csv", "--format", "nagios"});
    EXPECT_EQ(bad.exit_code, 3);
    EXPECT_EQ(bad.out.rfind("RENUMBER UNKNOWN - ", 0), 0u) << bad.out;
  }
  {  // Two hours after the end, still only prepared: CRITICAL; within a
     // longer grace: WARNING (the night's cutover may be under way).
    E2eEnv env(EndingIn(-std::chrono::minutes(120)));
    ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
    RunResult late = env.Run(Verify(env, {"--format", "nagios"}));
    EXPECT_EQ(late.exit_code, 2) << late.out;
    EXPECT_NE(late.out.find("not cut over, although the maintenance ended"),
              std::string::npos)
        << late.out;
    EXPECT_NE(late.out.find("+09:00 (2 h ago)"), std::string::npos) << late.out;
    RunResult grace =
        env.Run(Verify(env, {"--format", "nagios", "--cutover-grace", "3h"}));
    EXPECT_EQ(grace.exit_code, 1) << grace.out;
    EXPECT_NE(grace.out.find("cut over due"), std::string::npos) << grace.out;
    // And --expect auto with --json says what it expected of each account.
    RunResult json = env.Run(Verify(env, {"--json"}));
    EXPECT_EQ(json.exit_code, 3) << json.err;
    auto doc = StdoutJson(json);
    EXPECT_EQ(doc["accounts"][0]["expected"], nlohmann::json({"cut-over"}));
    EXPECT_FALSE(doc["checked_at"].get<std::string>().empty());
    EXPECT_GE(doc["duration_ms"].get<int>(), 0);
    EXPECT_FALSE(doc["version"].get<std::string>().empty());
  }
}

TEST(MonitoringE2eTest, PrometheusFileParsesWithPromtool) {
  E2eEnv env(EndingIn(std::chrono::hours(72), 4));
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  // As the runbook does: the operator's verify runs ESS's check on each new
  // route; the read-only monitor then reads its result (a route ESS never
  // checked is a failed check, and exit 3, for the monitor too).
  ASSERT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
  const std::string prom = env.dir() + "/textfile/renumber.prom";
  ASSERT_TRUE(
      PosixFileSystem()->CreateDirs(env.dir() + "/textfile", 0755).ok());
  RunResult r =
      env.Run(Verify(env, {"--format", "prometheus", "--output", prom}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ACCOUNT"), std::string::npos)
      << "with --output the table stays on stdout (the unit's journal)";
  struct stat st {};
  ASSERT_EQ(stat(prom.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u) << "node_exporter must read it";
  const std::string text = Slurp(prom);
  for (const SimCustomer& c : env.cluster()->customers())
    EXPECT_NE(text.find("customer=\"" + c.id + "\""), std::string::npos);
  EXPECT_NE(text.find("renumber_account_last_change_timestamp_seconds{"),
            std::string::npos)
      << text;
  const std::string cmd = "promtool check metrics < '" + prom + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = pclose(p);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "") << "promtool's linter found problems: " << out;
}

// --expect with several states: a monitor that accepts either state of the
// night is OK with prepared accounts, one that wants cut-over warns and
// names the state; auto mixed with states is bad input, which a Nagios
// plugin reports as UNKNOWN.
TEST(MonitoringE2eTest, SeveralExpectedStates) {
  E2eEnv env(EndingIn(std::chrono::hours(72), 2));
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  ASSERT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
  auto monitor = [&](const std::string& expect) {
    return env.Run({"verify", "--plan", env.plan(), "--credentials",
                    env.credentials(), "--state-dir", env.state_dir(),
                    "--read-only", "--expect", expect, "--format", "nagios"});
  };
  RunResult either = monitor("cut-over,prepared");
  EXPECT_EQ(either.exit_code, 0) << either.out << either.err;
  EXPECT_EQ(FirstLine(either.out).rfind("RENUMBER OK - 0 critical", 0), 0u)
      << either.out;
  RunResult wants_cut = monitor("cut-over");
  EXPECT_EQ(wants_cut.exit_code, 1) << wants_cut.out << wants_cut.err;
  EXPECT_NE(wants_cut.out.find("not in the expected state (prepared)"),
            std::string::npos)
      << wants_cut.out;
  RunResult mixed = monitor("auto,prepared");
  EXPECT_EQ(mixed.exit_code, 3) << mixed.out;
  EXPECT_NE(mixed.out.find("--expect auto stands alone"), std::string::npos)
      << mixed.out;
}

// The shipped unit's ExecStart, run as systemd would run it: the state dir
// from StateDirectory=, the passphrase from LoadCredentialEncrypted= (as
// $CREDENTIALS_DIRECTORY/renumber-vault), no secret on the command line.
TEST(MonitoringE2eTest, ShippedUnitAndCronLineRunAsWritten) {
  E2eEnv env(EndingIn(std::chrono::hours(72)));
  const std::string creds_dir = env.dir() + "/credentials";
  ASSERT_TRUE(PosixFileSystem()->CreateDirs(creds_dir, 0700).ok());
  const std::string pass = creds_dir + "/renumber-vault";
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), pass,
                              "correct horse battery staple\n", 0600)
                  .ok());
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(),
                {"--state-dir", env.state_dir(), "--passphrase-file", pass});
    return env.Run(args);
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  ASSERT_EQ(vault({"vault", "import", env.credentials(), "--ticket", "T-1"})
                .exit_code,
            0);
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  ASSERT_EQ(env.Renumber("verify", {"--expect", "prepared"}).exit_code, 0);
  const std::string out_dir = env.dir() + "/node-exporter";
  ASSERT_TRUE(PosixFileSystem()->CreateDirs(out_dir, 0755).ok());
  auto run_line = [&](std::string line, std::vector<std::string> envs) {
    line = std::regex_replace(line, std::regex("/etc/renumber/plan\\.csv"),
                              env.plan());
    line = std::regex_replace(line, std::regex("\\$\\{STATE_DIRECTORY\\}"),
                              env.state_dir());
    line = std::regex_replace(line, std::regex("/var/lib/renumber"),
                              env.state_dir());
    line = std::regex_replace(
        line, std::regex("/etc/renumber/private/vault\\.pass"), pass);
    line = std::regex_replace(
        line, std::regex("/var/lib/prometheus/node-exporter"), out_dir);
    std::istringstream words(line);
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    EXPECT_EQ(args.at(0), "/usr/bin/renumber");
    args.erase(args.begin());
    return env.Run(args, envs);
  };
  const std::string unit = Slurp(std::string(RENUMBER_SOURCE_DIR) +
                                 "/packaging/systemd/renumber-verify.service");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(unit, m, std::regex("\nExecStart=([^\n]*)")));
  RunResult by_systemd =
      run_line(m[1].str(), {"CREDENTIALS_DIRECTORY=" + creds_dir});
  EXPECT_EQ(by_systemd.exit_code, 0) << by_systemd.out << by_systemd.err;
  EXPECT_NE(Slurp(out_dir + "/renumber.prom").find("renumber_account_state"),
            std::string::npos);
  ::unlink((out_dir + "/renumber.prom").c_str());
  const std::string cron = Slurp(std::string(RENUMBER_SOURCE_DIR) +
                                 "/packaging/cron/renumber-verify");
  ASSERT_TRUE(std::regex_search(
      cron, m,
      std::regex(
          "\n\\*/10 \\* \\* \\* \\* renumber (/usr/bin/renumber [^>]*)")));
  RunResult by_cron = run_line(m[1].str(), {});
  EXPECT_EQ(by_cron.exit_code, 0) << by_cron.out << by_cron.err;
  EXPECT_NE(Slurp(out_dir + "/renumber.prom").find("renumber_account_state"),
            std::string::npos);
}

}  // namespace
}  // namespace renumber
