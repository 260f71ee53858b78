// A vendor-free Adapter for engine tests: one account with an old and a new
// reference, a shared FakeVendorState the test can inspect and fault.
// Thread-safe (the state has a mutex).
#ifndef RENUMBER_ENGINE_FAKE_ADAPTER_H_
#define RENUMBER_ENGINE_FAKE_ADAPTER_H_

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "adapters/adapter.h"

namespace renumber {

struct FakeVendorState {
  struct Account {
    bool old_ref = true;
    bool new_ref = false;
    bool new_primary = false;
    bool new_verifies = true;
    int writes = 0;
    // A per-part gate (like the CDN's per service): Verify reports
    // {"ready": …} and cutover holds the account back until ready; the
    // new side turns ready after `polls_until_ready` more Verify calls.
    bool gated = false;
    int polls_until_ready = 0;
    int verifies = 0;
    std::string observation;      // Verify's record, journaled when not ""
    nlohmann::json records_seen;  // VerifyOptions::records of the last call
    bool stale = false;           // prepared -> prepared-stale
    bool paused = false;          // writes fail as paused (rate limit)
  };
  std::mutex mu;
  std::map<std::string, Account> accounts;  // by customer
  std::set<std::string> fail_changes;       // "C-1:add-new" fails once
  int total_writes = 0;
};

std::unique_ptr<Adapter> NewFakeAdapter(std::shared_ptr<FakeVendorState> s,
                                        const std::string& customer);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_FAKE_ADAPTER_H_
