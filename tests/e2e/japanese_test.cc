// Japanese everywhere a user reads: plan, prepare, verify, status, report,
// help and input errors through the real binary under LANG=ja_JP.UTF-8,
// with no English sentence, state, result, finding kind, check mark or
// progress word left in what a Japanese reader sees; and --json, which is
// for programs, the same whatever the language.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

const std::vector<std::string> kJa = {"LANG=ja_JP.UTF-8",
                                      "LC_ALL=", "LC_MESSAGES="};

// English that must not be in Japanese output: the tool's own words the
// issue lists, and the small words of an English sentence.
const std::vector<std::string> kEnglish = {"not-started",
                                           "prepared",
                                           "cut-over",
                                           "partial",
                                           "refused",
                                           "done",
                                           "failed",
                                           "nothing-to-do",
                                           "not-expected",
                                           "old-reference",
                                           "new-reference",
                                           "dns-dependent",
                                           "cidr-covers",
                                           "[ok]",
                                           "[FAIL]",
                                           "[warn]",
                                           "discover",
                                           "apply",
                                           "read back",
                                           "the",
                                           "is",
                                           "are",
                                           "was",
                                           "not",
                                           "and",
                                           "with",
                                           "for",
                                           "from",
                                           "after",
                                           "before",
                                           "this",
                                           "would",
                                           "will",
                                           "has",
                                           "have",
                                           "no",
                                           "of",
                                           "to",
                                           "in",
                                           "on",
                                           "at",
                                           "run",
                                           "account",
                                           "accounts",
                                           "state",
                                           "error",
                                           "warning",
                                           "summary",
                                           "changes",
                                           "maintenance"};

// What a Japanese line may hold in ASCII: names of things (accounts, IPs,
// host names, ids, paths, options, placeholders in code style), removed
// before looking for English.
std::string WithoutNames(const std::string& line) {
  static const std::regex names(
      R"(C-\d+(/\w+)?|[\w.-]+\.(jp|example|com|net|csv|json|journal|html|md|pem)\b)"
      R"(|\b\d+(\.\d+){3}(:\d+)?\b|[0-9a-f:]*::[0-9a-f:]*|--?[a-z][\w-]*)"
      R"(|\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)|/[\w./-]+|\b[A-Za-z]*\d\w*)"
      R"(|\b(ESS|CDN|IP|DNS|renumber|ACCOUNT)\b|\w+_\w+|[A-Z]{2,}\b)");
  return std::regex_replace(line, names, " ");
}

// The English words or tool words in `text`'s lines that are not names,
// with their lines, for the failure message.
std::string EnglishIn(const std::string& text) {
  std::string found;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    // The staged version's diff quotes the CDN's own configuration as the
    // CDN shows it (field names, the version's bilingual comment): data,
    // not our words.
    if (!line.empty() &&
        (line[0] == '+' || line[0] == '-' || line.rfind(" - ", 0) == 0))
      continue;
    const std::string rest = " " + WithoutNames(line) + " ";
    for (const std::string& w : kEnglish) {
      const bool word = std::isalpha(static_cast<unsigned char>(w[0]));
      const std::regex re(
          word ? "[^A-Za-z-]" + w + "[^A-Za-z-]"
               : std::regex_replace(w, std::regex(R"([\[\]])"), R"(\$&)"));
      if (std::regex_search(rest, re)) {
        found += "  '" + w + "' in: " + line + "\n";
        break;
      }
    }
  }
  return found;
}

E2eOptions Campaign() {
  E2eOptions o = Customers(4);
  o.maintenance_end =
      (RealClock()->Now() + std::chrono::hours(48)).ToRfc3339(540);
  return o;
}

TEST(JapaneseE2eTest, PlanPrepareVerifyStatusAndReportReadJapanese) {
  E2eEnv env(Campaign());
  RunResult plan = env.Renumber("plan", {}, kJa);
  ASSERT_NE(plan.exit_code, 2) << plan.err;
  const std::string plan_text = plan.out + plan.err;
  EXPECT_NE(plan_text.find("状態: 未着手"), std::string::npos) << plan_text;
  EXPECT_NE(plan_text.find("旧IPの設定"), std::string::npos) << plan_text;
  EXPECT_NE(plan_text.find("事前設定で行う変更"), std::string::npos)
      << plan_text;
  EXPECT_NE(plan_text.find("メンテナンス終了"), std::string::npos);
  EXPECT_EQ(EnglishIn(plan_text), "") << plan_text;

  // prepare at a terminal, as a person: the question, the progress, the
  // table.
  RunResult prep = env.RunOnTerminal(
      {"prepare", "--plan", env.plan(), "--credentials", env.credentials(),
       "--state-dir", env.state_dir(), "--hosts", env.hosts(), "--lang", "ja"},
      "y");
  ASSERT_EQ(prep.exit_code, 0) << prep.out;
  EXPECT_NE(prep.out.find("適用しますか"), std::string::npos) << prep.out;
  EXPECT_NE(prep.out.find("事前設定済み"), std::string::npos) << prep.out;
  EXPECT_NE(prep.out.find("完了"), std::string::npos) << prep.out;
  EXPECT_EQ(EnglishIn(prep.out), "") << prep.out;

  RunResult verify = env.Renumber("verify", {"--expect", "prepared"}, kJa);
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE((verify.out + verify.err).find("正常"), std::string::npos);
  EXPECT_EQ(EnglishIn(verify.out + verify.err), "") << verify.out << verify.err;

  // Before the maintenance, cutover is refused, in Japanese, and a plan
  // file (staff) is told of the override.
  RunResult early = env.Renumber("cutover", {"--yes"}, kJa);
  EXPECT_EQ(early.exit_code, 4);
  EXPECT_NE((early.out + early.err).find("--ignore-window"), std::string::npos);
  EXPECT_EQ(EnglishIn(early.out + early.err), "") << early.out << early.err;

  RunResult status = env.Run(
      {"status", "--state-dir", env.state_dir(), "--plan", env.plan()}, kJa);
  EXPECT_EQ(status.exit_code, 3) << "the refused cutover needs attention";
  EXPECT_NE(status.out.find("中止"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("切替"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("メンテナンス終了時刻"), std::string::npos)
      << "the last error, in Japanese:\n"
      << status.out;
  EXPECT_EQ(EnglishIn(status.out + status.err), "") << status.out;

  RunResult report = env.Run(
      {"report", "--state-dir", env.state_dir(), "--plan", env.plan()}, kJa);
  EXPECT_EQ(report.exit_code, 3) << report.err;
  EXPECT_NE(report.out.find("# 作業報告"), std::string::npos) << report.out;
  // The staff part of the report shows names as they are; the customers'
  // replies read Japanese.
  const size_t replies = report.out.find("お客様へのご報告文");
  ASSERT_NE(replies, std::string::npos) << report.out;
  for (const char* word : {"基盤変更メンテナンス", "です", "ます"})
    EXPECT_NE(report.out.find(word, replies), std::string::npos) << word;
}

// A customer moving their one account is not offered --ignore-window.
TEST(JapaneseE2eTest, ACustomerIsToldToWaitNotToOverride) {
  E2eEnv env(Campaign());
  const std::string end =
      (RealClock()->Now() + std::chrono::hours(48)).ToRfc3339(540);
  const SimCustomer& c = env.cluster()->customers()[0];
  const std::string service = c.Has("ess") ? "ess" : "cdn";
  std::vector<std::string> one = {
      "--service",   service,         "--customer",
      c.id,          "--old-ip",      c.old_ip,
      "--new-ip",    c.new_ip,        "--maintenance-end",
      end,           "--credentials", env.credentials(),
      "--state-dir", env.state_dir(), "--hosts",
      env.hosts()};
  auto args = [&](const char* cmd, std::vector<std::string> more) {
    std::vector<std::string> a = {cmd};
    a.insert(a.end(), one.begin(), one.end());
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  ASSERT_EQ(env.Run(args("prepare", {"--yes"})).exit_code, 0);
  for (const std::vector<std::string>& lang :
       {kJa, std::vector<std::string>{"LANG=C.UTF-8"}}) {
    RunResult r = env.Run(args("cutover", {"--yes"}), lang);
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find("--ignore-window"), std::string::npos)
        << r.out << r.err;
  }
  RunResult ja = env.Run(args("cutover", {"--yes"}), kJa);
  EXPECT_NE(ja.out.find("完了後に、もう一度実行してください"),
            std::string::npos)
      << ja.out;
}

// Input errors, help and refusals: the details are Japanese too.
TEST(JapaneseE2eTest, InputErrorsAndHelpAreJapanese) {
  E2eEnv env(Customers(1));
  const std::string bad = env.dir() + "/bad.csv";
  ASSERT_TRUE(WriteFileAtomic(
                  PosixFileSystem(), bad,
                  "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
                  "C-1,ess,198.18.0.010,198.19.0.1,2026-12-10 06:00,T\n"
                  "C-2,mail,198.18.0.1,198.18.0.1,2026-12-10T06:00:00+09:00,"
                  "T\n",
                  0600)
                  .ok());
  RunResult r = env.Run({"plan", "--plan", bad, "--credentials",
                         env.credentials(), "--state-dir", env.state_dir()},
                        kJa);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'198.18.0.10' と書いてください"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("不明なサービス"), std::string::npos) << r.err;
  EXPECT_EQ(EnglishIn(r.err), "") << r.err;

  RunResult flag = env.Run({"plan", "--jobs", "0", "--plan", bad}, kJa);
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("--jobs には 1 から 64"), std::string::npos)
      << flag.err;
  RunResult unknown = env.Run({"plan", "--no-such-flag"}, kJa);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("使えない引数があります: --no-such-flag"),
            std::string::npos)
      << unknown.err;
  RunResult typo = env.Run({"prepar"}, kJa);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("'prepare' のことですか"), std::string::npos)
      << typo.err;

  for (const char* cmd : {"plan", "prepare", "verify", "cutover", "rollback",
                          "status", "report", "vault", "sim", "demo"}) {
    RunResult help = env.Run({cmd, "--help"}, kJa);
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_NE(help.out.find("使い方"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("Print this help message"), std::string::npos)
        << help.out;
  }
}

// --json is for programs: the same document in any language (times,
// durations and run ids aside).
TEST(JapaneseE2eTest, JsonIsTheSameInEveryLanguage) {
  E2eEnv env(Campaign());
  auto normalized = [](json j) {
    std::function<void(json&)> strip = [&](json& v) {
      if (v.is_object()) {
        for (const char* k : {"ms", "checked_at", "duration_ms", "started_at",
                              "generated_at", "run"})
          v.erase(k);
        for (auto& [k, x] : v.items()) strip(x);
      } else if (v.is_array()) {
        for (json& x : v) strip(x);
      }
    };
    strip(j);
    return j;
  };
  for (const char* cmd : {"plan", "verify"}) {
    RunResult en = env.Renumber(cmd, {"--json"}, {"LANG=C.UTF-8"});
    RunResult ja = env.Renumber(cmd, {"--json"}, kJa);
    EXPECT_EQ(en.exit_code, ja.exit_code) << cmd;
    EXPECT_EQ(normalized(StdoutJson(en)), normalized(StdoutJson(ja))) << cmd;
    EXPECT_NE(ja.err.find("アカウント"), std::string::npos)
        << "the human table moved to stderr, in Japanese";
  }
  RunResult bad_en = env.Run({"plan", "--plan", "/nonexistent.csv", "--json"},
                             {"LANG=C.UTF-8"});
  RunResult bad_ja =
      env.Run({"plan", "--plan", "/nonexistent.csv", "--json"}, kJa);
  EXPECT_EQ(bad_en.exit_code, 2);
  EXPECT_EQ(bad_en.out, bad_ja.out) << "the error document is for programs";
  EXPECT_NE(bad_ja.err.find("開けません"), std::string::npos) << bad_ja.err;
}

}  // namespace
}  // namespace renumber
