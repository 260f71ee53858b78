#include "src/report/report_words.h"

#include <cstdio>

#include "src/i18n/messages.h"

namespace renumber {

std::string Shown(Lang lang, const std::string& kind,
                  const std::string& value) {
  if (value.empty()) return "-";
  const std::string key = "creport." + kind + "." + value;
  return FindMessage(key) ? Tr(lang, key) : value;
}

std::string OffsetLabel(int offset_minutes) {
  if (offset_minutes == 0) return "UTC";
  const int abs = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d",
                offset_minutes < 0 ? '-' : '+', abs / 60, abs % 60);
  return buf;
}

std::string ReportTime(const std::string& rfc3339, int offset_minutes) {
  if (rfc3339.empty()) return "-";
  auto t = Timestamp::ParseRfc3339(rfc3339);
  if (!t.ok()) return rfc3339;
  Timestamp whole = Timestamp::FromUnixSeconds(t->unix_seconds());
  const std::string s = whole.ToRfc3339(offset_minutes);
  return s.substr(0, 10) + " " + s.substr(11, 5);  // 2026-12-10 06:00
}

}  // namespace renumber
