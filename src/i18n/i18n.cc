#include "src/i18n/i18n.h"

#include <cstdlib>

#include "src/i18n/messages.h"

namespace renumber {

bool HasJapanese(std::string_view text) {
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xF0) != 0xE0) continue;
    const unsigned cp = (c & 0x0Fu) << 12 |
                        (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6 |
                        (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    if ((cp >= 0x3040 && cp <= 0x30FF) ||  // hiragana, katakana
        (cp >= 0x4E00 && cp <= 0x9FFF) ||  // kanji
        (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
        (cp >= 0xFF00 && cp <= 0xFFEF))    // full-width forms
      return true;
  }
  return false;
}

Result<Lang> ParseLang(std::string_view text) {
  if (text == "en") return Lang::kEn;
  if (text == "ja") return Lang::kJa;
  return Status::InvalidArgument(
      "--lang must be en or ja, not '" + std::string(text) + "'",
      "--lang には en か ja を指定してください（'" + std::string(text) +
          "' は指定できません）");
}

Lang LangFromEnvironment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v)
      return std::string_view(v).substr(0, 2) == "ja" ? Lang::kJa : Lang::kEn;
  }
  return Lang::kEn;
}

std::string_view MessageFormat(std::string_view key, Lang lang) {
  const MessageEntry* e = FindMessage(key);
  if (!e) return key;
  return lang == Lang::kJa ? e->ja : e->en;
}

std::vector<std::string> MessageKeys() {
  std::vector<std::string> keys;
  for (const MessageEntry& e : AllMessages()) keys.emplace_back(e.key);
  return keys;
}

}  // namespace renumber
