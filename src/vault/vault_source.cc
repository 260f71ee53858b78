#include "src/vault/vault_source.h"

#include "src/i18n/i18n.h"
#include "src/model/paths.h"
#include "src/vault/vault.h"

namespace renumber {

std::string UnlockPrompt(const std::string& vault_path, int left, Lang lang) {
  return left == 3 ? Tr(lang, "vault.prompt_unlock", vault_path)
                   : Tr(lang, "vault.prompt_retry", left);
}

namespace {

class VaultSource : public CredentialSource {
 public:
  VaultSource(std::unique_ptr<vault::Vault> v, Clock* clock, std::string ticket)
      : vault_(std::move(v)), clock_(clock), ticket_(std::move(ticket)) {}

  Result<Credentials> Get(const AccountKey& account,
                          const std::string& purpose) override {
    RN_ASSIGN_OR_RETURN(vault::VaultEntry e,
                        vault_->Use(account, purpose, ticket_));
    return std::move(e.creds);
  }

  std::vector<AccountKey> Accounts() override {
    std::vector<AccountKey> out;
    auto entries = vault_->Entries();
    if (!entries.ok()) return out;
    Timestamp now = clock_->Now();
    for (const vault::VaultEntry& e : *entries)
      if (!e.ExpiredAt(now)) out.push_back(e.creds.account);
    return out;
  }

 private:
  std::unique_ptr<vault::Vault> vault_;
  Clock* clock_;
  std::string ticket_;
};

}  // namespace

std::string ResolveVaultPath(const VaultAccess& access) {
  if (!access.vault_path.empty()) return access.vault_path;
  return ResolveStateDir(access.state_dir_flag) + "/vault.bin";
}

Result<std::unique_ptr<CredentialSource>> OpenVaultCredentialSource(
    const VaultAccess& access, FileSystem* fs, Clock* clock, Random* random) {
  return OpenVaultCredentialSourceWith(access, fs, clock, random,
                                       vault::TtyPrompter());
}

Result<std::unique_ptr<CredentialSource>> OpenVaultCredentialSourceWith(
    const VaultAccess& access, FileSystem* fs, Clock* clock, Random* random,
    vault::Prompter* prompter) {
  vault::VaultOptions opts;
  opts.path = ResolveVaultPath(access);
  opts.fs = fs;
  opts.clock = clock;
  opts.random = random;
  opts.os_user = OsUserName();
  opts.operator_name = access.operator_name;
  opts.audit_copy = access.audit_copy;
  if (!fs->Exists(opts.path))
    return Status::NotFound(
        "no --credentials given and there is no vault at '" + opts.path +
            "'; pass --credentials FILE, or --vault PATH, or create one with "
            "'renumber vault init'",
        "--credentials の指定がなく、'" + opts.path +
            "' に保管庫もありません。--credentials FILE か --vault PATH "
            "を指定するか、'renumber vault init' で保管庫を作成してください");
  RN_ASSIGN_OR_RETURN(
      auto v, vault::UnlockVaultWithTries(
                  opts, prompter, access.passphrase_file, [&](int left) {
                    return UnlockPrompt(opts.path, left, LangFromEnvironment());
                  }));
  return std::unique_ptr<CredentialSource>(
      new VaultSource(std::move(v), clock, access.ticket));
}

}  // namespace renumber
