// Text for people: a Text (English + Japanese) from a message-catalog key,
// column padding, and times shown in the reader's terms.
#ifndef RENUMBER_ENGINE_TEXT_H_
#define RENUMBER_ENGINE_TEXT_H_

#include <string>

#include "src/i18n/i18n.h"
#include "src/model/model.h"

namespace renumber {

template <typename... Args>
Text T(std::string_view key, const Args&... args) {
  return Text{Tr(Lang::kEn, key, args...), Tr(Lang::kJa, key, args...)};
}

// `s` padded with spaces to `width` terminal columns (CJK characters count
// as two), with at least one space after it.
std::string PadColumns(const std::string& s, size_t width);

// "in 23 min", "2 h 5 min ago", "in 3 days", "now".
std::string RelativeText(Timestamp t, Timestamp now, Lang lang);
// "2026-12-10T06:00:00+09:00 (in 23 min)": a time in the offset it was
// written in, and how far it is from `now`.
std::string WhenText(Timestamp t, int offset_minutes, Timestamp now, Lang lang);

inline const std::string& Pick(const Text& t, Lang lang) {
  return lang == Lang::kJa && !t.ja.empty() ? t.ja : t.en;
}

}  // namespace renumber

#endif  // RENUMBER_ENGINE_TEXT_H_
