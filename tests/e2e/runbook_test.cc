// Runbooks that cannot rot: every runbook with markers (runbooks/README.md)
// is run, block by block and in order, against the simulators, on a
// terminal as a person would run it; each block must end with the exit
// code its marker says, and show the output block that follows it. A
// runbook whose commands or output no longer match the binary fails here.
//
// The set-up stands for what a person has (runbooks/README.md): both
// simulators with the seeded customers; `renumber` on PATH; an empty
// HOME; the repository's credentials-template/ in the working directory;
// $EDITOR filling a credentials file with the simulators' logins; LANG
// from the runbook's language; TZ=UTC; the clock of a block's `at=`
// (libfaketime, installed by .ci/bootstrap).
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glob.h>
#include <algorithm>
#include <atomic>
#include <cstdlib>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "tests/e2e/e2e_env.h"
#include "tests/runbooks/runbook_steps.h"

namespace renumber {
namespace {

std::string RunbookDir() {
  return std::string(RENUMBER_SOURCE_DIR) + "/runbooks";
}

std::vector<std::string> RunbookFiles() {
  std::vector<std::string> out;
  if (DIR* d = opendir(RunbookDir().c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 3 && name.substr(name.size() - 3) == ".md")
        out.push_back(name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Read(const std::string& path) {
  auto text = PosixFileSystem()->ReadFile(path);
  return text.ok() ? *text : "";
}

// libfaketime's preload library, "" when it is not installed.
std::string FakeTimeLibrary() {
  glob_t g{};
  std::string found;
  if (glob("/usr/lib/*/faketime/libfaketime.so.1", 0, nullptr, &g) == 0 &&
      g.gl_pathc > 0)
    found = g.gl_pathv[0];
  globfree(&g);
  return found;
}

void WriteExecutable(const std::string& path, const std::string& text) {
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), path, text, 0755).ok());
}

// The vault passphrase the desk types at every passphrase question and
// its $EDITOR writes into a passphrase file (runbooks/README.md).
constexpr char kPassphrase[] = "runbook desk passphrase 7";

// Whether this test binary (and so the renumber beside it) is built with
// AddressSanitizer.
constexpr bool kSanitized =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// The renumber the reader runs: $RENUMBER_RUNBOOK_BINARY, else the one
// built beside this test. libfaketime (at=) hangs in the start-up of an
// ASan binary, so a sanitized build runs the runbooks with the product
// binary the test command builds first (.ci/bootstrap sets the variable),
// which is also what a reader runs; without it they are skipped.
std::string GivenRunbookBinary() {
  const char* given = std::getenv("RENUMBER_RUNBOOK_BINARY");
  return given ? given : "";
}

std::string RunbookBinary() {
  const std::string given = GivenRunbookBinary();
  return given.empty() ? RenumberBinary() : given;
}

// What the runbook's reader has at hand, in `env`'s temp dir.
struct Desk {
  std::string home, work, bin;
  // The runbook's system directories (world paths=) are under `root`.
  std::string root;
  std::vector<std::string> paths;
  std::vector<std::string> vars;  // "NAME=value" for every block
};

// `script` with every system path the runbook names moved under the
// desk's root: "/var/lib/renumber/journal" → ROOT/var/lib/renumber/journal.
// Only whole path names: "/var/lib/renumber2" and "x/var/lib/renumber" stay.
std::string UnderRoot(const Desk& desk, const std::string& script) {
  std::string out;
  auto path_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '-' || c == '.' || c == '/';
  };
  for (size_t i = 0; i < script.size();) {
    const std::string* hit = nullptr;
    for (const std::string& p : desk.paths) {
      const size_t end = i + p.size();
      if (script.compare(i, p.size(), p) == 0 &&
          (i == 0 || !path_char(script[i - 1])) &&
          (end == script.size() || script[end] == '/' ||
           !path_char(script[end])))
        hit = &p;
    }
    if (hit) {
      out += desk.root + *hit;
      i += hit->size();
    } else {
      out += script[i++];
    }
  }
  return out;
}

// What the reader sees: the desk's root is not part of the paths shown.
std::string WithoutRoot(const Desk& desk, std::string text) {
  if (desk.root.empty()) return text;
  for (size_t at = text.find(desk.root); at != std::string::npos;
       at = text.find(desk.root, at))
    text.erase(at, desk.root.size());
  return text;
}

Desk SetUpDesk(const E2eEnv& env, const std::string& file,
               const Runbook& book) {
  Desk d;
  d.home = env.dir() + "/home";
  d.work = env.dir() + "/work";
  d.bin = env.dir() + "/bin";
  d.root = env.dir() + "/root";
  d.paths = book.paths;
  for (const std::string& dir : {d.home, d.work, d.bin, env.dir() + "/tmp"})
    EXPECT_TRUE(PosixFileSystem()->CreateDirs(dir, 0700).ok());
  for (const std::string& path : d.paths)
    EXPECT_TRUE(PosixFileSystem()->CreateDirs(d.root + path, 0700).ok());
  EXPECT_EQ(symlink(RunbookBinary().c_str(), (d.bin + "/renumber").c_str()),
            0);
  EXPECT_EQ(
      symlink(
          (std::string(RENUMBER_SOURCE_DIR) + "/credentials-template").c_str(),
          (d.work + "/credentials-template").c_str()),
      0);
  // $EDITOR FILE: the person filling in the file with the logins they
  // were given (here: the simulators'), or any other file (a passphrase
  // file) with the vault passphrase.
  WriteExecutable(d.bin + "/fill-credentials",
                  "#!/bin/sh\ncase \"$1\" in\n"
                  "  *.json) cat \"$RUNBOOK_CREDENTIALS\" > \"$1\" ;;\n"
                  "  *) printf '%s\\n' \"$RUNBOOK_PASSPHRASE\" > \"$1\" ;;\n"
                  "esac\n");
  // sudo: the desk has no root and no other users; the command runs as
  // the test's own user (-u/-g USER and other options are dropped).
  WriteExecutable(d.bin + "/sudo",
                  "#!/bin/sh\nwhile [ $# -gt 0 ]; do\n"
                  "  case \"$1\" in -u|-g) shift 2 ;; -*) shift ;; *) break ;; "
                  "esac\ndone\nexec \"$@\"\n");
  const bool ja = file.find(".ja.") != std::string::npos;
  d.vars = {"HOME=" + d.home,
            "PATH=" + d.bin + ":/usr/local/bin:/usr/bin:/bin",
            "XDG_STATE_HOME=",
            "LANG=" + std::string(ja ? "ja_JP.UTF-8" : "C.UTF-8"),
            "LC_ALL=",
            "LC_MESSAGES=",
            "TZ=UTC",
            "EDITOR=" + d.bin + "/fill-credentials",
            "RUNBOOK_CREDENTIALS=" + env.credentials(),
            "RUNBOOK_PASSPHRASE=" + std::string(kPassphrase),
            "RUNBOOK_HOSTS=" + env.hosts(),
            // The network between the reader and their new server: the
            // simulated origins listen on loopback, so the origin probes
            // are pointed there (as --connect-to and --ca-file would).
            "RENUMBER_CONNECT_TO=" + env.connect_to(),
            "RENUMBER_CA_FILE=" + env.origin_ca(),
            "TMPDIR=" + env.dir() + "/tmp"};
  return d;
}

// The environment additions that make the block's clock read `at`.
std::vector<std::string> ClockVars(const std::string& at) {
  if (at.empty()) return {};
  auto t = Timestamp::ParseRfc3339(at);
  EXPECT_TRUE(t.ok()) << at;
  if (!t.ok()) return {};
  std::string utc = t->ToRfc3339().substr(0, 19);  // 2026-12-09T22:00:00
  utc[10] = ' ';
  const std::string lib = FakeTimeLibrary();
  EXPECT_FALSE(lib.empty())
      << "libfaketime is not installed: sh .ci/bootstrap test installs it";
  return {"LD_PRELOAD=" + lib, "FAKETIME=@" + utc,
          "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

// The simulators' clock: the real one, moved to the block's `at=`, so that
// what they stamp (an ESS delivery check) carries the time the block's
// renumber sees, as it would against the vendor on that day.
class BlockClock : public Clock {
 public:
  Timestamp Now() override { return RealClock()->Now() + Offset(); }
  std::chrono::steady_clock::time_point Steady() override {
    return RealClock()->Steady();
  }
  void SleepFor(std::chrono::microseconds d) override {
    RealClock()->SleepFor(d);
  }
  // `at` (RFC 3339) from now on; "" = the real time.
  void MoveTo(const std::string& at) {
    auto t = Timestamp::ParseRfc3339(at);
    offset_us_ = at.empty() || !t.ok()
                     ? 0
                     : (*t - RealClock()->Now()).count();
  }

 private:
  std::chrono::microseconds Offset() const {
    return std::chrono::microseconds(offset_us_.load());
  }
  std::atomic<int64_t> offset_us_{0};
};

std::string Where(const std::string& file, int line) {
  return "runbooks/" + file + ":" + std::to_string(line);
}

// Runs one block at a terminal in `desk`; answers its questions.
// `when`: the block's clock (RFC 3339), "" = the real one.
RunResult RunStep(const Desk& desk, const RunbookStep& step,
                  const std::string& file, const std::string& when) {
  TerminalOptions o;
  o.env = desk.vars;
  for (const std::string& v : ClockVars(when)) o.env.push_back(v);
  o.columns = 200;
  const std::string script =
      "cd '" + desk.work + "'\n" + UnderRoot(desk, step.script);
  TerminalSession session({"/bin/bash", "-e", "-o", "pipefail", "-c", script},
                          o);
  // The questions and what the reader types: [y/N] → answer=; the vault's
  // passphrase questions (en, ja; a wrong-passphrase retry is not
  // answered) → the desk's passphrase.
  const std::vector<std::string> questions = {
      "[y/N]", "Vault passphrase for ", "New vault passphrase",
      "Repeat the new passphrase: ", "のパスフレーズ: ",
      "新しい保管庫パスフレーズ", "確認のためもう一度入力してください: "};
  std::vector<size_t> seen(questions.size(), 0);
  for (int q; (q = session.WaitForNext(questions, &seen, 120)) >= 0;) {
    if (q > 0) {
      session.Type(kPassphrase);
      continue;
    }
    if (step.answer.empty()) {
      ADD_FAILURE() << Where(file, step.line)
                    << ": the block asks [y/N] but its marker gives no "
                       "answer=";
      break;
    }
    session.Type(step.answer);
  }
  return session.Finish(120);
}

class RunbookTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RunbookTest, RunsAsWritten) {
  const std::string file = GetParam();
  auto book = ParseRunbook(Read(RunbookDir() + "/" + file));
  ASSERT_TRUE(book.ok()) << "runbooks/" << file << ": "
                         << book.status().message();
  if (!book->marked)
    GTEST_SKIP() << "runbooks/" << file << " has no runbook marker yet ("
                 << book->unmarked_sh << " ```sh blocks): not under test";
  if (kSanitized && GivenRunbookBinary().empty())
    GTEST_SKIP() << "runbooks/" << file
                 << ": this build is sanitized and libfaketime hangs in an "
                    "ASan binary's start-up; set RENUMBER_RUNBOOK_BINARY to "
                    "a plain renumber (sh .ci/bootstrap test does)";
  E2eOptions options = Customers(book->customers);
  options.maintenance_end = "2026-12-10T06:00:00+09:00";
  BlockClock clock;
  options.clock = &clock;
  E2eEnv env(options);
  const Desk desk = SetUpDesk(env, file, *book);
  // The clock of an `at=` runs on from block to block, as a real one
  // would: each block starts (in whole seconds) where the one before it
  // ended, so that nothing one block writes is dated after the next.
  std::string at;
  Timestamp next_start;
  for (const RunbookStep& step : book->steps) {
    std::string when;
    if (!step.at.empty()) {
      if (step.at != at) {
        at = step.at;
        auto t = Timestamp::ParseRfc3339(at);
        if (t.ok()) next_start = *t;
      }
      when = next_start.ToRfc3339();
    } else {
      at.clear();
    }
    clock.MoveTo(when);
    const auto started = std::chrono::steady_clock::now();
    RunResult r = RunStep(desk, step, file, when);
    const auto took = std::chrono::steady_clock::now() - started;
    next_start = next_start +
                 std::chrono::seconds(
                     std::chrono::ceil<std::chrono::seconds>(took).count());
    const std::string seen = WithoutRoot(desk, TerminalText(r.tty));
    const std::string tail =
        seen.size() > 4000 ? "…" + seen.substr(seen.size() - 4000) : seen;
    ASSERT_EQ(r.exit_code, step.exit_code)
        << Where(file, step.line) << ": the block\n"
        << step.script << "ended with exit " << r.exit_code << " (signal "
        << r.signal << "), its marker says " << step.exit_code
        << "; the terminal showed:\n"
        << tail;
    if (!step.output) continue;
    Status match = MatchOutput(*step.output, seen);
    ASSERT_TRUE(match.ok())
        << Where(file, step.output_line)
        << ": the output shown for the block at line " << step.line
        << " is not what it prints now: " << match.message()
        << "\nThe whole terminal:\n"
        << tail;
  }
  std::printf("runbooks/%s: %zu blocks run, %d skipped\n", file.c_str(),
              book->steps.size(), book->skipped);
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param.substr(0, info.param.size() - 3))
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Runbooks, RunbookTest,
                         ::testing::ValuesIn(RunbookFiles()), TestName);

// The runbooks that are under test stay under test: taking the markers out
// of one of them fails here.
TEST(RunbookCoverageTest, TheseRunbooksAreMarked) {
  for (const char* file :
       {"README.md", "customer-self-service.en.md",
        "customer-self-service.ja.md", "scheduled-verification.en.md",
        "scheduled-verification.ja.md", "rollback-and-incidents.en.md",
        "rollback-and-incidents.ja.md", "proxy-work.en.md",
        "proxy-work.ja.md"}) {
    auto book = ParseRunbook(Read(RunbookDir() + "/" + file));
    ASSERT_TRUE(book.ok()) << file << ": " << book.status().message();
    EXPECT_TRUE(book->marked) << file;
    EXPECT_GT(book->steps.size(), 0u) << file;
  }
}

}  // namespace
}  // namespace renumber
