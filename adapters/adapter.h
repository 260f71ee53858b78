// The vendor adapter interface: one Adapter talks to one account of one
// service (ESS or CDN) through the HTTP transport, following the migration
// steps of docs/<vendor>-contract.md ("How renumber moves ...").
//
// Flow the engine drives for one account and one phase:
//   Discover(target)               GETs only; what references old/new IP
//   Verify(target, options)        read back + checks (cutover: the gate)
//   PlanPhase(phase, discovery, ctx)  typed changes, each with a description
//   for each change: journal intent -> Apply(change, ctx) -> journal outcome
//   Discover(target) again         read back and classify
//
// Contract:
// - Discover and Verify never write configuration. (ESS Verify may run the
//   vendor's delivery `check`, which records a check result only.)
// - PlanPhase is a pure function of the discovery and the context: planning
//   a phase that is already done gives an empty plan ("apply, then plan
//   again is empty"), and a `partial` account gets the changes that finish
//   the phase, not a redo.
// - Apply is idempotent against live state: before writing it may re-read,
//   and a change whose effect is already present succeeds without a write.
//   A write whose response was lost (5xx after commit, timeout) is read back
//   before any retry (adapters/read_back.h). A 412 is a race with a
//   concurrent editor, kConflict for both vendors (adapters/vendor_client.h),
//   never kPreconditionFailed: ESS re-reads that collection, decides the
//   change again and retries (bounded; then kConflict); CDN returns the
//   kConflict and the next run re-reads and plans again. Apply never removes
//   an old reference whose replacement is missing or not yet in its role,
//   and never leaves the account with no primary route / no backend
//   (kPreconditionFailed).
// - Changes carry everything needed to apply them in `params` (JSON, no
//   secrets), so the engine can journal them; Apply outcomes carry what was
//   created or replaced (ids, version numbers) for the journal and rollback.
// - An Adapter holds per-run state (e.g. the CDN draft version) between
//   Apply calls of one phase; the engine uses one Adapter per account per
//   run, from one thread at a time.
// - Errors name the account and the call ("C-10001/ess: POST
//   /v1/inbound-routes: 409 DUPLICATE ...").
#ifndef RENUMBER_ADAPTERS_ADAPTER_H_
#define RENUMBER_ADAPTERS_ADAPTER_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/core/status.h"
#include "src/model/model.h"

namespace renumber {

// One object discovery reports.
struct Finding {
  enum class Kind {
    kOldReference,  // points at the old IP: will be moved
    kNewReference,  // already points at the new IP
    kDnsDependent,  // host name resolving to the old IP: DNS work, left alone
    kCidrOld,       // CIDR outbound entry containing the old IP: left alone
    kCidrNew,       // CIDR outbound entry already containing the new IP
    kHiddenOrigin,  // the old IP where renumber never writes (CDN: custom
                    // VCL, a snippet, a pool server, a Compute service):
                    // manual work; the account is never cut-over with it
    kNote,          // anything else worth telling (e.g. a customer draft)
  };
  Kind kind = Kind::kNote;
  std::string object;  // "default route r-7f3a", "SU1.../v3/backend origin_1"
  Text text;           // one line for humans
};
const char* FindingKindName(Finding::Kind kind);  // "old-reference", ...

// What an adapter read in Discover, kept for its own PlanPhase: a typed
// value (TypedSnapshot<T>, T the adapter's own snapshot type) the engine
// carries without reading. Never shown, never journaled: JSON is for the
// journal only. Immutable once made, so copies of a Discovery share it.
class VendorSnapshot {
 public:
  virtual ~VendorSnapshot() = default;
};

template <typename T>
class TypedSnapshot : public VendorSnapshot {
 public:
  explicit TypedSnapshot(T value) : value_(std::move(value)) {}
  const T& value() const { return value_; }

 private:
  const T value_;
};

template <typename T>
std::shared_ptr<const VendorSnapshot> MakeSnapshot(T value) {
  return std::make_shared<const TypedSnapshot<T>>(std::move(value));
}

struct Discovery {
  AccountState state = AccountState::kMissing;
  std::vector<Finding> findings;
  // Shown under the change list (CDN: the vendor's diff of each staged
  // version against the active one).
  std::vector<Text> appendix;
  // The domains the account serves, for preflight's DNS checks (ESS: every
  // domain of the account; CDN: the domains of each service's active
  // version), lower case, without duplicates. Filled when
  // AdapterDeps::list_domains is set (ESS lists them in any case).
  std::vector<std::string> domains = {};
  // Adapter-private: what was read, for PlanPhase (SnapshotOf).
  std::shared_ptr<const VendorSnapshot> snapshot;
};

// The snapshot of type T in `d`; nullptr when it holds none or another
// adapter's.
template <typename T>
const T* SnapshotOf(const Discovery& d) {
  const auto* typed = dynamic_cast<const TypedSnapshot<T>*>(d.snapshot.get());
  return typed ? &typed->value() : nullptr;
}

struct Change {
  std::string id;         // unique within the plan, stable across re-plans
  std::string kind;       // "add-route", "clone-version", "activate", ...
  Text description;       // one line for humans
  nlohmann::json params;  // what Apply needs; journaled; no secrets
  bool removes_reference = false;  // deletes an old route/backend/server
};

struct Plan {
  Phase phase = Phase::kPrepare;
  std::vector<Change> changes;
  std::vector<Text> notes;  // e.g. "the account is already prepared"
  // True when the plan only projects what the phase will do once the
  // account reaches the state it needs (e.g. cutover of a not-started
  // account, shown by `renumber plan`): it must not be applied.
  bool projected = false;
  // Parts of the phase a readiness gate holds back, each saying what it
  // waits for (CDN cutover: a service whose new origin does not answer for
  // the site yet). The changes above may be applied without them; the
  // engine runs the phase again for them (cutover --wait-ready) or reports
  // them.
  std::vector<Text> waiting;
};

struct ApplyOutcome {
  bool wrote = false;     // false when the effect was already present
  int writes = 0;         // vendor write requests this change made
  nlohmann::json result;  // ids created/removed, versions; journaled
};

// The context of one phase run.
struct PhaseContext {
  Target target;
  // Journal records of earlier runs, oldest first: for a rollback, the run
  // of the phase being undone; for a resumed prepare/cutover, the
  // interrupted run. Each element: {"change": Change-as-JSON,
  // "outcome": ApplyOutcome.result or null if only the intent was written}.
  nlohmann::json history = nlohmann::json::array();
  bool force = false;    // rollback: discard changes made after ours
  std::string campaign;  // the journal's campaign (e.g. for version labels)
  // Cutover: the gate as the adapter's Verify reported it
  // (VerifyReport::gate); null when no gate was evaluated.
  nlohmann::json gate;
};

struct Check {
  std::string name;  // "ess.check r-9a1 (198.19.0.1:25)"
  bool ok = false;
  Text detail;
  // False for what is only reported (our own probes of the new server,
  // e.g. a port filtered from here): it never fails verify or a gate.
  bool blocking = true;
  // How long the answer took, for checks that measure it (probes).
  std::optional<std::chrono::milliseconds> latency = std::nullopt;
  // For our own probes that compare the new server with the old one (CDN
  // origins): "same", "differs", "new-down", "old-down" or "both-down";
  // empty for every other check. `expected` marks a result that is normal
  // at this time (before the maintenance the new origin may still differ
  // or be down: it holds the site only after the final sync).
  std::string comparison = "";
  bool expected = false;
};

struct VerifyOptions {
  VerifyOptions() = default;
  // Verify(target, false): read back only, no records (implicit, so the
  // many callers that only choose run_checks stay short).
  VerifyOptions(bool checks) : run_checks(checks) {}  // NOLINT
  // ESS: ask the vendor to run its delivery check (a write of a check
  // result only). False: read back only.
  bool run_checks = true;
  // What earlier runs journaled from VerifyReport::record for this
  // account, oldest first (CDN: what the old origin answered before the
  // maintenance, which the cutover gate compares the new origin with).
  nlohmann::json records = nlohmann::json::array();
};

struct VerifyReport {
  AccountState state = AccountState::kMissing;
  std::vector<Finding> findings;
  std::vector<Check> checks;
  // As Discovery::domains.
  std::vector<std::string> domains = {};
  // True when every new route/backend exists and every check passed: the
  // gate for cutover. An adapter that gates parts of the account
  // separately sets `gate` and may leave this false: the engine then
  // passes `gate` to PlanPhase, which holds back the parts that are not
  // ready (Plan::waiting).
  bool new_side_verified = false;
  // Adapter-private: the per-part gate, for PhaseContext::gate.
  nlohmann::json gate;
  // Facts to keep in the journal for later runs (VerifyOptions::records),
  // e.g. the old origin's answers; null when there are none.
  nlohmann::json record;
};

struct Capabilities {
  bool atomic_activation = false;      // CDN: versions, one switch per phase
  bool optimistic_locking = false;     // ESS: per-collection ETag / If-Match
  bool vendor_delivery_check = false;  // ESS: POST .../check
  bool rate_limit_headers = false;     // CDN: Fastly-RateLimit-*
  // Verify probes the servers and returns facts to journal (CDN: what the
  // old origin answers): prepare runs it after its read back.
  bool origin_probes = false;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual Capabilities capabilities() const = 0;
  virtual Result<Discovery> Discover(const Target& target) = 0;
  virtual Result<Plan> PlanPhase(Phase phase, const Discovery& discovery,
                                 const PhaseContext& context) = 0;
  virtual Result<ApplyOutcome> Apply(const Change& change,
                                     const PhaseContext& context) = 0;
  // Read back + checks (ESS: `check` on each new route when its last PASS
  // is not recent; CDN: probes of the old and new origins). Never changes
  // configuration.
  virtual Result<VerifyReport> Verify(const Target& target,
                                      const VerifyOptions& options) = 0;
};

nlohmann::json ChangeToJson(const Change& change);
Result<Change> ChangeFromJson(const nlohmann::json& j);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ADAPTER_H_
