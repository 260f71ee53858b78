// Version operations with read-backs: clone, validate, activate.
//
// - Clone: a lost answer (5xx, timeout, body not JSON) is read back by
//   listing the versions: the newest unlocked, inactive version above the
//   newest one known before the call whose content equals the cloned
//   version is adopted instead of cloning again. Other such copies that
//   appeared during the call (e.g. one the transport re-sent) are reported,
//   never touched; a draft with other content is a customer's and ignored.
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
// Those of them whose content equals version `from`'s: untouched clones of
// it (ours, whose answer was lost), never a customer's edited draft.
Result<std::vector<int>> CopiesAbove(CdnClient* client, const std::string& sid,
                                     int from, int above);

Status ValidateVersion(CdnClient* client, const std::string& sid, int version);

// Makes `version` the active one (no write when it already is).
Status ActivateVersion(CdnClient* client, const std::string& sid, int version);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_VERSIONS_H_
