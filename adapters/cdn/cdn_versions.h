// Version operations with read-backs: clone, comment, validate, activate.
//
// - Clone: a lost answer (5xx, timeout, body not JSON) is read back by
//   listing the versions: an untouched copy of the cloned version above
//   the newest one known before the call — same comment (a clone carries
//   its source's comment) and same content — is adopted instead of cloning
//   again. Other such copies that appeared during a call that lost an
//   answer are reported, never touched (when the first answer arrives, the
//   call made no other copy and none is looked for); a draft with other
//   content or comment is someone else's and ignored.
// - Comment: set on an unlocked version, confirmed by reading it back.
// - Activate: a lost answer is read back from the details.
// Clone and activate are sent with RetryMode::kNever: the transport must
// not repeat them (a repeated clone makes one more draft; a repeated
// activate can undo a customer's activation made in between).
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
  std::vector<int> appeared;  // other copies, when an answer was lost
};

// Clones version `from`; `known_latest` is the newest version number read
// before the call.
Result<Cloned> CloneVersion(CdnClient* client, const std::string& sid, int from,
                            int known_latest);

// Unlocked, inactive versions above `above` that are untouched copies of
// version `from` (its comment and content), oldest first.
Result<std::vector<int>> CopiesAbove(CdnClient* client, const std::string& sid,
                                     int from, int above);

// Sets the comment of unlocked version `version` (no write when it is
// already that). `known_other`: the caller knows the comment is not that
// (a version it has just cloned), so it is not read first; a lost answer is
// still read back.
Status SetComment(CdnClient* client, const std::string& sid, int version,
                  const std::string& comment, bool known_other = false);

Status ValidateVersion(CdnClient* client, const std::string& sid, int version);

// Makes `version` the active one (no write when it already is).
Status ActivateVersion(CdnClient* client, const std::string& sid, int version);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_VERSIONS_H_
