#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

AuditEvent Event(const std::string& action, const AccountKey& a,
                 const std::string& ticket, const std::string& detail) {
  return {action, a.ToString(), a.customer, ticket, "", detail};
}

}  // namespace

Status PutEntries(Vault* vault, std::vector<VaultEntry> entries, bool replace,
                  const std::string& action) {
  std::string ticket = entries.empty() ? "" : entries.front().ticket;
  auto change = [&](std::vector<VaultEntry>* stored,
                    std::vector<AuditEvent>* events) -> Status {
    for (const VaultEntry& e : entries) {
      if (FindEntry(*stored, e.creds.account) >= 0 && !replace)
        return Status::Conflict(
            "the vault already holds " + e.creds.account.ToString() +
                "; pass --replace to overwrite it (nothing was changed)",
            "保管庫にはすでに " + e.creds.account.ToString() +
                " が登録されています。上書きするには --replace "
                "を指定してください（何も変更していません）");
    }
    for (VaultEntry& e : entries) {
      int i = FindEntry(*stored, e.creds.account);
      events->push_back(
          Event(action, e.creds.account, e.ticket,
                i >= 0 ? "replaced; expires " + e.expires_at.ToRfc3339()
                       : "expires " + e.expires_at.ToRfc3339()));
      if (i >= 0) {
        (*stored)[i] = std::move(e);
      } else {
        stored->push_back(std::move(e));
      }
    }
    return Status::Ok();
  };
  return vault->Update(change,
                       {action, "", "", ticket, "",
                        std::to_string(entries.size()) + " account(s)"});
}

Status RemoveEntry(Vault* vault, const AccountKey& account,
                   const std::string& ticket) {
  auto change = [&](std::vector<VaultEntry>* stored,
                    std::vector<AuditEvent>*) -> Status {
    int i = FindEntry(*stored, account);
    if (i < 0)
      return Status::NotFound(
          "the vault has no entry for " + account.ToString(),
          "保管庫に " + account.ToString() + " の登録がありません");
    stored->erase(stored->begin() + i);
    return Status::Ok();
  };
  return vault->Update(change, Event("remove", account, ticket, ""));
}

Result<std::vector<AccountKey>> PurgeEntries(Vault* vault, bool all,
                                             Timestamp now,
                                             const std::string& ticket) {
  std::vector<AccountKey> removed;
  auto change = [&](std::vector<VaultEntry>* stored,
                    std::vector<AuditEvent>* events) -> Status {
    std::vector<VaultEntry> kept;
    for (VaultEntry& e : *stored) {
      bool expired = e.ExpiredAt(now);
      if (all || expired) {
        removed.push_back(e.creds.account);
        events->push_back(Event("purge", e.creds.account, ticket,
                                expired ? "expired" : "purge --all"));
      } else {
        kept.push_back(std::move(e));
      }
    }
    *stored = std::move(kept);
    return Status::Ok();
  };
  RN_RETURN_IF_ERROR(vault->Update(
      change, {"purge", "", "", ticket, "",
               all ? "--all: nothing stored" : "nothing expired"}));
  return removed;
}

std::vector<VaultEntry> EntriesFromCredentials(std::vector<Credentials> creds,
                                               const std::string& ticket,
                                               Timestamp created_at,
                                               const std::string& created_by,
                                               Timestamp expires_at) {
  std::vector<VaultEntry> out;
  for (Credentials& c : creds) {
    VaultEntry e;
    e.creds = std::move(c);
    e.ticket = ticket;
    e.created_at = created_at;
    e.created_by = created_by;
    e.expires_at = expires_at;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace renumber::vault
