// The kinds of change the CDN adapter plans (cdn_plan.h says when) and
// applies (cdn_apply.h). Each enumerator below says what the change does,
// its journal name (what Change::kind holds: ChangeKinds) and what it carries
// in `params` besides service_id, service (the label) and service_name. The
// adapter matches kinds as ChangeKind, never by name.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_
#define RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/adapter.h"
#include "adapters/kind_names.h"

namespace renumber::cdn {

enum class ChangeKind {
  // clone-version: a new draft version copied from a version of the
  // service. Params: from_version, known_latest, phase.
  kCloneVersion,
  // label-staged: the draft's comment names it as renumber's staged switch.
  // Params: base, old_ip, new_ip.
  kLabelStaged,
  // set-address: one backend of the draft moves to the new IP.
  // Params: backend, old_address, new_ip, base.
  kSetAddress,
  // validate-staged: the vendor validates the draft (nothing goes live).
  // Params: base.
  kValidateStaged,
  // supersede-staged: a leftover staged draft (an interrupted prepare's)
  // is relabelled as superseded by the one kept. Params: version, by.
  kSupersedeStaged,
  // activate-staged: the staged draft becomes the live version (cut over).
  // Params: base, staged (0: the one this run builds), old_ip, new_ip.
  kActivateStaged,
  // reactivate-version: an earlier version goes live again (rollback).
  // Params: version, expect_active, live_active, ours, undoes.
  kReactivateVersion,
  // abandon-staged: a staged draft is relabelled as abandoned (rollback of
  // prepare; drafts cannot be deleted). Params: version.
  kAbandonStaged
};

// The journal name of each kind and back (adapters/kind_names.h).
const KindNames<ChangeKind>& ChangeKinds();

// A change of `kind` with its description (cdn_text.h DescribeChange).
Change MakeChange(std::string id, ChangeKind kind, nlohmann::json params);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_CHANGES_H_
