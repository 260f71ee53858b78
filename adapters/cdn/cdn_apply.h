// Applying one change of a CDN plan (cdn_plan.h) to the vendor,
// idempotently: every change decides on what it reads (fresh, by the
// client's rule in cdn_client.h) and writes only what is missing, so a
// change whose effect is present makes no write. A clone this run made is
// known without reading it again (Draft::fresh).
//
// The staged switch a run works on is remembered per service: the version
// clone-version made or adopted in this run, else the staged version the
// comment tag names for this old → new pair and the active version. After
// a crash, clone-version adopts the interrupted run's clone instead of
// cloning again: the draft its journaled outcome names, or an untouched
// copy (the source's comment and content) above the newest version known
// before an intent whose outcome was never journaled.
//
// activate-staged switches in one write when the staged version is built
// on the active one and its backends differ from the active one's only in
// the moved addresses (the vendor validates it as it activates it; a
// refused activation of a version that does not validate builds it again);
// otherwise (the customer activated another version since, or edited our
// staged version) it builds the switch again on the active version first.
// If a version the customer activated appears between our check and our
// activation, the switch is built again on that version and activated
// (so the customer's change is kept); at most 3 rounds, then kConflict.
//
// Errors name the account and the call. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_APPLY_H_
#define RENUMBER_ADAPTERS_CDN_CDN_APPLY_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_config.h"

namespace renumber::cdn {

class ChangeApplier {
 public:
  ChangeApplier(CdnClient* client, std::string campaign)
      : client_(client), campaign_(std::move(campaign)) {}

  // The outcome to journal (carries service_id and, for staged-version
  // steps, the draft).
  Result<nlohmann::json> Apply(const Change& change, const PhaseContext& ctx);
  // "; staged version N of service S is not active" for error messages
  // (empty when this run has no staged version of S).
  Text DraftNote(const std::string& sid) const;

 private:
  struct Draft {
    int number = 0;
    int base = 0;
    // Cloned by this run from `base`: its backends are base's (a locked
    // version, read once for the run) but for those this run moved, and
    // its comment is base's until this run labels it.
    bool fresh = false;
    // For a fresh clone: the older staged switches of the pair, as the
    // read that decided the clone listed them (number and comment).
    std::vector<std::pair<int, std::string>> older;
  };
  Result<nlohmann::json> Clone(const Change& c, const PhaseContext& ctx);
  Result<nlohmann::json> Label(const Change& c, const PhaseContext& ctx);
  Result<nlohmann::json> SetAddress(const Change& c, const PhaseContext& ctx);
  Result<nlohmann::json> Validate(const Change& c, const PhaseContext& ctx);
  Result<nlohmann::json> Activate(const Change& c, const PhaseContext& ctx);
  // (`at_new`: some backend of `base` is at the new IP.)
  Status NothingToSwitch(const std::string& sid, int base, int live,
                         const Target& t, bool at_new) const;
  Result<nlohmann::json> Reactivate(const Change& c, const PhaseContext& ctx);
  Result<std::optional<int>> Restage(const std::string& sid,
                                     const ServiceDetails& d, int ours,
                                     int base, const PhaseContext& ctx);
  // abandon-staged (`abandon`) or supersede-staged.
  Result<nlohmann::json> Relabel(const Change& c, const PhaseContext& ctx,
                                 bool abandon);

  // The staged version of this run, or the one tagged for the pair on the
  // active version (`any_base`: on any version).
  Result<Draft> Current(const std::string& sid, const Target& t, bool any_base);
  // Clone `base`, label it, move its old backends: a complete switch.
  // kConflict (NothingToSwitch) when `base` has no backend at the old IP:
  // someone else's version, most likely a copy of our switch, is never a
  // switch's base, since a rollback would return to it.
  Result<Draft> Build(const std::string& sid, int base, const Target& t,
                      nlohmann::json* superseded);
  // Relabels each of `older` (staged switches of the pair: number and
  // comment) as superseded by version `by`; appends their numbers.
  Status Supersede(const std::string& sid,
                   const std::vector<std::pair<int, std::string>>& older,
                   int by, nlohmann::json* superseded);
  // Backend `name` of the draft as it is now.
  Result<Backend> DraftBackend(const std::string& sid, const Draft& draft,
                               const std::string& name);
  Status MoveBackend(const std::string& sid, const Draft& draft,
                     const std::string& name, const Target& t);
  // The draft is the base with the old backends at the new IP and, with
  // `validate`, validates (one more GET).
  Status CheckDraft(const std::string& sid, const Draft& d, const Target& t,
                    bool validate);

  CdnClient* client_;
  std::string campaign_;
  std::map<std::string, Draft> drafts_;  // per service, this run
};

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_APPLY_H_
