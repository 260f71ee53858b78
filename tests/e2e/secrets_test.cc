// Secrets hygiene through the real binary: a random canary passphrase and
// the accounts' passwords and tokens, pushed through every command at the
// most verbose log level, never appear in stdout, stderr, the journal, the
// audit log or any other file of the state dir; and a vendor that echoes
// the credentials back in its error bodies does not get them printed,
// journaled or shown by `status`; and a vendor that redirects never gets
// the credentials sent on to the host it names.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>

#include "src/core/fs.h"
#include "src/http/server.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

std::string RandomHex(size_t n) {
  std::random_device rd;
  std::string out;
  const char* hex = "0123456789abcdef";
  for (size_t i = 0; i < n; ++i) out += hex[rd() % 16];
  return out;
}

std::string Base64(const std::string& in) {
  static const char* t =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? t[v & 63] : '=';
  }
  return out;
}

// Every file below `dir`, concatenated, with its name.
std::string EveryFile(const std::string& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      auto text = PosixFileSystem()->ReadFile(e.path().string());
      all += e.path().string() + "\n" + (text.ok() ? *text : "") + "\n";
    }
  return all;
}

// Fails for each `secret` found in `text` (`where` names the place).
void ExpectNone(const std::vector<std::string>& secrets,
                const std::string& text, const std::string& where) {
  for (const std::string& s : secrets)
    EXPECT_EQ(text.find(s), std::string::npos)
        << "a secret (" << s.substr(0, 6) << "…) in " << where;
}

TEST(SecretsE2eTest, CanaryThroughEveryCommandAtTraceLevel) {
  E2eEnv env(Customers(3));
  const std::string canary = "canary-pass-" + RandomHex(24);
  std::string pass = env.dir() + "/pass";
  std::ofstream(pass) << canary << "\n";
  chmod(pass.c_str(), 0600);
  std::vector<std::string> secrets = {canary};
  for (const SimCustomer& c : env.cluster()->customers()) {
    if (!c.Credential("ess", "password").empty()) {
      secrets.push_back(c.Credential("ess", "password"));
      secrets.push_back(Base64(c.Credential("ess", "username") + ":" +
                               c.Credential("ess", "password")));
    }
    if (!c.Credential("cdn", "api_token").empty())
      secrets.push_back(c.Credential("cdn", "api_token"));
  }
  const std::vector<std::string> common = {"--state-dir",  env.state_dir(),
                                           "--log-level",  "trace",
                                           "--log-format", "json"};
  const std::vector<std::vector<std::string>> commands = {
      {"vault", "init"},
      {"vault", "import", env.credentials(), "--ticket", "T-1"},
      {"plan", "--plan", env.plan(), "--json"},
      {"prepare", "--plan", env.plan(), "--yes", "--json"},
      {"verify", "--plan", env.plan(), "--expect", "prepared"},
      {"cutover", "--plan", env.plan(), "--yes"},
      {"verify", "--plan", env.plan(), "--read-only", "--format", "json"},
      {"rollback", "--plan", env.plan(), "--phase", "cutover", "--yes"},
      {"status", "--json"},
      {"vault", "list", "--json"},
      {"vault", "show", "C-10001/ess"},
      {"vault", "audit", "--verify"},
      {"vault", "purge", "--all", "--yes", "--ticket", "T-1"},
  };
  for (std::vector<std::string> args : commands) {
    std::string name = args[0] + " " + args[1];
    args.insert(args.end(), common.begin(), common.end());
    if (args[0] != "status") {
      args.push_back("--passphrase-file");
      args.push_back(pass);
    }
    // The CDN probes reach the simulated origins (their addresses are
    // reserved ones, never contacted directly).
    if (args[0] != "vault" && args[0] != "status")
      args.insert(args.end(), {"--connect-to", env.connect_to(), "--ca-file",
                               env.origin_ca()});
    RunResult r = env.Run(args);
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.err;
    if (args[0] != "vault" && args[0] != "status") {  // no vendor calls
      EXPECT_NE(r.err.find("\"level\":\"trace\""), std::string::npos)
          << name << ": no JSON log line at trace level\n"
          << r.err;
    }
    ExpectNone(secrets, r.out, name + " stdout");
    ExpectNone(secrets, r.err, name + " stderr");
  }
  std::string files = EveryFile(env.state_dir());
  EXPECT_NE(files.find("vault.audit.jsonl"), std::string::npos);
  EXPECT_NE(files.find("/journal/"), std::string::npos);
  ExpectNone(secrets, files, "the state dir (journal, audit log, vault)");
}

TEST(SecretsE2eTest, VendorEchoingTheCredentialsIsScrubbedEverywhere) {
  E2eEnv env(Customers(1));
  const std::string password = "pw-" + RandomHex(20);
  const std::string token = "tok-" + RandomHex(20);
  const std::string basic = Base64("admin@echo.example:" + password);
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
  std::string creds = env.dir() + "/echo-creds.json";
  std::ofstream(creds)
      << R"({"version": 1, "accounts": [
    {"customer": "C-1", "service": "ess", "api_base": ")"
      << (*server)->base_url()
      << R"(", "username": "admin@echo.example", "password": ")" << password
      << R"("},
    {"customer": "C-1", "service": "cdn", "api_base": ")"
      << (*server)->base_url() << R"(", "api_token": ")" << token << R"("}]})";
  chmod(creds.c_str(), 0600);
  const std::vector<std::string> secrets = {password, token, basic};
  std::string all;
  for (const char* service : {"ess", "cdn"}) {
    for (const std::string command : {"plan", "prepare"}) {
      std::vector<std::string> args = {
          command,         "--service",     service,       "--customer",
          "C-1",           "--old-ip",      "198.18.0.1",  "--new-ip",
          "198.19.0.1",    "--credentials", creds,         "--state-dir",
          env.state_dir(), "--json",        "--log-level", "trace"};
      if (command == "prepare") args.push_back("--yes");
      RunResult r = env.Run(args);
      EXPECT_EQ(r.exit_code, 1) << command << " " << service << "\n" << r.err;
      EXPECT_NE(r.out.find("redacted"), std::string::npos)
          << "the vendor's message is kept, scrubbed: " << r.out;
      all += r.out + r.err;
    }
  }
  RunResult status = env.Run({"status", "--state-dir", env.state_dir(),
                              "--campaign", "single-C-1", "--json"});
  EXPECT_EQ(status.exit_code, 3) << status.err;  // failed accounts: look
  EXPECT_NE(status.out.find("C-1/cdn"), std::string::npos) << status.out;
  all += status.out + status.err;
  ExpectNone(secrets, all, "stdout or stderr");
  ExpectNone(secrets, EveryFile(env.state_dir()), "the state dir");
}

// An api_base that answers every request with a redirect to another host
// (a plain-http loopback endpoint pointing elsewhere, the audit's case):
// the binary never follows it, names the status and the host, and the
// other host sees no request at all, let alone the credentials.
TEST(SecretsE2eTest, RedirectingVendorNeverSendsTheCredentialsOn) {
  E2eEnv env(Customers(1));
  const std::string password = "pw-" + RandomHex(20);
  const std::string token = "tok-" + RandomHex(20);
  std::atomic<int> thief_hits{0};
  ServerOptions elsewhere;
  elsewhere.host = "127.0.0.2";
  auto port = FindFreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  elsewhere.port = *port;
  auto thief = StartHttpServer(elsewhere, [&](const ServerRequest&) {
    ++thief_hits;
    return ServerResponse{200, {}, "{}"};
  });
  ASSERT_TRUE(thief.ok()) << thief.status().ToString();
  const std::string location = (*thief)->base_url() + "/stolen-here?k=loc-9";
  port = FindFreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  ServerOptions so;
  so.port = *port;
  std::atomic<int> hits{0};
  auto server = StartHttpServer(so, [&](const ServerRequest& req) {
    ++hits;
    ServerResponse r;
    r.status = req.method == "GET" ? 302 : 307;
    r.headers.Set("Location", location);
    return r;
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  std::string creds = env.dir() + "/redirect-creds.json";
  std::ofstream(creds)
      << R"({"version": 1, "accounts": [
    {"customer": "C-1", "service": "ess", "api_base": ")"
      << (*server)->base_url()
      << R"(", "username": "admin@redirect.example", "password": ")" << password
      << R"("},
    {"customer": "C-1", "service": "cdn", "api_base": ")"
      << (*server)->base_url() << R"(", "api_token": ")" << token << R"("}]})";
  chmod(creds.c_str(), 0600);
  for (const char* service : {"ess", "cdn"}) {
    for (const std::string command : {"plan", "prepare", "verify"}) {
      std::vector<std::string> args = {
          command,         "--service",     service,      "--customer",
          "C-1",           "--old-ip",      "198.18.0.1", "--new-ip",
          "198.19.0.1",    "--credentials", creds,        "--state-dir",
          env.state_dir(), "--log-level",   "trace"};
      if (command == "prepare") args.push_back("--yes");
      RunResult r = env.Run(args);
      EXPECT_EQ(r.exit_code, 1) << command << " " << service << "\n" << r.err;
      const std::string shown = r.out + r.err;
      EXPECT_NE(shown.find("302"), std::string::npos) << shown;
      EXPECT_NE(shown.find("never follows redirects"), std::string::npos)
          << shown;
      EXPECT_NE(shown.find("127.0.0.2"), std::string::npos) << shown;
      ExpectNone({password, token, "stolen-here", "loc-9"}, r.out + r.err,
                 command + " output");
    }
  }
  EXPECT_GT(hits.load(), 0);
  EXPECT_EQ(thief_hits.load(), 0);
  (*thief)->Stop();
  (*server)->Stop();
}

}  // namespace
}  // namespace renumber
