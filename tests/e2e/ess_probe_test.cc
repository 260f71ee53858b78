// Our own SMTP probe of the new mail server, through the real binary, with
// real servers on 127.0.0.x: a good one, a bad greeting, a silent one, one
// that closes at once, one slower than the probe's timeout, a port that
// never answers the connection, and a refused port (::1). ESS's own check
// passes for all of them (it reaches them from its own ranges: the
// simulator's check_loopback_smtp off), so verify and cut over go through;
// the probe reports ok / filtered / bad-greeting / timeout beside it, in
// English and Japanese, never as a gate, and never sends MAIL FROM.
#include <gtest/gtest.h>

#include <map>

#include "src/probe/test_smtp_responder.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;
using Mode = TestSmtpResponder::Mode;

struct Expect {
  const char* kind;  // the probe's word
  bool ok;
};

// The checks named "smtp.probe ..." of one account in a --json document.
std::vector<json> ProbeChecks(const json& account) {
  std::vector<json> out;
  for (const json& c : account["checks"])
    if (c["name"].get<std::string>().rfind("smtp.probe ", 0) == 0)
      out.push_back(c);
  return out;
}

TEST(EssProbeE2eTest, ProbesReportWithoutBlockingCutOver) {
  const std::string end =
      (RealClock()->Now() - std::chrono::hours(1)).ToRfc3339();
  std::vector<SimCustomer> world = SeedCustomers(10, end);
  // Customer index -> the server at its new IP.
  std::map<int, std::unique_ptr<TestSmtpResponder>> servers;
  const std::pair<int, Mode> setup[] = {
      {0, Mode::kGood},       {3, Mode::kBadGreeting}, {4, Mode::kSilent},
      {7, Mode::kUnanswered}, {8, Mode::kCloseAtOnce}, {9, Mode::kSlow}};
  for (const auto& [i, mode] : setup) {
    const std::string ip = "127.0.0." + std::to_string(50 + i);
    servers[i] = std::make_unique<TestSmtpResponder>(
        mode, ip, std::chrono::milliseconds(15000));
    ASSERT_NE(servers[i]->port(), 0) << ip;
    world[i].new_ip = ip;
  }
  world[5].new_ip = "::1";  // IPv6; nothing listens there: refused
  const std::map<int, Expect> expect = {
      {0, {"ok", true}},        {3, {"bad-greeting", false}},
      {4, {"timeout", false}},  {5, {"filtered", false}},
      {7, {"filtered", false}}, {8, {"filtered", false}},
      {9, {"timeout", false}}};

  E2eOptions options;
  options.world = world;
  E2eEnv env(options);
  // The old routes (and so the new ones) on the servers' ports.
  int refused_port;
  {
    TestSmtpResponder gone(Mode::kGood, "127.0.0.1");
    refused_port = gone.port();
  }
  json state = env.cluster()->host("ess")->api()->SaveState();
  for (json& a : state["accounts"]) {
    for (const auto& [i, e] : expect) {
      if (a["customer"] != world[i].id) continue;
      const int port = servers.count(i) ? servers[i]->port() : refused_port;
      // A copy: a structured binding cannot be captured in C++17 (clang).
      const std::string old_ip = world[i].old_ip;
      auto set_port = [&](json& routes) {
        for (json& r : routes)
          if (r["address"] == old_ip) r["port"] = port;
      };
      set_port(a["default_routes"]["routes"]);
      for (json& d : a["domains"]) set_port(d["routes"]["routes"]);
    }
  }
  SimApi* ess = env.cluster()->host("ess")->api();
  ASSERT_TRUE(ess->LoadState(state).ok());
  ASSERT_TRUE(ess->Configure({{"check_loopback_smtp", false}}).ok());

  std::vector<std::string> only = {"--jobs", "8"};
  for (const auto& [i, e] : expect)
    only.insert(only.end(), {"--only", world[i].id + "/ess"});
  auto with = [&](std::vector<std::string> a) {
    a.insert(a.end(), only.begin(), only.end());
    return a;
  };

  ASSERT_EQ(env.Renumber("prepare", with({"--yes"})).exit_code, 0);
  RunResult v =
      env.Renumber("verify", with({"--expect", "prepared", "--json"}));
  ASSERT_EQ(v.exit_code, 0) << v.err;  // probe findings never fail verify
  for (const json& a : Accounts(v)) {
    SCOPED_TRACE(a["account"].get<std::string>());
    int i = -1;
    for (const auto& [k, e] : expect)
      if (a["account"] == world[k].id + "/ess") i = k;
    ASSERT_GE(i, 0);
    const std::vector<json> probes = ProbeChecks(a);
    ASSERT_EQ(probes.size(), 1u) << a["checks"].dump();
    const std::string name = probes[0]["name"];
    EXPECT_NE(name.find(std::string(" ") + expect.at(i).kind),
              std::string::npos)
        << name << ": " << probes[0]["detail"];
    EXPECT_EQ(probes[0]["ok"], expect.at(i).ok) << name;
    EXPECT_EQ(probes[0]["blocking"], false) << name;
  }
  // A person reading verify in Japanese sees the probe as a warning that
  // leaves the decision to ESS's check.
  RunResult ja = env.Renumber("verify", with({"--expect", "cut-over"}),
                              {"LANG=ja_JP.UTF-8"});
  EXPECT_EQ(ja.exit_code, 3);
  // The verify table is a result: stdout (issue 14).
  EXPECT_NE(ja.out.find("［注意］ smtp.probe 127.0.0.53:"), std::string::npos)
      << ja.out;
  EXPECT_NE(ja.out.find("ESSの配送チェック"), std::string::npos) << ja.out;

  RunResult cut = env.Renumber("cutover", with({"--yes", "--json"}));
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  for (const json& a : Accounts(cut)) {
    EXPECT_EQ(a["state_after"], "cut-over") << a.dump();
    EXPECT_EQ(ProbeChecks(a).size(), 1u) << a["checks"].dump();
  }

  // On the wire: EHLO and QUIT to the good server, QUIT after a bad
  // greeting, and never a MAIL FROM anywhere.
  for (const auto& [i, server] : servers) {
    for (const std::string& line : server->lines()) {
      std::string verb = line.substr(0, 4);
      for (char& ch : verb) ch = static_cast<char>(toupper(ch));
      EXPECT_NE(verb, "MAIL") << world[i].id << ": " << line;
      EXPECT_NE(verb, "RCPT") << world[i].id << ": " << line;
      EXPECT_NE(verb, "DATA") << world[i].id << ": " << line;
    }
  }
  const std::vector<std::string> good = servers[0]->lines();
  ASSERT_GE(good.size(), 2u);
  EXPECT_EQ(good[0].rfind("EHLO ", 0), 0u) << good[0];
  EXPECT_EQ(good[1], "QUIT");
  EXPECT_GE(servers[0]->connections(), 2);  // verify, then the cutover gate
}

}  // namespace
}  // namespace renumber
