// Text for people: a Text (English + Japanese) from a message-catalog key,
// column padding, and times shown in the reader's terms.
#ifndef RENUMBER_ENGINE_TEXT_H_
#define RENUMBER_ENGINE_TEXT_H_

#include <string>

#include "src/i18n/i18n.h"
#include "src/model/model.h"

namespace renumber {

// An argument of T(): a Text gives its text in each language, anything
// else is the same in both.
template <typename A>
const A& InLang(const A& a, Lang) {
  return a;
}
inline const std::string& InLang(const Text& t, Lang lang) {
  return lang == Lang::kJa ? t.ja : t.en;
}

template <typename... Args>
Text T(std::string_view key, const Args&... args) {
  return Text{Tr(Lang::kEn, key, InLang(args, Lang::kEn)...),
              Tr(Lang::kJa, key, InLang(args, Lang::kJa)...)};
}

// A Status whose message is `t` (English and Japanese).
inline Status TextStatus(Code code, const Text& t) {
  return Status(code, t.en, t.ja);
}

// The words of design.md as people read them ("word.<group>.<name>" in
// the catalog): English is the tool's own name (as in --json and the
// journal), Japanese the provider's term. An unknown name is shown as is.
Text Word(std::string_view group, const std::string& name);
inline Text StateWord(AccountState s) { return Word("state", StateName(s)); }
inline Text PhaseWord(Phase p) { return Word("phase", PhaseName(p)); }
// Word(group, name) in `lang`.
std::string WordIn(std::string_view group, const std::string& name, Lang lang);

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
