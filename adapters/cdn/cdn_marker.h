// How renumber labels the versions it creates, so that a later run (after
// any number of crashes) recognises them by their comment — never by being
// "the newest unlocked version".
//
// A staged switch's comment is readable in the console and ends in a
// machine-readable tag:
//   renumber 切替用バージョン / staged switch: origin servers 198.18.0.10 →
//   198.19.0.10 (ticket ZL-2026-10001, campaign plan) — activate after the
//   maintenance (基盤変更メンテナンス後に有効化)
//   [renumber-staged base=3 old=198.18.0.10 new=198.19.0.10]
// `base` is the version it was cloned from (the active one then). The same
// tag with "renumber-abandoned" (prepare rolled back) or
// "renumber-superseded" (a newer staged switch replaced it) marks versions
// that are no longer the switch.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_MARKER_H_
#define RENUMBER_ADAPTERS_CDN_CDN_MARKER_H_

#include <optional>
#include <string>

#include "src/core/ip.h"

namespace renumber::cdn {

enum class MarkKind { kStaged, kAbandoned, kSuperseded };

struct Mark {
  MarkKind kind = MarkKind::kStaged;
  int base = 0;
  std::string old_ip;  // canonical text
  std::string new_ip;
  bool For(const IpAddress& old_ip, const IpAddress& new_ip) const;
};

// The full comment of a staged switch.
std::string StagedComment(int base, const IpAddress& old_ip,
                          const IpAddress& new_ip, const std::string& ticket,
                          const std::string& campaign);
// The comment of a staged switch that is no longer one.
std::string AbandonedComment(const Mark& staged);
std::string SupersededComment(const Mark& staged, int by_version);

// The tag at the end of `comment`, if any.
std::optional<Mark> ParseMark(const std::string& comment);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_MARKER_H_
