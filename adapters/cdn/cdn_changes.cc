#include "adapters/cdn/cdn_changes.h"

#include "adapters/cdn/cdn_text.h"
#include "adapters/kind_names.h"

namespace renumber::cdn {
namespace {

// The one table of kind names.
constexpr KindName<ChangeKind> kKindNames[] = {
    {ChangeKind::kCloneVersion, "clone-version"},
    {ChangeKind::kLabelStaged, "label-staged"},
    {ChangeKind::kSetAddress, "set-address"},
    {ChangeKind::kValidateStaged, "validate-staged"},
    {ChangeKind::kSupersedeStaged, "supersede-staged"},
    {ChangeKind::kActivateStaged, "activate-staged"},
    {ChangeKind::kReactivateVersion, "reactivate-version"},
    {ChangeKind::kAbandonStaged, "abandon-staged"},
};

}  // namespace

const KindNames<ChangeKind>& ChangeKinds() {
  static const KindNames<ChangeKind> names(kKindNames);
  return names;
}

Change MakeChange(std::string id, ChangeKind kind, nlohmann::json params) {
  Change c;
  c.id = std::move(id);
  c.kind = ChangeKinds().Name(kind);
  c.description = DescribeChange(kind, params);
  c.params = std::move(params);
  return c;
}

}  // namespace renumber::cdn
