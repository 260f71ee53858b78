// The local campaign store: the state directory renumber has always used.
// The journal is <state-dir>/journal/<campaign>.journal (JournalWriter,
// JOURNAL_FORMAT.md), the locks are flock files in <state-dir>/locks
// (AccountLocks), the accounts' last states are read from the journals'
// account-end records, and the vault's audit log beside the vault is the
// only audit copy. Nothing here differs from a build without stores.
//
// HeldLocks is empty: probing a flock would take it for a moment and could
// turn another run's lock attempt away.
#ifndef RENUMBER_STORE_LOCAL_STORE_H_
#define RENUMBER_STORE_LOCAL_STORE_H_

#include <memory>
#include <string>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/store/campaign_store.h"

namespace renumber {

// `fs` and `clock` are not owned and must outlive the store.
std::unique_ptr<CampaignStore> NewLocalStore(FileSystem* fs, Clock* clock,
                                             std::string state_dir);

// The accounts' last states from journal records (account-end records, the
// latest per campaign and account wins). Shared by stores that keep no
// table of their own.
std::vector<StoredAccount> AccountsFromJournals(
    const std::vector<CampaignJournal>& journals, const std::string& campaign);

}  // namespace renumber

#endif  // RENUMBER_STORE_LOCAL_STORE_H_
