// The campaign store: where the records a campaign shares live — the
// journal, the per-account locks, the accounts' last states, and a copy of
// the vault's audit records.
//
// Two implementations: the local state directory (LocalStore, the default:
// exactly the files renumber always wrote, see local_store.h) and
// PostgreSQL (pg_store.h), for a team working one campaign from several
// machines (`--store postgresql://…` or $RENUMBER_STORE). A fake
// (fake_store.h) and a fault-injecting wrapper (fault_store.h) serve the
// unit tests.
//
// Contract, whatever the implementation:
// - Journal records keep the format and checksums of JOURNAL_FORMAT.md and
//   come back in the order they were appended. A JournalSink's Append
//   returns only when the record is durable; when it fails, the caller does
//   not do what the record announces (no vendor write without its intent).
// - A lock from Locks() is held until destroyed; another run (any process,
//   any machine sharing the store) that asks for the account is refused
//   with the holder's who/what/where. A holder that dies (kill -9, a lost
//   machine) loses its locks.
// - A store that goes away answers kUnavailable (or kTimeout) and
//   afterwards keeps failing for this process: its locks may be gone, so
//   nothing more is written with them. Running the command again once the
//   store is back starts afresh.
//
// Ownership: the store outlives every sink and lock it hands out.
// Threads: every method is thread-safe.
#ifndef RENUMBER_STORE_CAMPAIGN_STORE_H_
#define RENUMBER_STORE_CAMPAIGN_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/engine/account_lock.h"
#include "src/engine/journal.h"
#include "src/engine/status_report.h"

namespace renumber {

// A lock held right now, as others see it.
struct HeldLock {
  std::string account;  // "C-10001/ess"
  Text holder;          // LockHolder::Describe text, en and ja
  std::string client;   // where the holder connects from ("" unknown)
};

// One account's last known state in a campaign (the accounts table).
struct StoredAccount {
  std::string campaign, account, phase, result, state, operator_name, at;
};

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;

  // Where the store is, for messages: a directory, or
  // "postgresql://host:port/db" (never a password).
  virtual std::string Where() const = 0;
  // True when other machines share it (status shows the locks held).
  virtual bool Shared() const = 0;

  // The campaign's records in append order, each kept as `read` says; an
  // unknown campaign has none.
  virtual Result<JournalContents> ReadJournal(const std::string& campaign,
                                              JournalRead read) = 0;
  Result<JournalContents> ReadJournal(const std::string& campaign) {
    return ReadJournal(campaign, JournalRead::kWhole);
  }
  // Every campaign's journal (status).
  virtual Result<std::vector<CampaignJournal>> ReadJournals() = 0;
  // A sink appending to the campaign's journal.
  virtual Result<std::unique_ptr<JournalSink>> OpenJournal(
      const std::string& campaign) = 0;

  // Account locks that name `me` as their holder.
  virtual Result<std::unique_ptr<AccountLocker>> Locks(LockHolder me) = 0;
  // Locks held now by any run (empty where that cannot be seen safely).
  virtual Result<std::vector<HeldLock>> HeldLocks() = 0;

  // The accounts' last states, kept from the account-end records (a refused
  // run changes nothing, so it does not replace a known state; campaign ""
  // = every campaign).
  virtual Result<std::vector<StoredAccount>> Accounts(
      const std::string& campaign) = 0;

  // Copies audit records (lines of the vault's audit log, already written
  // locally) of the vault `vault` into the store. The local store has
  // nothing to do.
  virtual Status CopyAudit(const std::string& vault,
                           const std::vector<std::string>& lines) = 0;
};

}  // namespace renumber

#endif  // RENUMBER_STORE_CAMPAIGN_STORE_H_
