// A night-shift operator's terminal (issue 14): where each stream goes,
// the question on the controlling terminal whatever the pipes, the answers
// a person types, and the session record.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::vector<std::string> Args(const E2eEnv& env, const std::string& cmd,
                              std::vector<std::string> more = {}) {
  std::vector<std::string> args = {cmd,
                                   "--plan",
                                   env.plan(),
                                   "--credentials",
                                   env.credentials(),
                                   "--state-dir",
                                   env.state_dir(),
                                   "--hosts",
                                   env.hosts()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// `renumber plan | less` pages the plan: the result is on stdout.
TEST(OperatorE2eTest, ResultsGoToStdoutAndJsonMovesThemToStderr) {
  E2eEnv env(Customers(3));
  RunResult plan = env.Run(Args(env, "plan"));
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("prepare would"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("ACCOUNT"), std::string::npos) << plan.out;
  EXPECT_EQ(plan.err, "");
  RunResult json = env.Run(Args(env, "plan", {"--json"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(StdoutJson(json)["command"], "plan");
  EXPECT_NE(json.err.find("prepare would"), std::string::npos) << json.err;
  RunResult status = env.Run({"status", "--state-dir", env.state_dir()});
  EXPECT_EQ(status.err, "");
}

// `renumber prepare 2>&1 | tee prepare.log` at a terminal: asked on the
// terminal, the plan in the pipe, the progress bar on the terminal only.
TEST(OperatorE2eTest, PipedOutputStillAsksOnTheTerminal) {
  E2eEnv env(Customers(3));
  TerminalOptions piped;
  piped.pipe_stdout = piped.pipe_stderr = true;
  RunResult r = env.RunAtTerminal(Args(env, "prepare"), "y", piped);
  EXPECT_EQ(r.exit_code, 0) << r.tty << r.out << r.err;
  EXPECT_NE(r.tty.find("[y/N]"), std::string::npos) << r.tty;
  EXPECT_NE(r.tty.find("understood as yes"), std::string::npos) << r.tty;
  EXPECT_NE(r.tty.find("\r\033[K["), std::string::npos) << "progress bar";
  EXPECT_NE(r.out.find("prepare will:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "no bar in the pipe";
  EXPECT_EQ(r.out.find("[y/N]"), std::string::npos);
  EXPECT_GT(env.Writes(), 0);
}

// Without any controlling terminal (cron, systemd, setsid) there is nobody
// to ask: refused without --yes, as before.
TEST(OperatorE2eTest, NoControllingTerminalIsRefusedWithoutYes) {
  E2eEnv env(Customers(2));
  RunResult r = env.Run(Args(env, "prepare"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("--yes"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0);
}

TEST(OperatorE2eTest, FullWidthYesFromAnInputMethodApplies) {
  E2eEnv env(Customers(2));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "ｙ");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("'ｙ' understood as yes"), std::string::npos) << r.out;
  EXPECT_GT(env.Writes(), 0);
}

TEST(OperatorE2eTest, AnythingElseIsNoAndSaysSo) {
  E2eEnv env(Customers(2));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "ok");
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("'ok' understood as no"), std::string::npos) << r.out;
  EXPECT_EQ(env.Writes(), 0);
  RunResult ja =
      env.RunAtTerminal(Args(env, "prepare", {"--lang", "ja"}), "はい", {});
  EXPECT_EQ(ja.exit_code, 0) << ja.tty;
  EXPECT_NE(ja.tty.find("「はい」を「はい」と受け取りました"),
            std::string::npos)
      << ja.tty;
}

// --log keeps a session record without tee: the output with times, 0600,
// appended run after run.
TEST(OperatorE2eTest, LogFileRecordsTheSessionWithTimes) {
  E2eEnv env(Customers(2));
  const std::string log = env.dir() + "/night.log";
  RunResult plan = env.Run(Args(env, "plan", {"--log", log}));
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  RunResult prep = env.Run(Args(env, "prepare", {"--yes", "--log", log}));
  ASSERT_EQ(prep.exit_code, 0) << prep.err;
  auto text = PosixFileSystem()->ReadFile(log);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("prepare would"), std::string::npos) << *text;
  EXPECT_NE(text->find("prepare will:"), std::string::npos) << *text;
  EXPECT_EQ(text->rfind("[20", 0), 0u) << "each line starts with its time";
  struct stat st {};
  ASSERT_EQ(stat(log.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // A record others can read is refused before anything is sent.
  chmod(log.c_str(), 0644);
  long before = env.Requests();
  RunResult loose = env.Run(Args(env, "plan", {"--log", log}));
  EXPECT_EQ(loose.exit_code, 2) << loose.err;
  EXPECT_NE(loose.err.find(log), std::string::npos) << loose.err;
  EXPECT_EQ(env.Requests(), before);
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

// A reason shared by many accounts is said once, with the accounts.
TEST(OperatorE2eTest, SharedReasonsAreSaidOnce) {
  E2eEnv env(Customers(6));
  RunResult no = env.RunOnTerminal(Args(env, "prepare"), "n");
  EXPECT_EQ(no.exit_code, 4) << no.out;
  EXPECT_EQ(Occurrences(no.out, "the question was answered no"), 1u) << no.out;
  EXPECT_NE(no.out.find(" accounts: C-10001/ess"), std::string::npos) << no.out;
}

// The window gate in the plan's own offset, with how long is left, once.
TEST(OperatorE2eTest, WindowGateSpeaksThePlansTimeOnce) {
  E2eOptions o = Customers(4);
  const Timestamp end = RealClock()->Now() + std::chrono::minutes(90);
  o.maintenance_end = end.ToRfc3339(540);  // +09:00, as Zenlogic writes it
  E2eEnv env(o);
  ASSERT_EQ(env.Renumber("prepare", {"--yes"}).exit_code, 0);
  RunResult cut = env.Renumber("cutover", {"--yes"});
  EXPECT_EQ(cut.exit_code, 4) << cut.out;
  EXPECT_EQ(Occurrences(cut.out, "before maintenance_end"), 1u) << cut.out;
  EXPECT_NE(cut.out.find("+09:00 (in 1 h 29 min)"), std::string::npos)
      << cut.out;
  EXPECT_EQ(cut.out.find("Z (in"), std::string::npos) << cut.out;
  // A preview of the cut over is possible during the month of preparation.
  long writes = env.Writes();
  RunResult preview = env.Renumber("cutover", {"--dry-run"});
  EXPECT_EQ(preview.exit_code, 0) << preview.out << preview.err;
  EXPECT_NE(preview.out.find("cutover will:"), std::string::npos)
      << preview.out;
  EXPECT_NE(preview.out.find("gate would refuse this cut over now"),
            std::string::npos)
      << preview.out;
  EXPECT_EQ(env.Writes(), writes);
}

// The question comes after a compact summary, not only ~750 lines of plan.
TEST(OperatorE2eTest, SummaryRightAboveTheQuestion) {
  E2eEnv env(Customers(6));
  RunResult r = env.RunOnTerminal(Args(env, "prepare"), "n");
  size_t summary = r.out.find("Summary: ");
  size_t question = r.out.find("[y/N]");
  ASSERT_NE(summary, std::string::npos) << r.out;
  ASSERT_NE(question, std::string::npos) << r.out;
  EXPECT_LT(summary, question);
  EXPECT_NE(r.out.find("states now: ", summary), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("changes: ", summary), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dns-dependent", summary), std::string::npos) << r.out;
  EXPECT_LT(r.out.find("prepare will:"), summary);
}

// The bar moves with each account discovered and names the slowest one.
TEST(OperatorE2eTest, ProgressMovesDuringDiscoveryAndNamesTheSlowest) {
  E2eOptions o = Customers(4);
  o.faults.latency_ms = 60;
  E2eEnv env(o);
  RunResult r = env.RunOnTerminal(Args(env, "prepare", {"--jobs", "2"}), "y");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("discover 1/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| C-1000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" apply "), std::string::npos) << r.out;
  // plan shows each account's own time, not 0.0s.
  RunResult plan = env.Run(Args(env, "plan", {"--json"}));
  for (const auto& a : Accounts(plan)) EXPECT_GT(a["ms"].get<int>(), 0) << a;
}

// Two staff on one batch: the second is told, before its question, which
// accounts another run holds and who that is; accounts the first run has
// nothing to do on are not held while it waits for its answer.
TEST(OperatorE2eTest, TwoTerminalsSeeEachOther) {
  E2eOptions o = Customers(4);
  E2eEnv env(o);
  const std::string first = env.cluster()->customers()[0].id;
  const std::string second = env.cluster()->customers()[1].id;
  ASSERT_EQ(env.Renumber("prepare", {"--yes", "--only", second}).exit_code, 0);
  auto alice =
      env.StartAtTerminal(Args(env, "prepare", {"--operator", "alice"}));
  ASSERT_TRUE(alice->WaitFor("[y/N]")) << alice->tty();
  // alice holds what she is about to change, not what she has nothing to
  // do on: the second customer can be rolled back meanwhile.
  RunResult undo = env.Renumber(
      "rollback", {"--phase", "prepare", "--only", second, "--yes"});
  EXPECT_EQ(undo.exit_code, 0) << undo.out << undo.err;
  auto bob = env.StartAtTerminal(Args(env, "prepare", {"--operator", "bob"}));
  ASSERT_TRUE(bob->WaitFor("[y/N]", 60)) << bob->tty();
  // Before bob is asked: which accounts are not in his run, and why.
  const std::string before = bob->tty();
  EXPECT_NE(before.find("not in this run: "), std::string::npos) << before;
  EXPECT_EQ(Occurrences(before, "(operator alice), renumber prepare"), 1u)
      << before;
  bob->Type("n");
  RunResult b = bob->Finish();
  EXPECT_EQ(b.exit_code, 4) << b.tty;
  const std::string& shown = b.tty;
  EXPECT_NE(shown.find(first + "/"), std::string::npos) << shown;
  EXPECT_NE(shown.find("were NOT in this run"), std::string::npos) << shown;
  alice->Type("n");
  RunResult a = alice->Finish();
  EXPECT_EQ(a.exit_code, 4) << a.tty;
}

// status: every account of the plan, who changed it, exit 3 when someone
// should look, JSON.
TEST(OperatorE2eTest, StatusOverThePlanKeepsWhoChangedWhat) {
  E2eEnv env(Customers(4));
  const std::string first = env.cluster()->customers()[0].id;
  ASSERT_EQ(
      env.Renumber("prepare", {"--yes", "--only", first, "--operator", "alice"})
          .exit_code,
      0);
  ASSERT_EQ(
      env.Renumber("prepare", {"--yes", "--only", first, "--operator", "bob"})
          .exit_code,
      0);  // nothing to do
  RunResult st = env.Run({"status", "--state-dir", env.state_dir(), "--plan",
                          env.plan(), "--format", "json"});
  EXPECT_EQ(st.exit_code, 0) << st.err;
  auto doc = StdoutJson(st);
  ASSERT_GT(doc["accounts"].size(), 2u);
  EXPECT_EQ(doc["accounts"][0]["account"], first + "/ess") << doc.dump(2);
  EXPECT_EQ(doc["accounts"][0]["changed_by"], "alice") << doc.dump(2);
  EXPECT_EQ(doc["accounts"][0]["operator"], "bob");
  EXPECT_EQ(doc["accounts"].back()["result"], "not-run") << doc.dump(2);
  RunResult text =
      env.Run({"status", "--state-dir", env.state_dir(), "--plan", env.plan()});
  EXPECT_NE(text.out.find("not-run"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("alice"), std::string::npos) << text.out;
  // A refused account makes status say someone should look.
  ASSERT_EQ(env.Renumber("cutover", {"--yes"}).exit_code, 4);  // not prepared
  RunResult attention = env.Run({"status", "--state-dir", env.state_dir()});
  EXPECT_EQ(attention.exit_code, 3) << attention.out;
}

// One account's missing credential fails that account; the others run.
TEST(OperatorE2eTest, MissingCredentialFailsOnlyItsAccount) {
  E2eEnv env(Customers(3));
  auto creds =
      nlohmann::json::parse(*PosixFileSystem()->ReadFile(env.credentials()));
  const std::string gone = creds["accounts"][0]["customer"].get<std::string>() +
                           "/" +
                           creds["accounts"][0]["service"].get<std::string>();
  creds["accounts"].erase(0);
  const std::string path = env.dir() + "/fewer.json";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), path, creds.dump(), 0600).ok());
  RunResult r = env.Run({"verify", "--plan", env.plan(), "--credentials", path,
                         "--state-dir", env.state_dir(), "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  int ok = 0;
  for (const auto& a : Accounts(r)) {
    if (a["account"] == gone) {
      EXPECT_EQ(a["result"], "failed");
      EXPECT_NE(a["error"]["message"].get<std::string>().find(
                    "no credentials for " + gone + " in " + path),
                std::string::npos)
          << a;
    } else {
      ok += a["result"] == "ok";
    }
  }
  EXPECT_EQ(ok, static_cast<int>(Accounts(r).size()) - 1);
}

// Input mistakes get the fix, and every bad row at once.
TEST(OperatorE2eTest, InputMistakesAreAllNamedWithTheFix) {
  E2eEnv env(Customers(2));
  const std::string bad = env.dir() + "/bad.csv";
  ASSERT_TRUE(WriteFileAtomic(
                  PosixFileSystem(), bad,
                  "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
                  "C-1,ess,198.18.0.10,198.19.0.10,2026-12-10T06:00:00+09:00,"
                  "T\n"
                  "C-2,ess,198.18.0.010,198.19.0.11,2026-12-10T06:00:00+09:00,"
                  "T\n"
                  "C-3,ess,198.18.0.12,198.19.0.12,2026-12-10T06:00:00+09:00,"
                  "T\n"
                  "C-4,ess,198.18.0.13,198.19.0.13,2026-12-10T06:00:00+09:00,"
                  "T\n"
                  "C-5,ess,198.18.0.14,198.19.0.14,2026-12-10T06:00:00+09:00,"
                  "T\n"
                  "C-6,mail,198.18.0.15,198.19.0.15,2026-12-10T06:00:00+09:00,"
                  "T\n",
                  0600)
                  .ok());
  RunResult r = env.Run({"plan", "--plan", bad, "--credentials",
                         env.credentials(), "--state-dir", env.state_dir()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("write '198.18.0.10'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad + ":7:"), std::string::npos) << r.err;
  EXPECT_EQ(env.Requests(), 0);
  RunResult typo = env.Run({"prepar", "--plan", env.plan()});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'prepare'?"), std::string::npos)
      << typo.err;
  RunResult expect = env.Renumber("verify", {"--expect", "prepard"});
  EXPECT_EQ(expect.exit_code, 2);
  EXPECT_NE(expect.err.find("not-started, prepared, cut-over"),
            std::string::npos)
      << expect.err;
  RunResult help = env.Run({"cutover", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  const std::string examples = help.out.substr(help.out.find("Examples:"));
  EXPECT_EQ(examples.find("--ignore-window"), std::string::npos) << examples;
  EXPECT_NE(examples.find("--dry-run"), std::string::npos) << examples;
}

// A valid but wrong old IP: the account reads as `missing` (exit 3), and
// the output says which delivery servers the account does use.
TEST(OperatorE2eTest, WrongOldIpNamesTheAddressesInUse) {
  E2eEnv env(Customers(1));
  Result<std::string> read = PosixFileSystem()->ReadFile(env.plan());
  ASSERT_TRUE(read.ok());
  std::string plan = *read;
  for (const std::string service : {"ess", "cdn"}) {
    const std::string row = "C-10001," + service + ",198.18.0.10,";
    ASSERT_NE(plan.find(row), std::string::npos) << plan;
    plan.replace(plan.find(row), row.size(),
                 "C-10001," + service + ",198.18.0.99,");
  }
  const std::string wrong = env.dir() + "/wrong.csv";
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), wrong, plan, 0600).ok());
  RunResult r =
      env.Run({"verify", "--plan", wrong, "--credentials", env.credentials(),
               "--state-dir", env.state_dir(), "--hosts", env.hosts()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("state: missing"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("neither 198.18.0.99 nor 198.19.0.10 is a delivery "
                       "server of this account; it uses 198.18.0.10:25"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("neither 198.18.0.99 nor 198.19.0.10 is an origin "
                       "server of this account; it uses 198.18.0.10"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(check old_ip in the plan)"), std::string::npos);
}

// A mistyped vault passphrase at the terminal may be typed again; each
// failed try is in the audit log.
TEST(OperatorE2eTest, ThreePassphraseTriesEachAudited) {
  E2eEnv env(Customers(1));
  const std::string pass = env.dir() + "/pass";
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), pass,
                              "correct horse battery staple\n", 0600)
                  .ok());
  ASSERT_EQ(env.Run({"vault", "init", "--state-dir", env.state_dir(),
                     "--passphrase-file", pass})
                .exit_code,
            0);
  auto list =
      env.StartAtTerminal({"vault", "list", "--state-dir", env.state_dir()});
  ASSERT_TRUE(list->WaitFor("passphrase")) << list->tty();
  list->Type("wrong one");
  ASSERT_TRUE(list->WaitFor("2 tries left")) << list->tty();
  list->Type("correct horse battery staple");
  RunResult r = list->Finish();
  EXPECT_EQ(r.exit_code, 0) << r.tty;
  RunResult audit = env.Run({"vault", "audit", "--state-dir", env.state_dir(),
                             "--passphrase-file", pass, "--json"});
  EXPECT_EQ(Occurrences(audit.out, "failed unlock"), 1u) << audit.out;
}

// An expired vault entry fails its account ("expired on …"), also for a
// monitoring verify; the other accounts are checked.
TEST(OperatorE2eTest, ExpiredVaultEntryFailsOnlyItsAccount) {
  E2eEnv env(Customers(3));
  const std::string pass = env.dir() + "/pass";
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), pass,
                              "correct horse battery staple\n", 0600)
                  .ok());
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(),
                {"--state-dir", env.state_dir(), "--passphrase-file", pass});
    return env.Run(args);
  };
  ASSERT_EQ(vault({"vault", "init"}).exit_code, 0);
  auto creds =
      nlohmann::json::parse(*PosixFileSystem()->ReadFile(env.credentials()));
  nlohmann::json first = creds["accounts"][0];
  creds["accounts"].erase(0);
  const std::string rest = env.dir() + "/rest.json";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), rest, creds.dump(), 0600).ok());
  ASSERT_EQ(vault({"vault", "import", rest, "--ticket", "T-1"}).exit_code, 0);
  // The first account's entry expires in ten seconds (unlocking the vault
  // takes 1-5 s of scrypt on a busy 2-core machine; with two seconds the
  // entry could expire before `vault add` saved it).
  const std::string secret = env.dir() + "/secret";
  const bool ess = first["service"] == "ess";
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), secret,
                      first[ess ? "password" : "api_token"].get<std::string>(),
                      0600)
          .ok());
  const std::string soon =
      (RealClock()->Now() + std::chrono::seconds(10)).ToRfc3339();
  std::vector<std::string> add = {"vault",         "add",
                                  "--customer",    first["customer"],
                                  "--service",     first["service"],
                                  "--api-base",    first["api_base"],
                                  "--secret-file", secret,
                                  "--ticket",      "T-1",
                                  "--expires",     soon};
  if (ess) add.insert(add.end(), {"--username", first["username"]});
  ASSERT_EQ(vault(add).exit_code, 0);
  const std::string account = first["customer"].get<std::string>() + "/" +
                              first["service"].get<std::string>();
  // Wait for the expiry itself (the vault's own word), with a deadline.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (vault({"vault", "list"}).out.find("expired") == std::string::npos)
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
  RunResult r =
      env.Run({"verify", "--plan", env.plan(), "--state-dir", env.state_dir(),
               "--passphrase-file", pass, "--read-only", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const auto& a : Accounts(r)) {
    if (a["account"] == account) {
      EXPECT_EQ(a["result"], "failed");
      EXPECT_NE(a["error"]["message"].get<std::string>().find("expired on"),
                std::string::npos)
          << a;
    } else {
      EXPECT_EQ(a["result"], "ok") << a;
    }
  }
}

}  // namespace
}  // namespace renumber
