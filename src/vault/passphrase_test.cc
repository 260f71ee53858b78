#include "src/vault/passphrase.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "src/vault/test_util.h"

namespace renumber::vault {
namespace {

using testing::ScriptedPrompter;
using testing::TempDir;
using testing::WriteTestFile;

class PassphraseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv(kPassphraseFileEnv);
    unsetenv("CREDENTIALS_DIRECTORY");
  }
  void TearDown() override { SetUp(); }
  FileSystem* fs() { return PosixFileSystem(); }
  TempDir dir_;
};

TEST_F(PassphraseTest, SecretFileMustBePrivate) {
  std::string path = dir_.File("pass");
  WriteTestFile(path, "correct horse battery\n", 0600);
  auto ok = ReadSecretFile(fs(), path, "the passphrase file");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->reveal(), "correct horse battery");
  for (unsigned mode : {0640u, 0604u, 0644u, 0660u}) {
    WriteTestFile(path, "correct horse battery\n", mode);
    Status s = ReadSecretFile(fs(), path, "the passphrase file").status();
    EXPECT_TRUE(s.Is(Code::kInvalidArgument)) << std::oct << mode;
    EXPECT_NE(s.message().find("chmod 600"), std::string::npos);
    EXPECT_EQ(s.message().find("correct horse"), std::string::npos);
  }
  WriteTestFile(path, "\n", 0600);
  EXPECT_FALSE(ReadSecretFile(fs(), path, "x").ok());
  WriteTestFile(path, "crlf passphrase\r\n", 0400);
  EXPECT_EQ(ReadSecretFile(fs(), path, "x")->reveal(), "crlf passphrase");
}

TEST_F(PassphraseTest, UnlockSourcesInOrder) {
  std::string flag = dir_.File("flag"), env = dir_.File("env");
  std::string creds_dir = dir_.File("creds");
  ASSERT_TRUE(fs()->CreateDirs(creds_dir, 0700).ok());
  WriteTestFile(flag, "from the flag", 0600);
  WriteTestFile(env, "from the env", 0600);
  WriteTestFile(creds_dir + "/renumber-vault", "from systemd", 0400);
  ScriptedPrompter prompter({"from the terminal"});
  setenv(kPassphraseFileEnv, env.c_str(), 1);
  setenv("CREDENTIALS_DIRECTORY", creds_dir.c_str(), 1);
  std::string source;
  EXPECT_EQ(UnlockPassphrase(fs(), &prompter, flag, "p: ", &source)->reveal(),
            "from the flag");
  EXPECT_EQ(source, "--passphrase-file");
  EXPECT_EQ(UnlockPassphrase(fs(), &prompter, "", "p: ", &source)->reveal(),
            "from the env");
  unsetenv(kPassphraseFileEnv);
  EXPECT_EQ(UnlockPassphrase(fs(), &prompter, "", "p: ", &source)->reveal(),
            "from systemd");
  unsetenv("CREDENTIALS_DIRECTORY");
  EXPECT_TRUE(prompter.prompts.empty());
  EXPECT_EQ(UnlockPassphrase(fs(), &prompter, "", "p: ", &source)->reveal(),
            "from the terminal");
  EXPECT_EQ(source, "terminal");
  EXPECT_EQ(prompter.prompts, std::vector<std::string>{"p: "});
}

TEST_F(PassphraseTest, NoTerminalAndNoFileIsAClearError) {
  ScriptedPrompter no_tty;
  Status s = UnlockPassphrase(fs(), &no_tty, "", "p: ").status();
  EXPECT_TRUE(s.Is(Code::kInvalidArgument));
  EXPECT_NE(s.message().find("--passphrase-file"), std::string::npos);
  EXPECT_NE(s.message().find(kPassphraseFileEnv), std::string::npos);
  EXPECT_NE(s.message().find("CREDENTIALS_DIRECTORY"), std::string::npos);
}

TEST_F(PassphraseTest, GroupReadableEnvFileIsRefused) {
  std::string env = dir_.File("env");
  WriteTestFile(env, "from the env", 0644);
  setenv(kPassphraseFileEnv, env.c_str(), 1);
  ScriptedPrompter prompter({"typed"});
  EXPECT_TRUE(UnlockPassphrase(fs(), &prompter, "", "p: ")
                  .status()
                  .Is(Code::kInvalidArgument));
  EXPECT_TRUE(prompter.prompts.empty());
}

TEST_F(PassphraseTest, NewPassphraseAsksTwiceAndChecksLength) {
  ScriptedPrompter match(
      {"a long enough passphrase", "a long enough passphrase"});
  EXPECT_EQ(NewPassphrase(fs(), &match, "", "new: ", "again: ")->reveal(),
            "a long enough passphrase");
  EXPECT_EQ(match.prompts, (std::vector<std::string>{"new: ", "again: "}));
  ScriptedPrompter differ({"a long enough passphrase", "a different one!!"});
  EXPECT_TRUE(NewPassphrase(fs(), &differ, "", "n", "a")
                  .status()
                  .Is(Code::kInvalidArgument));
  ScriptedPrompter short_one({"short", "short"});
  EXPECT_TRUE(NewPassphrase(fs(), &short_one, "", "n", "a")
                  .status()
                  .Is(Code::kInvalidArgument));
  std::string file = dir_.File("new");
  WriteTestFile(file, "passphrase from a file\n", 0600);
  ScriptedPrompter unused;
  EXPECT_EQ(NewPassphrase(fs(), &unused, file, "n", "a")->reveal(),
            "passphrase from a file");
  ScriptedPrompter no_tty;
  EXPECT_TRUE(NewPassphrase(fs(), &no_tty, "", "n", "a")
                  .status()
                  .Is(Code::kInvalidArgument));
}

}  // namespace
}  // namespace renumber::vault
