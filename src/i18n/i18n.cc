#include "src/i18n/i18n.h"

#include <cstdlib>

#include "src/i18n/messages.h"

namespace renumber {

Result<Lang> ParseLang(std::string_view text) {
  if (text == "en") return Lang::kEn;
  if (text == "ja") return Lang::kJa;
  return Status::InvalidArgument("--lang must be en or ja, not '" +
                                 std::string(text) + "'");
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
