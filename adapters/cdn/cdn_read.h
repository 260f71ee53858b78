// Reading a CDN account for one migration (GETs only): every service
// (following the Link paging), its details, the active version's
// backends, directors, domains, custom VCL, snippets and pools with their
// servers, and the staged switch for this old → new pair (a version whose
// comment carries our tag, cdn_marker.h) with its backends and the
// vendor's diff from the active version. Compute (wasm) services have only
// backends and domains read.
//
// An active version that is this pair's staged switch, built on a base
// whose lists this client keeps (a locked version this run read: the read
// back after cut over), has its lists but the backends taken from the base
// when the vendor's diff between the two shows only moved addresses
// (cdn_switch_diff.h): one GET of the diff instead of five list GETs.
//
// The adapter keeps the services read in Discovery::snapshot, so
// PlanPhase works from them alone.
//
// Errors name the account and the call (from CdnClient); an answer of the
// wrong shape is kInternal naming the call. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_READ_H_
#define RENUMBER_ADAPTERS_CDN_CDN_READ_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_config.h"
#include "adapters/cdn/cdn_marker.h"
#include "src/model/model.h"

namespace renumber::cdn {

// "/service/SU1.../version/4"
std::string VersionPath(const std::string& sid, int version);

// An unlocked, inactive version tagged as the staged switch of this pair.
struct StagedVersion {
  int number = 0;
  Mark mark;
  std::vector<Backend> backends;  // read for the newest one only
  std::string diff;               // ditto: active -> staged, format=text
};

struct ServiceSnapshot {
  std::string id;
  std::string name;
  ServiceDetails details;
  VersionConfig active;  // empty when details.active == 0
  // Staged switches of this pair, newest first: [0] is the switch, any
  // other is a leftover of an interrupted run (superseded by prepare).
  std::vector<StagedVersion> staged;
  std::string label() const;
  bool compute() const { return details.type == "wasm"; }
  // The active version's tag: set when our staged switch is live.
  std::optional<Mark> ActiveMark() const;
  // The newest unlocked inactive version above the active one that is not
  // ours (a customer's work in progress); 0 when none.
  int PendingDraft() const;
};

Result<ServiceDetails> ReadDetails(CdnClient* client, const std::string& sid);
Result<std::vector<Backend>> ReadBackends(CdnClient* client,
                                          const std::string& sid, int version);

// Every service of the account, for `target`'s old and new IP. With
// `staged_diffs`, also the vendor's diff of each staged switch against the
// active version (StagedVersion::diff; one more GET per staged service).
Result<std::vector<ServiceSnapshot>> ReadAccount(CdnClient* client,
                                                 const Target& target,
                                                 bool staged_diffs = false);

// One service from its answers keyed as ReadAccount reads them
// ("details", "backends", ..., "pool_servers", "staged"): for tests that
// write the answers by hand. kInternal on an answer of the wrong shape.
Result<ServiceSnapshot> ServiceFromAnswers(const std::string& id,
                                           const std::string& name,
                                           const nlohmann::json& raw,
                                           const Target& target);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_READ_H_
