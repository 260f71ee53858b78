// Applying one step (cdn_steps.h) to a draft version: each operation
// re-reads the object first, writes only what is missing (so a step whose
// effect is present makes no write), and reads back a write whose answer
// was lost before repeating it.
//
// Safety gates (kPreconditionFailed, nothing written):
// - delete-backend removes an old backend only when its twin is in the
//   draft at the new IP, in every director that holds the old one, and was
//   already in the version the draft was cloned from (prepare activated);
//   never a backend that is not at the old IP;
// - rename-backend never renames over a backend that is still at the old IP.
// Director links: deleting the old backend leaves its director links to the
// vendor (a vendor that does not cascade keeps "origin_1" in the director,
// one that cascades drops it); renaming the twin to the old name then makes
// such a link valid again, and a director that still names the twin's
// former name gets the old name added (if missing) and the twin's removed.
// So a non-cascading vendor costs one link write per director membership,
// a cascading one none.
//
// Ownership: borrows the client. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_OPS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_OPS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_steps.h"

namespace renumber::cdn {

struct DraftRef {
  std::string sid;
  int base = 0;    // the version the draft was cloned from
  int number = 0;  // the draft
};

class StepRunner {
 public:
  StepRunner(CdnClient* client, Addresses addresses)
      : client_(client), a_(addresses) {}

  // Applies `kind` with `params` to the draft; returns what it did (for the
  // journal). kInvalidArgument for an unknown kind or bad params.
  Result<nlohmann::json> Run(const DraftRef& d, const std::string& kind,
                             const nlohmann::json& params);

 private:
  Result<nlohmann::json> AddHealthcheck(const DraftRef& d,
                                        const nlohmann::json& p);
  Result<nlohmann::json> AddTwin(const DraftRef& d, const nlohmann::json& p);
  Result<nlohmann::json> UpdateBackend(const DraftRef& d,
                                       const nlohmann::json& p);
  Result<nlohmann::json> LinkDirector(const DraftRef& d,
                                      const nlohmann::json& p);
  Result<nlohmann::json> DeleteOld(const DraftRef& d, const nlohmann::json& p);
  Result<nlohmann::json> RenameTwin(const DraftRef& d, const nlohmann::json& p);

  // Makes directors that name `from` name `to` instead (to may be "" to
  // only drop `from`). Returns the links changed.
  Result<nlohmann::json> MoveDirectorLinks(const DraftRef& d,
                                           const std::string& from,
                                           const std::string& to);
  Result<std::optional<Backend>> GetBackend(const DraftRef& d,
                                            const std::string& name);
  Result<std::vector<Director>> GetDirectors(const DraftRef& d);
  Status Refuse(const DraftRef& d, const std::string& what) const;

  CdnClient* client_;
  Addresses a_;
};

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_OPS_H_
