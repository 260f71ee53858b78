#include "src/vault/vault.h"

#include "src/vault/crypto.h"
#include "src/vault/hardening.h"

namespace renumber::vault {
namespace {

constexpr unsigned kFileMode = 0600;

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

AuditEvent EntryEvent(const std::string& action, const AccountKey& account,
                      const std::string& ticket, const std::string& detail) {
  return {action, account.ToString(), account.customer, ticket, "", detail};
}

}  // namespace

Result<AccountKey> ParseAccount(const std::string& text) {
  size_t slash = text.rfind('/');
  auto bad = Status::InvalidArgument(
      "'" + text +
          "' is not an account; write CUSTOMER/SERVICE, e.g. C-10001/ess",
      "'" + text +
          "' はアカウントの指定として読めません。CUSTOMER/SERVICE の形（例: "
          "C-10001/ess）で書いてください");
  if (slash == std::string::npos || slash == 0) return bad;
  auto service = ParseService(text.substr(slash + 1));
  if (!service.ok()) return bad;
  return AccountKey{text.substr(0, slash), *service};
}

Vault::Vault(const VaultOptions& options, Secret passphrase)
    : opts_(options),
      passphrase_(std::move(passphrase)),
      audit_(options.fs, options.clock, AuditPathFor(options.path),
             options.os_user, options.operator_name) {
  audit_.SetCopy(options.audit_copy);
}

KdfParams Vault::kdf() const {
  std::lock_guard<std::mutex> l(mu_);
  return kdf_;
}

Result<std::unique_ptr<Vault>> Vault::Create(const VaultOptions& options,
                                             Secret passphrase) {
  RN_RETURN_IF_ERROR(DisableCoreDumps());
  RN_RETURN_IF_ERROR(CheckKdfCaps(options.kdf));
  FileSystem* fs = options.fs;
  RN_RETURN_IF_ERROR(fs->CreateDirs(DirName(options.path), 0700));
  RN_ASSIGN_OR_RETURN(auto lock, fs->Lock(options.path + ".lock", true));
  if (fs->Exists(options.path))
    return Status::Conflict(
        "a vault already exists at '" + options.path + "'; nothing was changed",
        "'" + options.path +
            "' にはすでに保管庫があります。何も変更していません");
  std::string audit = AuditPathFor(options.path);
  if (fs->Exists(audit))
    RN_RETURN_IF_ERROR(fs->Rename(
        audit, audit + ".before-" + options.clock->Now().ToRfc3339()));
  std::unique_ptr<Vault> v(new Vault(options, std::move(passphrase)));
  VaultBody body;
  std::string key(kKeyBytes, '\0');
  options.random->Fill(reinterpret_cast<uint8_t*>(key.data()), key.size());
  body.vault_key = Secret(std::move(key));
  body.created_at = options.clock->Now();
  std::lock_guard<std::mutex> l(v->mu_);
  v->kdf_ = options.kdf;
  RN_RETURN_IF_ERROR(v->SaveLocked(&body, nullptr));
  v->vault_key_ = body.vault_key;
  RN_RETURN_IF_ERROR(v->audit_.SetVaultKey(v->vault_key_));
  RN_RETURN_IF_ERROR(v->audit_.Append({"init", "", "", "", "ok", ""}));
  return v;
}

Result<std::unique_ptr<Vault>> Vault::Open(const VaultOptions& options,
                                           Secret passphrase) {
  RN_RETURN_IF_ERROR(DisableCoreDumps());
  if (!options.fs->Exists(options.path))
    return Status::NotFound(
        "there is no vault at '" + options.path +
            "'; create one with 'renumber vault init'",
        "'" + options.path +
            "' に保管庫がありません。'renumber vault init' で作成してください");
  std::unique_ptr<Vault> v(new Vault(options, std::move(passphrase)));
  std::lock_guard<std::mutex> l(v->mu_);
  auto body = v->LoadLocked();
  if (!body.ok()) {
    if (body.status().Is(Code::kUnauthorized))
      (void)v->audit_.Append(
          {"failed unlock", "", "", "", "wrong passphrase", ""});
    return body.status();
  }
  v->vault_key_ = body->vault_key;
  RN_RETURN_IF_ERROR(v->audit_.SetVaultKey(v->vault_key_));
  return v;
}

Result<VaultBody> Vault::LoadLocked() {
  RN_RETURN_IF_ERROR(CheckPrivateFile(opts_.fs, opts_.path));
  RN_ASSIGN_OR_RETURN(std::string file, opts_.fs->ReadFile(opts_.path));
  RN_ASSIGN_OR_RETURN(Header h, ParseHeader(file));
  if (body_key_.empty() || h.salt != key_salt_ || !(h.kdf == kdf_)) {
    RN_ASSIGN_OR_RETURN(Secret key, DeriveBodyKey(passphrase_, h));
    body_key_ = std::move(key);
    key_salt_ = h.salt;
    kdf_ = h.kdf;
  }
  RN_ASSIGN_OR_RETURN(Secret plain, OpenFile(file, body_key_));
  auto body = DecodeBody(plain);
  if (body.ok() && !vault_key_.empty() && !(body->vault_key == vault_key_))
    return Status::Corruption(
        "the vault at '" + opts_.path + "' was replaced by another vault",
        "'" + opts_.path + "' の保管庫が別の保管庫に置き換えられています");
  return body;
}

Status Vault::SaveLocked(VaultBody* body, std::vector<AccountKey>* dropped) {
  std::vector<AccountKey> gone =
      DropExpired(&body->entries, opts_.clock->Now());
  Header h = NewHeader(kdf_, opts_.random);
  RN_ASSIGN_OR_RETURN(Secret key, DeriveBodyKey(passphrase_, h));
  Secret plain = EncodeBody(*body);
  RN_ASSIGN_OR_RETURN(std::string file, SealFile(h, key, plain.reveal()));
  RN_RETURN_IF_ERROR(WriteFileAtomic(opts_.fs, opts_.path, file, kFileMode));
  body_key_ = std::move(key);
  key_salt_ = h.salt;
  if (dropped) *dropped = std::move(gone);
  return Status::Ok();
}

void Vault::RemoveStaleTemps() {
  // Writers hold the lock while their temp file exists, so under the lock
  // any temp file is left over from a crashed writer.
  std::string prefix = BaseName(opts_.path) + ".tmp.";
  auto names = opts_.fs->ListDir(DirName(opts_.path));
  if (!names.ok()) return;
  for (const std::string& name : *names)
    if (name.rfind(prefix, 0) == 0)
      (void)opts_.fs->Remove(DirName(opts_.path) + "/" + name);
}

std::vector<AuditEvent> Vault::DroppedEvents(
    const std::vector<AccountKey>& dropped) {
  std::vector<AuditEvent> events;
  for (const AccountKey& a : dropped)
    events.push_back(EntryEvent("purge", a, "", "expired; dropped on write"));
  return events;
}

Result<std::vector<VaultEntry>> Vault::Entries() {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  return std::move(body.entries);
}

Status Vault::Update(const Change& change, AuditEvent summary) {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(auto lock, opts_.fs->Lock(opts_.path + ".lock", true));
  RemoveStaleTemps();
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  std::vector<AuditEvent> events;
  Status s = change(&body.entries, &events);
  std::vector<AccountKey> dropped;
  if (s.ok()) s = SaveLocked(&body, &dropped);
  if (!s.ok()) {
    summary.result = "error: " + s.message();
    (void)audit_.Append(summary);
    return s;
  }
  std::vector<AuditEvent> records = DroppedEvents(dropped);
  if (events.empty()) events.push_back(std::move(summary));
  for (AuditEvent& e : events) {
    if (e.result.empty()) e.result = "ok";
    records.push_back(std::move(e));
  }
  return audit_.AppendAll(records).Annotate(
      "the vault was saved but its audit record was not",
      "保管庫は保存しましたが、監査記録を書き込めませんでした");
}

Status Vault::Rekey(Secret new_passphrase) {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(auto lock, opts_.fs->Lock(opts_.path + ".lock", true));
  RemoveStaleTemps();
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  Secret old = std::move(passphrase_);
  KdfParams old_kdf = kdf_;
  passphrase_ = std::move(new_passphrase);
  kdf_ = opts_.kdf;
  std::vector<AccountKey> dropped;
  Status s = SaveLocked(&body, &dropped);
  if (!s.ok()) {
    passphrase_ = std::move(old);
    kdf_ = old_kdf;
    body_key_ = Secret();
  }
  std::vector<AuditEvent> records;
  if (s.ok()) records = DroppedEvents(dropped);
  records.push_back({"rekey", "", "", "", s.ok() ? "ok" : "error", ""});
  Status a = audit_.AppendAll(records);
  return s.ok() ? a : s;
}

Result<VaultEntry> Vault::Fetch(const AccountKey& account, AuditEvent event) {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  int i = FindEntry(body.entries, account);
  if (i < 0) {
    event.result = "not-found";
    (void)audit_.Append(event);
    return Status::NotFound(
        "the vault has no entry for " + account.ToString() +
            "; add it with 'renumber vault add' or 'renumber vault import'",
        "保管庫に " + account.ToString() +
            " の登録がありません。'renumber vault add' または 'renumber vault "
            "import' で登録してください");
  }
  VaultEntry& e = body.entries[i];
  if (event.ticket.empty()) event.ticket = e.ticket;
  if (e.ExpiredAt(opts_.clock->Now())) {
    event.result = "refused: expired";
    (void)audit_.Append(event);
    return Status::PreconditionFailed(
        "the vault entry for " + account.ToString() + " expired on " +
            e.expires_at.ToRfc3339() +
            "; ask the customer for the login again and add it with 'renumber "
            "vault add'",
        "保管庫の " + account.ToString() + " の登録は " +
            e.expires_at.ToRfc3339() +
            " に期限切れになりました。お客様にログイン情報をあらためて依頼し、'"
            "renumber vault add' で登録してください");
  }
  event.result = "ok";
  Status s = audit_.Append(event);
  if (!s.ok())
    return s.Annotate("nothing was revealed or used",
                      "何も表示・使用していません");
  return std::move(e);
}

Result<VaultEntry> Vault::Use(const AccountKey& account,
                              const std::string& purpose,
                              const std::string& ticket) {
  return Fetch(account, EntryEvent("use", account, ticket, purpose));
}

Result<VaultEntry> Vault::Reveal(const AccountKey& account,
                                 const std::string& ticket,
                                 const std::string& reason) {
  return Fetch(account, EntryEvent("reveal", account, ticket, reason));
}

Result<AuditVerdict> Vault::VerifyAudit() {
  Secret key;
  {
    std::lock_guard<std::mutex> l(mu_);
    RN_ASSIGN_OR_RETURN(key, AuditMacKey(vault_key_));
  }
  std::string text;
  if (opts_.fs->Exists(audit_.path())) {
    RN_ASSIGN_OR_RETURN(text, opts_.fs->ReadFile(audit_.path()));
  }
  return VerifyAuditLog(text, key);
}

Result<std::unique_ptr<Vault>> UnlockVaultWithTries(
    const VaultOptions& options, Prompter* prompter,
    const std::string& passphrase_file,
    const std::function<std::string(int left)>& prompt) {
  const int kTries = 3;
  for (int left = kTries;; --left) {
    std::string source;
    RN_ASSIGN_OR_RETURN(Secret pass,
                        UnlockPassphrase(options.fs, prompter, passphrase_file,
                                         prompt(left), &source));
    auto v = Vault::Open(options, std::move(pass));
    bool wrong = v.status().Is(Code::kUnauthorized) &&
                 v.status().message() == kWrongPassphrase;
    if (!wrong || source != "terminal" || left == 1) return v;
  }
}

}  // namespace renumber::vault
