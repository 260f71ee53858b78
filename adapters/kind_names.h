// The names of an adapter's change kinds: each adapter matches its kinds
// as its own enum and writes their names only into Change::kind, for the
// journal. Each adapter's *_changes.h declares its table,
//   const KindNames<ChangeKind>& ChangeKinds();
// built once from the rows in its .cc: ChangeKinds().Name(kind) gives
// "add-route", ...; ChangeKinds().Parse(name) gives the kind, or nullopt
// for a name that adapter never writes.
//
// Header-only; a KindNames is immutable once built, so thread-safe.
#ifndef RENUMBER_ADAPTERS_KIND_NAMES_H_
#define RENUMBER_ADAPTERS_KIND_NAMES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

template <typename Kind>
struct KindName {
  Kind kind;
  const char* name;
};

template <typename Kind>
class KindNames {
 public:
  // `rows` has a `kind` and a `name` in each row: KindName<Kind> or an
  // adapter's own row that says more of each kind.
  template <typename Row, size_t N>
  explicit KindNames(const Row (&rows)[N]) {
    for (const Row& r : rows) names_.push_back({r.kind, r.name});
  }

  // The journal name of `kind`; "" when the table lacks it (a bug).
  const char* Name(Kind kind) const {
    for (const KindName<Kind>& k : names_)
      if (k.kind == kind) return k.name;
    return "";
  }

  // The kind `name` stands for; nullopt for a name the table lacks.
  std::optional<Kind> Parse(const std::string& name) const {
    for (const KindName<Kind>& k : names_)
      if (name == k.name) return k.kind;
    return std::nullopt;
  }

 private:
  std::vector<KindName<Kind>> names_;
};

// What an adapter's Apply returns for a Change::kind it never writes (a
// journal from another version of renumber, or one edited by hand): the
// same code from every adapter, kInvalidArgument (bad input; nothing is
// sent), naming the account, the vendor and the kind.
inline Status UnknownKind(const std::string& account, const std::string& vendor,
                          const std::string& kind) {
  return Status::InvalidArgument(
      account + ": unknown " + vendor + " change kind '" + kind + "'",
      account + ": 不明な " + vendor + " の変更の種類 '" + kind + "' です");
}

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_KIND_NAMES_H_
