// Builds a Text (English + Japanese) from a message-catalog key.
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

inline const std::string& Pick(const Text& t, Lang lang) {
  return lang == Lang::kJa && !t.ja.empty() ? t.ja : t.en;
}

}  // namespace renumber

#endif  // RENUMBER_ENGINE_TEXT_H_
