// `vault add` run in-process with a fake clock: an expiry that passes while
// the passphrase is being typed stores nothing and says so (before, the save
// dropped the entry as expired and the command still printed "Stored").
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <chrono>

#include "src/cli/command.h"
#include "src/core/random.h"
#include "src/vault/cmd_common.h"
#include "src/vault/test_util.h"

namespace renumber::vault {
namespace {

using testing::TempDir;
using testing::TestOptions;

// A person who takes ten minutes to type the passphrase.
class SlowTypist : public Prompter {
 public:
  SlowTypist(FakeClock* clock, std::string passphrase)
      : clock_(clock), passphrase_(std::move(passphrase)) {}
  Result<Secret> ReadHidden(const std::string&) override {
    clock_->Advance(std::chrono::minutes(10));
    return Secret(passphrase_);
  }

 private:
  FakeClock* clock_;
  std::string passphrase_;
};

int RunAdd(CommandContext* ctx, const std::string& expires,
           const std::string& secret_file) {
  CLI::App app;
  CLI::App* vault = app.add_subcommand("vault");
  CommandRun run;
  RegisterAdd(vault, ctx, &run);
  app.parse(
      "vault add --customer C-1 --service cdn --api-base "
      "https://api.fastly.com --ticket T-1 --secret-file " +
          secret_file + " --expires " + expires,
      false);
  return run();
}

TEST(VaultAddTest, ExpiryPassingWhileUnlockingStoresNothing) {
  TempDir dir;
  FakeClock clock;
  const std::string pass = "correct horse battery staple";
  VaultOptions options = TestOptions(dir.File("vault.bin"), &clock);
  ASSERT_TRUE(Vault::Create(options, Secret(pass)).ok());
  const std::string secret = dir.File("secret");
  ASSERT_TRUE(
      WriteFileAtomic(PosixFileSystem(), secret, "token-123456", 0600).ok());

  GlobalOptions global;
  SlowTypist typist(&clock, pass);
  CommandContext ctx;
  ctx.global = &global;
  ctx.vault_path = dir.File("vault.bin");
  ctx.fs = PosixFileSystem();
  ctx.clock = &clock;
  ctx.random = SystemRandom();
  ctx.prompter = &typist;

  // Five minutes ahead when the flags are read, past when unlocked.
  const std::string soon = (clock.Now() + std::chrono::minutes(5)).ToRfc3339();
  EXPECT_EQ(RunAdd(&ctx, soon, secret), 2);
  auto reopened = Vault::Open(options, Secret(pass));
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE((*reopened)->Entries()->empty());

  // An hour ahead: stored.
  const std::string later = (clock.Now() + std::chrono::hours(1)).ToRfc3339();
  EXPECT_EQ(RunAdd(&ctx, later, secret), 0);
  reopened = Vault::Open(options, Secret(pass));
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->Entries()->size(), 1u);
}

}  // namespace
}  // namespace renumber::vault
