// `renumber sim` through the real binary: start time, output, files,
// signals and the state file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <sstream>

#include "src/core/fs.h"
#include "src/http/server.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/test_client.h"
#include "src/sim/world.h"
#include "tests/support/child_exec.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class CmdSimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitHttpRuntime(64);
    char tmpl[] = "/tmp/renumber-cmdsim-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::string cmd = "rm -rf '" + dir_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Starts `renumber sim ARGS` with stdout/stderr to files in the temp dir.
  void Spawn(std::vector<std::string> args) {
    args.insert(args.begin(), {RENUMBER_BINARY, "sim"});
    std::string out = Path("stdout"), err = Path("stderr");
    const ChildExec exec(args, {"LANG=C.UTF-8", "LC_ALL", "LC_MESSAGES"});
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {  // async-signal-safe calls only (child_exec.h)
      int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(o, 1);
      ::dup2(e, 2);
      exec.Exec();
    }
  }
  // Waits for the child to exit: its exit code, or -1 when it has not
  // exited within `limit` (a safety net; a healthy run exits long before).
  int Wait(milliseconds limit = kWaitForDeadline) {
    int code = -1;
    WaitFor(
        [&] {
          int status = 0;
          if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
          pid_ = -1;
          code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
          return true;
        },
        limit);
    return code;
  }
  int Run(std::vector<std::string> args) {
    Spawn(std::move(args));
    return Wait();
  }
  std::string Read(const std::string& name) {
    auto r = PosixFileSystem()->ReadFile(Path(name));
    return r.ok() ? *r : "";
  }
  // Polls the ESS simulator until it answers C-10001's GET.
  bool WaitServing(const std::string& base, const SimCustomer& who) {
    TestClient client(base);
    return WaitFor([&] {
      auto r = client.Send("GET", "/v1/inbound-routes", "",
                           {BasicAuthHeader(who.Credential("ess", "username"),
                                            who.Credential("ess", "password"))},
                           milliseconds(500));
      return r.ok() && r->status == 200;
    });
  }
  // Polls file `name` until it contains `text` (the command writes its
  // output after it has started serving).
  bool WaitForText(const std::string& name, const std::string& text) {
    return WaitFor([&] { return Read(name).find(text) != std::string::npos; });
  }
  // CPU time (user + system) the child has used so far, from
  // /proc/<pid>/stat; -1 ms when it cannot be read.
  milliseconds ChildCpuTime() const {
    auto stat =
        PosixFileSystem()->ReadFile("/proc/" + std::to_string(pid_) + "/stat");
    if (!stat.ok()) return milliseconds(-1);
    // Fields after the command name (which may hold spaces), from ")":
    // 3 state ... 14 utime 15 stime, in clock ticks.
    std::istringstream in(stat->substr(stat->rfind(')') + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
      if (i == 14) utime = std::atoll(field.c_str());
      if (i == 15) stime = std::atoll(field.c_str());
    }
    return milliseconds((utime + stime) * 1000 / ::sysconf(_SC_CLK_TCK));
  }
  static int Port() {
    auto p = FindFreeLoopbackPort();
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : 0;
  }

  std::string dir_;
  pid_t pid_ = -1;
};

TEST_F(CmdSimTest, NoServeWritesPlanAndCredentials) {
  ASSERT_EQ(Run({"--seed", "4", "--no-serve", "--write-plan", Path("plan.csv"),
                 "--write-credentials", Path("creds.json")}),
            0)
      << Read("stderr");
  auto customers = SeedCustomers(4, "2026-12-10T06:00:00+09:00");
  EXPECT_EQ(Read("plan.csv"), PlanCsv(customers));
  struct stat st {};
  ASSERT_EQ(::stat(Path("creds.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(nlohmann::json::parse(Read("creds.json")),
            CredentialsJson(customers, {{"ess", "http://127.0.0.1:18025"},
                                        {"cdn", "http://127.0.0.1:18080"}}));
  EXPECT_EQ(Read("stdout"), "");
}

TEST_F(CmdSimTest, NoServeNeedsFixedPortsForCredentials) {
  EXPECT_EQ(Run({"--no-serve", "--ess", "127.0.0.1:0", "--write-credentials",
                 Path("creds.json")}),
            2);
  EXPECT_FALSE(PosixFileSystem()->Exists(Path("creds.json")));
}

TEST_F(CmdSimTest, BadInputExits2AndWritesNothing) {
  ASSERT_TRUE(WriteFileAtomic(PosixFileSystem(), Path("faults.json"),
                              R"({"drop": {"rate": 7}})", 0600)
                  .ok());
  EXPECT_EQ(
      Run({"--faults", Path("faults.json"), "--write-plan", Path("plan.csv")}),
      2);
  EXPECT_NE(Read("stderr").find("drop.rate"), std::string::npos)
      << Read("stderr");
  EXPECT_EQ(Run({"--ess", "nonsense", "--write-plan", Path("plan.csv")}), 2);
  EXPECT_EQ(Run({"--seed", "-5"}), 2);
  EXPECT_EQ(Run({"--maintenance-end", "soon", "--no-serve", "--write-plan",
                 Path("plan.csv")}),
            2);
  EXPECT_FALSE(PosixFileSystem()->Exists(Path("plan.csv")));
}

TEST_F(CmdSimTest, StartsFastServesAndSavesStateOnSignal) {
  const int ess = Port(), cdn = Port();
  const std::string ess_url = "http://127.0.0.1:" + std::to_string(ess);
  std::vector<std::string> args = {
      "--seed",        "50",
      "--ess",         "127.0.0.1:" + std::to_string(ess),
      "--cdn",         "127.0.0.1:" + std::to_string(cdn),
      "--state",       Path("sim.json"),
      "--admin-token", "t0ken",
      "--json"};
  auto customers = SeedCustomers(50, "2026-12-10T06:00:00+09:00");
  auto t0 = Clock::now();
  Spawn(args);
  ASSERT_TRUE(WaitServing(ess_url, customers[0])) << Read("stderr");
  auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - t0);
  // "Starts fast" is about the work done before serving, so it is measured
  // in the child's CPU time, which a loaded machine does not inflate (the
  // wall time, printed for the record, does: on a busy 2-core CI machine it
  // passed 1 s while the CPU time stayed far below).
  const milliseconds cpu = ChildCpuTime();
  std::printf("renumber sim --seed 50: serving after %lld ms, %lld ms CPU\n",
              static_cast<long long>(took.count()),
              static_cast<long long>(cpu.count()));
  EXPECT_GE(cpu, milliseconds(0)) << "no /proc/<pid>/stat";
  EXPECT_LT(cpu, milliseconds(1000));

  // One JSON document on stdout; labelled human output on stderr.
  ASSERT_TRUE(WaitForText("stderr", "serving until")) << Read("stderr");
  auto doc = nlohmann::json::parse(Read("stdout"));
  EXPECT_EQ(doc["simulator_only"], true);
  EXPECT_EQ(doc["ess"], ess_url);
  EXPECT_EQ(doc["admin"]["token"], "t0ken");
  EXPECT_EQ(doc["accounts"].size(), 50u);
  EXPECT_EQ(doc["accounts"][0]["ess"]["password"],
            customers[0].Credential("ess", "password"));
  std::string err = Read("stderr");
  EXPECT_NE(err.find("SIMULATOR-ONLY"), std::string::npos);
  EXPECT_NE(err.find(customers[49].id), std::string::npos);
  EXPECT_NE(
      err.find("C-10001 ess  username admin@c10001.example.jp  password " +
               customers[0].Credential("ess", "password")),
      std::string::npos)
      << err;
  EXPECT_NE(err.find("username viewer@c10001.example.jp"), std::string::npos)
      << err;
  EXPECT_NE(err.find("read-only user (answers 403)"), std::string::npos);

  // A change made over HTTP survives a restart through the state file.
  TestClient client(ess_url);
  auto auth = BasicAuthHeader(customers[0].Credential("ess", "username"),
                              customers[0].Credential("ess", "password"));
  auto admin = client.Send("GET", "/_sim/counters", "",
                           {BasicAuthHeader("sim-admin", "t0ken")});
  ASSERT_EQ(admin->status, 200);
  auto etag =
      BodyJson(*client.Send("GET", "/v1/outbound-servers", "", {auth}))["etag"]
          .get<std::string>();
  auto add = client.Send("POST", "/v1/outbound-servers",
                         R"({"address": "198.19.0.10", "note": "new"})",
                         {auth, {"If-Match", etag}});
  ASSERT_EQ(add->status, 201) << add->body;
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  ASSERT_EQ(Wait(), 0) << Read("stderr");
  struct stat st {};
  ASSERT_EQ(::stat(Path("sim.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  args[1] = "3";  // ignored: the state file holds 50 customers
  Spawn(args);
  ASSERT_TRUE(WaitServing(ess_url, customers[0]));
  ASSERT_TRUE(WaitForText("stderr", "serving until")) << Read("stderr");
  auto servers = BodyJson(*TestClient(ess_url).Send(
      "GET", "/v1/outbound-servers", "", {auth}))["servers"];
  bool found = false;
  for (const auto& s : servers) found |= s["address"] == "198.19.0.10";
  EXPECT_TRUE(found) << servers;
  EXPECT_NE(Read("stderr").find("loaded from"), std::string::npos);
  ASSERT_EQ(::kill(pid_, SIGINT), 0);
  EXPECT_EQ(Wait(), 0) << Read("stderr");
}

TEST_F(CmdSimTest, BusyPortFailsWithExit1) {
  const int ess = Port();
  Spawn({"--ess", "127.0.0.1:" + std::to_string(ess), "--cdn", "127.0.0.1:0"});
  auto customers = SeedCustomers(6, "2026-12-10T06:00:00+09:00");
  ASSERT_TRUE(
      WaitServing("http://127.0.0.1:" + std::to_string(ess), customers[0]));
  ASSERT_TRUE(WaitForText("stderr", "serving until")) << Read("stderr");
  pid_t first = pid_;
  Spawn({"--ess", "127.0.0.1:" + std::to_string(ess), "--cdn", "127.0.0.1:0"});
  EXPECT_EQ(Wait(), 1);
  EXPECT_NE(Read("stderr").find("cannot start"), std::string::npos);
  pid_ = first;
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(Wait(), 0);
}

// --dns serves the world's zones and --write-domains the matching file:
// `renumber preflight` runs against them with nothing else.
TEST_F(CmdSimTest, ServesTheCustomersDnsForPreflight) {
  Spawn({"--seed", "6", "--ess", "127.0.0.1:0", "--cdn", "127.0.0.1:0", "--dns",
         "127.0.0.1:0", "--write-plan", Path("plan.csv"), "--write-domains",
         Path("domains.txt")});
  ASSERT_TRUE(WaitForText("stderr", "serving until")) << Read("stderr");
  const std::string err = Read("stderr");
  const std::string tag = "DNS (the customers' zones, UDP): ";
  size_t at = err.find(tag);
  ASSERT_NE(at, std::string::npos) << err;
  at += tag.size();
  const std::string dns = err.substr(at, err.find(' ', at) - at);
  EXPECT_NE(Read("domains.txt").find("C-10002/ess c10002.example.jp"),
            std::string::npos);
  const std::string cmd =
      std::string(RENUMBER_BINARY) + " preflight --plan " + Path("plan.csv") +
      " --domains " + Path("domains.txt") + " --dns-server " + dns +
      " --json > " + Path("preflight.json") + " 2> " + Path("pf.err");
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << Read("pf.err");
  auto doc = nlohmann::json::parse(Read("preflight.json"), nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << Read("preflight.json");
  EXPECT_EQ(doc["summary"]["customers"], 6);
  EXPECT_EQ(doc["summary"]["errors"], 0) << Read("pf.err");
  std::set<std::string> managers;
  for (const auto& c : doc["customers"])
    for (const auto& d : c["domains"]) managers.insert(d["managed_by"]);
  EXPECT_EQ(managers, (std::set<std::string>{"other", "provider"}));
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_EQ(Wait(), 0) << Read("stderr");
}

}  // namespace
}  // namespace renumber
