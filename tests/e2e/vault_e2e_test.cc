// The migration commands read credentials from the vault when no
// --credentials is given, and every use is audited.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "src/core/fs.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

TEST(VaultE2eTest, PrepareWithVaultCredentialsIsAudited) {
  E2eEnv env(Customers(3));
  std::string pass = env.dir() + "/pass";
  std::ofstream(pass) << "correct horse battery staple\n";
  chmod(pass.c_str(), 0600);
  std::vector<std::string> common = {"--state-dir", env.state_dir(),
                                     "--passphrase-file", pass};
  auto vault = [&](std::vector<std::string> args) {
    args.insert(args.end(), common.begin(), common.end());
    return env.Run(args);
  };
  RunResult init = vault({"vault", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  RunResult imp =
      vault({"vault", "import", env.credentials(), "--ticket", "T-1"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  RunResult prep = env.Run({"prepare", "--plan", env.plan(), "--state-dir",
                            env.state_dir(), "--passphrase-file", pass, "--yes",
                            "--operator", "alice", "--json"});
  ASSERT_EQ(prep.exit_code, 0) << prep.err;
  for (const json& a : Accounts(prep)) EXPECT_EQ(a["state_after"], "prepared");
  RunResult verify = vault({"vault", "audit", "--verify"});
  ASSERT_EQ(verify.exit_code, 0) << verify.err;
  RunResult audit = vault({"vault", "audit", "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  std::string log = audit.out;
  size_t uses = 0, pos = 0;
  while ((pos = log.find("\"use\"", pos)) != std::string::npos) {
    ++uses;
    ++pos;
  }
  EXPECT_GE(uses, Accounts(prep).size()) << log;
  EXPECT_NE(log.find("alice"), std::string::npos) << "operator recorded";
  // Nothing of a secret in the audit log or the journal.
  for (const SimCustomer& c : env.cluster()->customers())
    for (const std::string& s :
         {c.Credential("ess", "password"), c.Credential("cdn", "api_token")})
      if (!s.empty()) {
        EXPECT_EQ(log.find(s), std::string::npos);
        EXPECT_EQ((prep.out + prep.err).find(s), std::string::npos);
      }
  // A wrong passphrase: refused as bad input, nothing sent to a vendor.
  std::string wrong = env.dir() + "/wrong";
  std::ofstream(wrong) << "wrong\n";
  chmod(wrong.c_str(), 0600);
  long before = env.Requests();
  RunResult bad = env.Run({"plan", "--plan", env.plan(), "--state-dir",
                           env.state_dir(), "--passphrase-file", wrong});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(env.Requests(), before);
}

}  // namespace
}  // namespace renumber
