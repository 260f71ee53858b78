// User-facing language: English or Japanese.
//
// Every message a user reads comes from the catalog in messages.cc as an
// (English, Japanese) pair, looked up by a key; a unit test checks that every
// key has both. Japanese wording follows the provider's maintenance notice
// (基盤変更メンテナンス, 配送サーバー, オリジンサーバー, 作業代行).
//
// Format strings use fmt syntax ("{}"). Pure functions; thread-safe.
#ifndef RENUMBER_I18N_I18N_H_
#define RENUMBER_I18N_I18N_H_

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace renumber {

enum class Lang { kEn, kJa };

// From --lang when given ("en"/"ja"), else from LANG/LC_ALL/LC_MESSAGES
// (ja_JP.UTF-8 -> kJa), else English.
Result<Lang> ParseLang(std::string_view text);
Lang LangFromEnvironment();

// The format string for `key` in `lang`; the key itself when unknown (a bug
// the catalog test catches).
std::string_view MessageFormat(std::string_view key, Lang lang);

template <typename... Args>
std::string Tr(Lang lang, std::string_view key, const Args&... args) {
  return fmt::format(fmt::runtime(MessageFormat(key, lang)), args...);
}

// A Status's message in `lang` (its English one when it has no Japanese).
inline const std::string& Localized(const Status& s, Lang lang) {
  return s.Message(lang == Lang::kJa);
}

// Whether `text` holds a Japanese character (kana, kanji, full-width
// forms): the test that a message has a Japanese form.
bool HasJapanese(std::string_view text);

// Every key in the catalog (for tests and for checking both languages).
std::vector<std::string> MessageKeys();

}  // namespace renumber

#endif  // RENUMBER_I18N_I18N_H_
