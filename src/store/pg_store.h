// The PostgreSQL campaign store (team mode): several staff on several
// machines, and scheduled jobs, share one campaign.
//
// - Journal: renumber_journal rows, one per record, each holding the very
//   line the local journal would hold ("<crc32c> <json>"), checked on read
//   like the file's; ordered by a sequence; append-only by trigger. An
//   append is one INSERT committed with synchronous_commit on: when it
//   returns, the record is on the server's disk. An account-end record
//   updates renumber_accounts in the same statement.
// - Locks: a session advisory lock per account (pg_try_advisory_lock on a
//   64-bit hash of "renumber:<account>"), so a killed client's locks go
//   with its connection. The holder's LockHolder (who, what, pid, host,
//   since) is kept in renumber_locks, so others are told who holds an
//   account.
// - A store has one or a few connections (sessions); each account belongs
//   to one of them (by the hash), and its lock and every journal record of
//   it go through that session: an append that succeeds proves the session
//   — and the account's lock — is alive. If a session is lost, every later
//   append and lock on it fails (kUnavailable): no vendor write happens
//   without its intent on the server, and nothing is written once the lock
//   may be gone. Several sessions let accounts worked in parallel commit in
//   parallel (the server flushes their commits together) instead of
//   queueing on one connection.
// - Audit: renumber_audit rows (append-only) copying vault audit lines.
//
// Threads: thread-safe; calls are serialized on the one connection.
#ifndef RENUMBER_STORE_PG_STORE_H_
#define RENUMBER_STORE_PG_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/store/campaign_store.h"
#include "src/store/pg_session.h"

namespace renumber {

// A connection as `store status` shows it.
struct PgConnectionInfo {
  int pid = 0;
  std::string user, application, client, since, state;
};

class PgStore : public CampaignStore {
 public:
  // Takes the connected sessions (at least one); `host` is this machine's
  // name (audit copies). Does not check the schema (see OpenPgStore).
  PgStore(std::vector<std::unique_ptr<PgSession>> sessions, Clock* clock,
          std::string host);
  ~PgStore() override;

  std::string Where() const override { return sessions_[0]->where(); }
  bool Shared() const override { return true; }
  using CampaignStore::ReadJournal;
  Result<JournalContents> ReadJournal(const std::string& campaign,
                                      JournalRead read) override;
  Result<std::vector<CampaignJournal>> ReadJournals() override;
  Result<std::unique_ptr<JournalSink>> OpenJournal(
      const std::string& campaign) override;
  Result<std::unique_ptr<AccountLocker>> Locks(LockHolder me) override;
  Result<std::vector<HeldLock>> HeldLocks() override;
  Result<std::vector<StoredAccount>> Accounts(
      const std::string& campaign) override;
  Status CopyAudit(const std::string& vault,
                   const std::vector<std::string>& lines) override;

  // renumber connections to this database (application_name renumber…).
  Result<std::vector<PgConnectionInfo>> Connections();
  // The first session (reads, status, the schema).
  PgSession* session() { return sessions_[0].get(); }
  // The session an account's lock and records go through.
  PgSession* SessionFor(const std::string& account);
  Clock* clock() { return clock_; }

 private:
  std::vector<std::unique_ptr<PgSession>> sessions_;
  Clock* clock_;
  std::string host_;
};

// The advisory lock key of an account (FNV-1a 64 of "renumber:<account>").
int64_t AccountLockKey(const std::string& account);

// Connects to `spec` (see pg_conninfo.h) with `connections` sessions and
// checks that the schema is current. `application_name` is shown to others
// ("renumber prepare alice@ws1").
Result<std::unique_ptr<PgStore>> OpenPgStore(
    const std::string& spec, const std::string& ca_file,
    const std::string& application_name, Clock* clock, bool check_schema = true,
    int connections = 1);

}  // namespace renumber

#endif  // RENUMBER_STORE_PG_STORE_H_
