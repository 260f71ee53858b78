// A hostile or careless vendor, through the real binary: JSON nested
// 200,000 levels deep (a stack overflow at --log-level trace, and a core
// file with the token in it), a message that echoes a secret just where
// our excerpt cuts it, control characters in a message and in the plan,
// and core dumps off from the start of every command.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "src/core/fs.h"
#include "src/http/server.h"
#include "tests/e2e/e2e_env.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace {

std::string RandomHex(size_t n) {
  std::random_device rd;
  std::string out;
  for (size_t i = 0; i < n; ++i) out += "0123456789abcdef"[rd() % 16];
  return out;
}

// A vendor at a free loopback port answering every request with `answer`.
class FakeVendor {
 public:
  explicit FakeVendor(std::function<ServerResponse(const ServerRequest&)> fn) {
    auto port = FindFreeLoopbackPort();
    EXPECT_TRUE(port.ok());
    ServerOptions so;
    so.port = port.ok() ? *port : 0;
    auto server = StartHttpServer(so, std::move(fn));
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (server.ok()) server_ = std::move(*server);
  }
  ~FakeVendor() {
    if (server_) server_->Stop();
  }
  std::string base_url() const { return server_ ? server_->base_url() : ""; }

 private:
  std::unique_ptr<HttpServer> server_;
};

std::string CredentialsFor(const E2eEnv& env, const std::string& base,
                           const std::string& password,
                           const std::string& token) {
  std::string path = env.dir() + "/vendor-creds.json";
  std::ofstream(path) << R"({"version": 1, "accounts": [
    {"customer": "C-1", "service": "ess", "api_base": ")"
                      << base
                      << R"(", "username": "admin@c1.example", "password": ")"
                      << password << R"("},
    {"customer": "C-1", "service": "cdn", "api_base": ")"
                      << base << R"(", "api_token": ")" << token << R"("}]})";
  ::chmod(path.c_str(), 0600);
  return path;
}

std::vector<std::string> OneAccount(const std::string& command,
                                    const std::string& service,
                                    const std::string& creds,
                                    const E2eEnv& env) {
  std::vector<std::string> args = {
      command,         "--service",     service,      "--customer",
      "C-1",           "--old-ip",      "198.18.0.1", "--new-ip",
      "198.19.0.1",    "--credentials", creds,        "--state-dir",
      env.state_dir(), "--log-level",   "trace"};
  if (command == "prepare") args.push_back("--yes");
  return args;
}

// 200,000 levels of nesting: the redaction of the trace dump recursed once
// per level and overflowed the stack (SIGSEGV). Now the transport refuses
// an answer nested deeper than the bound before anything walks it.
TEST(HostileVendorE2eTest, DeeplyNestedJsonAtTraceLevelFailsTheAccountOnly) {
  E2eEnv env(Customers(1));
  const std::string deep = R"({"status": "SUCCESS", "routes": )" +
                           std::string(200000, '[') + std::string(200000, ']') +
                           "}";
  FakeVendor vendor([&](const ServerRequest&) {
    ServerResponse r;
    r.headers.Set("Content-Type", "application/json");
    r.body = deep;
    return r;
  });
  std::string creds =
      CredentialsFor(env, vendor.base_url(), "pw-deep-" + RandomHex(16),
                     "tok-deep-" + RandomHex(16));
  for (const char* service : {"ess", "cdn"}) {
    RunResult r = env.Run(OneAccount("plan", service, creds, env));
    EXPECT_EQ(r.signal, 0) << service << ": killed by signal " << r.signal;
    EXPECT_EQ(r.exit_code, 1) << service << "\n" << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find("nested"), std::string::npos) << r.err.substr(0, 2000);
  }
}

// The adapters cut a vendor's message (ESS: 300 bytes, CDN: 120) and only
// then scrubbed it: a secret echoed right at the cut was printed in part.
TEST(HostileVendorE2eTest, AnEchoedSecretCutByTheExcerptIsNotPrintedInPart) {
  E2eEnv env(Customers(1));
  const std::string password = "cutpw-" + RandomHex(24);
  const std::string token = "cuttok-" + RandomHex(24);
  FakeVendor vendor([&](const ServerRequest& req) {
    ServerResponse r;
    r.status = 400;
    if (req.headers.Get("Fastly-Key")) {
      r.body = std::string(110, 'x') + " " + token + " is not a valid key";
    } else {
      r.headers.Set("Content-Type", "application/json");
      r.body = R"({"status": "FAILURE", "code": "E_INPUT", "message": ")" +
               std::string(290, 'y') + " " + password + R"( refused"})";
    }
    return r;
  });
  std::string creds = CredentialsFor(env, vendor.base_url(), password, token);
  std::string all;
  for (const char* service : {"ess", "cdn"}) {
    RunResult r = env.Run(OneAccount("plan", service, creds, env));
    EXPECT_EQ(r.exit_code, 1) << service << "\n" << r.err;
    all += r.out + r.err;
  }
  EXPECT_NE(all.find("yyyy"), std::string::npos) << "the messages are shown";
  for (const std::string& s : {password, token})
    EXPECT_EQ(all.find(s.substr(0, 8)), std::string::npos)
        << "the start of a secret (" << s.substr(0, 4) << "…) was printed:\n"
        << all;
}

// A vendor message with a window-title sequence and a plan ticket that
// clears the screen reach the terminal as visible text, not as escapes.
TEST(HostileVendorE2eTest, ControlCharactersNeverReachTheTerminalRaw) {
  E2eEnv env(Customers(1));
  FakeVendor vendor([&](const ServerRequest&) {
    ServerResponse r;
    r.status = 400;
    r.headers.Set("Content-Type", "application/json");
    r.body = R"({"status": "FAILURE", "code": "E", "message": )"
             R"("svc \u001b]2;pwned\u0007 \u009b2J \r done"})";
    return r;
  });
  std::string creds =
      CredentialsFor(env, vendor.base_url(), "pw-" + RandomHex(16), "t-x1y2");
  std::string plan = env.dir() + "/ctl-plan.csv";
  std::ofstream(plan)
      << "customer,service,old_ip,new_ip,maintenance_end,ticket\n"
         "C-1,ess,198.18.0.1,198.19.0.1,2026-12-10T06:00:00Z,T-1\x1b[2J\n";
  std::string out;
  for (std::string command : {"plan", "status"}) {
    std::vector<std::string> args =
        command == "plan" ? std::vector<std::string>{"plan",
                                                     "--plan",
                                                     plan,
                                                     "--credentials",
                                                     creds,
                                                     "--state-dir",
                                                     env.state_dir(),
                                                     "--log-level",
                                                     "debug"}
                          : std::vector<std::string>{"status", "--state-dir",
                                                     env.state_dir()};
    RunResult r = env.Run(args);
    out += r.err + r.out;
  }
  EXPECT_NE(out.find("pwned"), std::string::npos) << out;
  EXPECT_NE(out.find("\\x1b"), std::string::npos) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "a raw ESC:\n" << out;
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos) << "a raw C1 CSI";
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

// Every command disables core dumps at start-up, before any secret is
// read (before, only the vault path did: a credentials-file run that
// crashed dumped its memory, token included). Seen from outside: the
// running process's core file limit is 0.
TEST(HostileVendorE2eTest, CoreDumpsAreOffInEveryCommand) {
  rlimit lim;
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &lim), 0);
  if (lim.rlim_max == 0 && ::geteuid() != 0)
    GTEST_SKIP() << "core dumps are off for this test already";
  lim.rlim_cur = lim.rlim_max = RLIM_INFINITY;
  if (::geteuid() != 0) lim.rlim_cur = lim.rlim_max;
  ASSERT_EQ(::setrlimit(RLIMIT_CORE, &lim), 0) << "the child inherits it";
  E2eEnv env(Customers(1));
  std::atomic<bool> asked{false}, looked{false};
  FakeVendor vendor([&](const ServerRequest&) {
    asked = true;  // the command is past its start-up: look at it now
    // Hold it running until the test has looked (or given up).
    WaitFor([&] { return looked.load(); });
    return ServerResponse{401, {}, "{}"};  // no retry: one request
  });
  std::string creds =
      CredentialsFor(env, vendor.base_url(), "pw-" + RandomHex(16), "t-x1y2");
  RunResult r;
  std::thread run([&] { r = env.Run(OneAccount("plan", "cdn", creds, env)); });
  // Once it has asked the vendor (so it is past its start-up, where a
  // look could come before any set-up), find the child by its (unique)
  // state dir on its command line.
  std::string limits;
  auto found = [&] {
    auto pids = PosixFileSystem()->ListDir("/proc");
    for (const std::string& pid :
         pids.ok() ? *pids : std::vector<std::string>{}) {
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      auto cmd = PosixFileSystem()->ReadFile("/proc/" + pid + "/cmdline");
      if (!cmd.ok() || cmd->find(env.state_dir()) == std::string::npos ||
          cmd->find("plan") == std::string::npos)
        continue;
      auto text = PosixFileSystem()->ReadFile("/proc/" + pid + "/limits");
      if (text.ok()) limits = *text;
    }
    return !limits.empty();
  };
  if (WaitFor([&] { return asked.load(); })) WaitFor(found);
  looked = true;
  run.join();
  ASSERT_FALSE(limits.empty()) << "the running command was not found";
  size_t at = limits.find("Max core file size");
  ASSERT_NE(at, std::string::npos) << limits;
  std::string line = limits.substr(at, limits.find('\n', at) - at);
  EXPECT_NE(line.find(" 0 "), std::string::npos) << line;
  EXPECT_EQ(line.find("unlimited"), std::string::npos) << line;
}

}  // namespace
}  // namespace renumber
