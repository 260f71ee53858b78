// Version operations with read-backs: clone, validate, activate.
//
// - Clone: a lost answer (5xx, timeout, body not JSON) is read back by
//   listing the versions: the newest unlocked, inactive version above the
//   newest one known before the call is adopted instead of cloning again.
//   Other unlocked drafts that appeared during the call (e.g. one created by
//   a transport retry of a committed clone) are reported, never touched.
// - Activate: a lost answer is read back from the details.
// Both are sent with RetryMode::kNever: the transport must not repeat them,
// since a repeated clone makes one more draft and a repeated activate can
// undo a customer's activation made in between.
// - Validate: kPreconditionFailed listing the vendor's errors.
// Errors name the account and the call. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_VERSIONS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_VERSIONS_H_

#include <string>
#include <vector>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_config.h"

namespace renumber::cdn {

struct Cloned {
  int number = 0;
  std::vector<int> appeared;  // other drafts that appeared during the call
};

// Clones version `from`; `known_latest` is the newest version number read
// before the call.
Result<Cloned> CloneVersion(CdnClient* client, const std::string& sid, int from,
                            int known_latest);

// Unlocked, inactive versions above `above`, oldest first.
Result<std::vector<int>> DraftsAbove(CdnClient* client, const std::string& sid,
                                     int above);

Status ValidateVersion(CdnClient* client, const std::string& sid, int version);

// Makes `version` the active one (no write when it already is).
Status ActivateVersion(CdnClient* client, const std::string& sid, int version);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_VERSIONS_H_
