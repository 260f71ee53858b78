// The names of an adapter's change kinds: each adapter matches its kinds
// as its own enum and writes their names only into Change::kind, for the
// journal. One table per adapter (its *_changes.cc), read both ways here.
// Each adapter's *_changes.h declares the same pair over its own enum:
//   const char* ChangeKindName(ChangeKind kind);   // "add-route", ...
//   std::optional<ChangeKind> ParseChangeKind(const std::string& name);
// the second giving nullopt for a name that adapter never writes.
//
// Header-only; the tables are constant, so thread-safe.
#ifndef RENUMBER_ADAPTERS_KIND_NAMES_H_
#define RENUMBER_ADAPTERS_KIND_NAMES_H_

#include <cstddef>
#include <optional>
#include <string>

#include "src/core/status.h"

namespace renumber {

template <typename Kind>
struct KindName {
  Kind kind;
  const char* name;
};

// The name of `kind` in `table`; "" when the table lacks it (a bug).
// `Entry` is KindName<Kind> or an adapter's own row that has `kind` and
// `name` and says more of each kind.
template <typename Entry, size_t N>
const char* NameOfKind(const Entry (&table)[N], decltype(Entry::kind) kind) {
  for (const Entry& k : table)
    if (k.kind == kind) return k.name;
  return "";
}

// The kind `name` stands for in `table`; nullopt for a name it lacks.
template <typename Entry, size_t N>
std::optional<decltype(Entry::kind)> KindNamed(const Entry (&table)[N],
                                               const std::string& name) {
  for (const Entry& k : table)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

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
