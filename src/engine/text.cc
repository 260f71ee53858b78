#include "src/engine/text.h"

#include "src/i18n/messages.h"

#include <cstdlib>

namespace renumber {

std::string PadColumns(const std::string& s, size_t width) {
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    cols += len >= 3 ? 2 : 1;
    i += len;
  }
  return cols >= width ? s + " " : s + std::string(width - cols, ' ');
}

Text Word(std::string_view group, const std::string& name) {
  const std::string key = "word." + std::string(group) + "." + name;
  if (!FindMessage(key)) return {name, name};
  return {Tr(Lang::kEn, key), Tr(Lang::kJa, key)};
}

std::string WordIn(std::string_view group, const std::string& name, Lang lang) {
  return Pick(Word(group, name), lang);
}

std::string RelativeText(Timestamp t, Timestamp now, Lang lang) {
  const int64_t secs = (t - now).count() / 1000000;
  const int64_t abs = std::llabs(secs);
  std::string span;
  if (abs < 60) {
    return Tr(lang, "time.now");
  } else if (abs < 3600) {
    span = Tr(lang, "time.minutes", abs / 60);
  } else if (abs < 2 * 86400) {
    span = abs / 60 % 60
               ? Tr(lang, "time.hours_minutes", abs / 3600, abs / 60 % 60)
               : Tr(lang, "time.hours", abs / 3600);
  } else {
    span = Tr(lang, "time.days", abs / 86400);
  }
  return Tr(lang, secs > 0 ? "time.in" : "time.ago", span);
}

std::string WhenText(Timestamp t, int offset_minutes, Timestamp now,
                     Lang lang) {
  const std::string relative = RelativeText(t, now, lang);
  return t.ToRfc3339(offset_minutes) +
         (lang == Lang::kJa ? "（" + relative + "）" : " (" + relative + ")");
}

}  // namespace renumber
