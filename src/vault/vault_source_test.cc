#include "src/vault/vault_source.h"
#include "src/vault/cmd_vault_access.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "src/vault/test_util.h"
#include "src/vault/vault_ops.h"

namespace renumber {
namespace {

using vault::Days;
using vault::testing::Contains;
using vault::testing::MakeEntry;
using vault::testing::ScriptedPrompter;
using vault::testing::TempDir;

const char kPass[] = "the vault passphrase";

class VaultSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv(vault::kPassphraseFileEnv);
    unsetenv("CREDENTIALS_DIRECTORY");
    access_.state_dir_flag = dir_.path();
    access_.passphrase_file = dir_.File("pass");
    access_.operator_name = "sato";
    access_.ticket = "T-555";
    vault::testing::WriteTestFile(access_.passphrase_file, kPass, 0600);
    auto v = vault::Vault::Create(
        vault::testing::TestOptions(dir_.File("vault.bin"), &clock_),
        Secret(kPass));
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    Timestamp now = clock_.Now();
    ASSERT_TRUE(vault::PutEntries(
                    v->get(),
                    {MakeEntry("C-1", Service("ess"), now, now + Days(10)),
                     MakeEntry("C-2", Service("cdn"), now, now + Days(1))},
                    false, "import")
                    .ok());
  }
  Result<std::unique_ptr<CredentialSource>> Open(ScriptedPrompter* p) {
    return OpenVaultCredentialSourceWith(access_, PosixFileSystem(), &clock_,
                                         SystemRandom(), p);
  }
  std::string Audit() {
    return *PosixFileSystem()->ReadFile(dir_.File("vault.audit.jsonl"));
  }

  TempDir dir_;
  FakeClock clock_;
  VaultAccess access_;
};

TEST_F(VaultSourceTest, GetIsAuditedWithPurposeTicketAndOperator) {
  ScriptedPrompter no_tty;
  auto source = Open(&no_tty);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto creds = (*source)->Get({"C-1", Service("ess")}, "prepare plan-2026-12");
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->secret("password").reveal(), "pw-C-1-secret");
  EXPECT_EQ(creds->field("username"), "admin@C-1.example.jp");
  auto last = vault::ParseAuditLog(Audit()).back();
  EXPECT_EQ(last.action, "use");
  EXPECT_EQ(last.customer, "C-1");
  EXPECT_EQ(last.ticket, "T-555");
  EXPECT_EQ(last.operator_name, "sato");
  EXPECT_EQ(last.detail, "prepare plan-2026-12");
  EXPECT_EQ(last.result, "ok");
  EXPECT_FALSE(Contains(Audit(), "pw-C-1-secret"));
}

TEST_F(VaultSourceTest, ExpiredMissingAndAccounts) {
  ScriptedPrompter no_tty;
  auto source = Open(&no_tty);
  ASSERT_TRUE(source.ok());
  EXPECT_EQ((*source)->Accounts().size(), 2u);
  clock_.Advance(Days(2));
  Status expired = (*source)->Get({"C-2", Service("cdn")}, "cutover").status();
  EXPECT_TRUE(expired.Is(Code::kPreconditionFailed));
  EXPECT_NE(expired.message().find("C-2/cdn expired on"), std::string::npos);
  EXPECT_TRUE((*source)
                  ->Get({"C-9", Service("ess")}, "x")
                  .status()
                  .Is(Code::kNotFound));
  auto accounts = (*source)->Accounts();
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].ToString(), "C-1/ess");
}

TEST_F(VaultSourceTest, PromptsWhenNoFileAndFailsClearlyWithoutTerminal) {
  access_.passphrase_file.clear();
  ScriptedPrompter typed({kPass});
  ASSERT_TRUE(Open(&typed).ok());
  ASSERT_EQ(typed.prompts.size(), 1u);
  EXPECT_NE(typed.prompts[0].find("vault.bin"), std::string::npos);
  ScriptedPrompter no_tty;
  Status s = Open(&no_tty).status();
  EXPECT_TRUE(s.Is(Code::kInvalidArgument));
  EXPECT_NE(s.message().find("no terminal"), std::string::npos);
}

TEST_F(VaultSourceTest, WrongPassphraseAndMissingVault) {
  vault::testing::WriteTestFile(access_.passphrase_file, "not it", 0600);
  ScriptedPrompter no_tty;
  EXPECT_TRUE(Open(&no_tty).status().Is(Code::kUnauthorized));
  EXPECT_TRUE(Contains(Audit(), "failed unlock"));
  access_.vault_path = dir_.File("elsewhere.bin");
  EXPECT_TRUE(Open(&no_tty).status().Is(Code::kNotFound));
}

TEST_F(VaultSourceTest, OptionsAndPathResolution) {
  CLI::App app;
  VaultAccess access;
  AddVaultAccessOptions(&app, &access);
  const char* argv[] = {"x", "--vault", "/v/x.bin", "--passphrase-file",
                        "/p/pass"};
  app.parse(5, const_cast<char**>(argv));
  EXPECT_EQ(access.vault_path, "/v/x.bin");
  EXPECT_EQ(access.passphrase_file, "/p/pass");
  EXPECT_EQ(ResolveVaultPath(access), "/v/x.bin");
  access.vault_path.clear();
  access.state_dir_flag = "/state";
  EXPECT_EQ(ResolveVaultPath(access), "/state/vault.bin");
}

}  // namespace
}  // namespace renumber
