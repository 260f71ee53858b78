#include "src/vault/vault.h"

#include "src/core/hardening.h"
#include "src/vault/crypto.h"

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
  std::string customer = text.substr(0, slash);
  RN_RETURN_IF_ERROR(ValidateCustomerId(customer));
  return AccountKey{customer, *service};
}

namespace {

VaultOptions WithFs(VaultOptions o, FileSystem* fs) {
  o.fs = fs;
  return o;
}

}  // namespace

Vault::Vault(const VaultOptions& options, std::unique_ptr<FileSystem> dir_fs,
             Secret passphrase)
    : dir_fs_(std::move(dir_fs)),
      opts_(WithFs(options, dir_fs_.get())),
      passphrase_(std::move(passphrase)),
      audit_(dir_fs_.get(), options.clock, AuditPathFor(options.path),
             options.os_user, options.operator_name) {
  audit_.SetCopy(options.audit_copy);
}

Result<std::unique_ptr<FileSystem>> Vault::OpenDir(const VaultOptions& o,
                                                   bool create) {
  return o.fs->OpenPrivateDir(DirName(o.path), create);
}

KdfParams Vault::kdf() const {
  std::lock_guard<std::mutex> l(mu_);
  return kdf_;
}

Result<std::unique_ptr<Vault>> Vault::Create(const VaultOptions& options,
                                             Secret passphrase) {
  RN_RETURN_IF_ERROR(DisableCoreDumps());
  RN_RETURN_IF_ERROR(CheckKdfCaps(options.kdf));
  RN_ASSIGN_OR_RETURN(auto dir_fs, OpenDir(options, /*create=*/true));
  FileSystem* fs = dir_fs.get();
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
  std::unique_ptr<Vault> v(
      new Vault(options, std::move(dir_fs), std::move(passphrase)));
  VaultBody body;
  std::string key(kKeyBytes, '\0');
  options.random->Fill(reinterpret_cast<uint8_t*>(key.data()), key.size());
  body.vault_key = Secret(std::move(key));
  body.created_at = options.clock->Now();
  RN_ASSIGN_OR_RETURN(Secret first, AuditMacKey(body.vault_key));
  body.audit_keys = {{1, std::move(first)}};
  body.audit_anchor = AuditAnchor{};  // an empty log
  std::lock_guard<std::mutex> l(v->mu_);
  v->kdf_ = options.kdf;
  RN_RETURN_IF_ERROR(v->SaveLocked(&body, nullptr));
  v->vault_key_ = body.vault_key;
  v->audit_.SetKeys(body.audit_keys);
  RN_RETURN_IF_ERROR(v->AuditLocked(&body, {{"init", "", "", "", "ok", ""}}));
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
  RN_ASSIGN_OR_RETURN(auto dir_fs, OpenDir(options, /*create=*/false));
  std::unique_ptr<Vault> v(
      new Vault(options, std::move(dir_fs), std::move(passphrase)));
  std::lock_guard<std::mutex> l(v->mu_);
  auto body = v->LoadLocked();
  if (!body.ok()) {
    if (body.status().Is(Code::kUnauthorized))
      (void)v->audit_.Append(
          {"failed unlock", "", "", "", "wrong passphrase", ""});
    return body.status();
  }
  v->vault_key_ = body->vault_key;
  // Every unlock compares the log with what the vault recorded of it: a
  // log cut short or deleted is found here, before anything is used.
  if (!options.inspect_broken_audit)
    RN_RETURN_IF_ERROR(v->CheckAnchorLocked(*body));
  return v;
}

Result<VaultBody> Vault::LoadLocked() {
  RN_RETURN_IF_ERROR(CheckPrivateFile(opts_.fs, opts_.path));
  RN_ASSIGN_OR_RETURN(std::string file,
                      opts_.fs->ReadFile(opts_.path, kMaxFileBytes));
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
  if (body.ok()) audit_.SetKeys(body->audit_keys);  // a rekey may add one
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

Status Vault::SaveAnchorLocked(VaultBody* body, const AuditAnchor& anchor) {
  body->audit_anchor = anchor;
  // The same key (no KDF run: this happens at every use), a fresh nonce.
  Header h = NewHeader(kdf_, opts_.random);
  h.salt = key_salt_;
  Secret plain = EncodeBody(*body);
  RN_ASSIGN_OR_RETURN(std::string file, SealFile(h, body_key_, plain.reveal()));
  return WriteFileAtomic(opts_.fs, opts_.path, file, kFileMode);
}

Result<std::string> Vault::AuditTextLocked() {
  if (!opts_.fs->Exists(audit_.path())) return std::string();
  return opts_.fs->ReadFile(audit_.path());
}

Status Vault::CheckAnchorLocked(const VaultBody& body) {
  if (!body.audit_anchor) return Status::Ok();  // a vault from before anchors
  RN_ASSIGN_OR_RETURN(std::string text, AuditTextLocked());
  return CheckAuditAnchor(text, *body.audit_anchor)
      .Annotate("the vault's audit log '" + audit_.path() + "'",
                "保管庫の監査ログ '" + audit_.path() + "'");
}

Status Vault::AuditLocked(VaultBody* body,
                          const std::vector<AuditEvent>& events) {
  RN_ASSIGN_OR_RETURN(AuditAnchor anchor, audit_.AppendAll(events));
  return SaveAnchorLocked(body, anchor)
      .Annotate(
          "the audit record was written but the vault could not "
          "record the log's new length",
          "監査ログに記録しましたが、保管庫に監査ログの新しい長さを記録"
          "できませんでした");
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
  RN_RETURN_IF_ERROR(CheckAnchorLocked(body));
  std::vector<AuditEvent> events;
  Status s = change(&body.entries, &events);
  std::vector<AccountKey> dropped;
  if (s.ok()) s = SaveLocked(&body, &dropped);
  if (!s.ok()) {
    // The vault file is as it was: the record of the failure is not
    // anchored (it would take another write of that file).
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
  return AuditLocked(&body, records)
      .Annotate("the vault was saved but its audit record was not",
                "保管庫は保存しましたが、監査記録を書き込めませんでした");
}

Status Vault::Rekey(Secret new_passphrase) {
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(auto lock, opts_.fs->Lock(opts_.path + ".lock", true));
  RemoveStaleTemps();
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  RN_RETURN_IF_ERROR(CheckAnchorLocked(body));
  // A new MAC key from the next record on: whoever learnt the old key (an
  // old passphrase, an old copy of the vault) cannot sign what follows.
  RN_ASSIGN_OR_RETURN(std::string text, AuditTextLocked());
  const AuditKeys old_keys = body.audit_keys;
  std::string key(kKeyBytes, '\0');
  opts_.random->Fill(reinterpret_cast<uint8_t*>(key.data()), key.size());
  body.audit_keys.push_back(
      {AnchorOf(text).records + 1, Secret(std::move(key))});
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
    audit_.SetKeys(old_keys);
    (void)audit_.Append({"rekey", "", "", "", "error", ""});
    return s;
  }
  audit_.SetKeys(body.audit_keys);
  std::vector<AuditEvent> records = DroppedEvents(dropped);
  records.push_back({"rekey", "", "", "", "ok", ""});
  return AuditLocked(&body, records);
}

Result<VaultEntry> Vault::Fetch(const AccountKey& account, AuditEvent event) {
  std::lock_guard<std::mutex> l(mu_);
  // Under the writer lock: the use is recorded in the log and the log's new
  // length in the vault, by one process at a time.
  RN_ASSIGN_OR_RETURN(auto lock, opts_.fs->Lock(opts_.path + ".lock", true));
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  RN_RETURN_IF_ERROR(CheckAnchorLocked(body));
  int i = FindEntry(body.entries, account);
  if (i < 0) {
    event.result = "not-found";
    (void)AuditLocked(&body, {event});
    return Status::NotFound(
        "the vault has no entry for " + account.ToString() +
            "; add it with 'renumber vault add' or 'renumber vault import'",
        "保管庫に " + account.ToString() +
            " の登録がありません。'renumber vault add' または 'renumber vault "
            "import' で登録してください");
  }
  if (event.ticket.empty()) event.ticket = body.entries[i].ticket;
  if (body.entries[i].ExpiredAt(opts_.clock->Now())) {
    event.result = "refused: expired";
    (void)AuditLocked(&body, {event});
    const VaultEntry& e = body.entries[i];
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
  Status s = AuditLocked(&body, {event});
  if (!s.ok())
    return s.Annotate("nothing was revealed or used",
                      "何も表示・使用していません");
  return std::move(body.entries[i]);
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
  std::lock_guard<std::mutex> l(mu_);
  RN_ASSIGN_OR_RETURN(VaultBody body, LoadLocked());
  RN_ASSIGN_OR_RETURN(std::string text, AuditTextLocked());
  return VerifyAuditLog(text, body.audit_keys, body.audit_anchor);
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
