// User-facing language: English or Japanese.
//
// Every message a user reads has both languages, from one of three places:
// - the catalog (messages.h): the fixed messages of the CLI, the engine,
//   the simulators' command, the vault, the report, preflight and the
//   stores, as (English, Japanese) pairs looked up by a key, one table per
//   area in messages_<area>.cc; i18n_test checks that every key has both;
// - each vendor adapter's words about its own objects (findings, notes,
//   change descriptions, check details): `Text` pairs the adapter builds
//   with their values, in its own folder and nowhere else — the shared
//   wording and most CDN lines in <vendor>_text.{h,cc}, ESS's change lines
//   in ess_changes.cc, other findings and notes beside the code that
//   decides them (adapters/<vendor>/README.md lists the files);
// - errors: a Status carries its own Japanese (Status::message_ja) from
//   where it is made; status_coverage_test checks src/ and adapters/.
// Japanese wording follows the provider's maintenance notice
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
