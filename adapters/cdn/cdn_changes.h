// The kinds of change the CDN adapter plans (cdn_plan.h says when) and
// applies (cdn_apply.h), with what each carries in `params` besides
// service_id, service (the label) and service_name:
//
// kind                params
// clone-version       from_version, known_latest, phase
// label-staged        base, old_ip, new_ip
// set-address         backend, old_address, new_ip, base
// validate-staged     base
// supersede-staged    version, by
// activate-staged     base, staged (0: the one this run builds), old_ip,
//                     new_ip
// reactivate-version  version, expect_active, live_active, ours, undoes
// abandon-staged      version
//
// The adapter matches kinds as ChangeKind; the names above are only what
// Change::kind holds for the journal (ChangeKindName, ParseChangeKind).
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_
#define RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/adapter.h"

namespace renumber::cdn {

enum class ChangeKind {
  kCloneVersion,
  kLabelStaged,
  kSetAddress,
  kValidateStaged,
  kSupersedeStaged,
  kActivateStaged,
  kReactivateVersion,
  kAbandonStaged
};

// The journal name of each kind and back (adapters/kind_names.h).
const char* ChangeKindName(ChangeKind kind);
std::optional<ChangeKind> ParseChangeKind(const std::string& name);

// A change of `kind` with its description (cdn_text.h DescribeChange).
Change MakeChange(std::string id, ChangeKind kind, nlohmann::json params);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_
