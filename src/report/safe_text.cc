#include "src/report/safe_text.h"

#include <algorithm>
#include <cstdio>

namespace renumber {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i] and its code point, or 0
// when the bytes there are not one (bad lead, bad continuation, overlong,
// surrogate, beyond U+10FFFF, cut short).
size_t Decode(std::string_view s, size_t i, char32_t* cp) {
  const auto at = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  const unsigned b0 = at(0);
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    *cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    *cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    *cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned b = at(k);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
    *cp = (*cp << 6) | (b & 0x3F);
  }
  return len;
}

bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string Escape(char32_t cp) {
  char buf[16];
  switch (cp) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
  }
  if (cp < 0x80)
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
  else
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

std::string SafeText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F)
        out += Escape(c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t len = Decode(s, i, &cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (cp <= 0x9F || IsBidiControl(cp))  // C1 controls, bidi overrides
      out += Escape(cp);
    else
      out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  for (char c : SafeText(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  for (char c : SafeText(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':  // with ']' no link can start, so '(' may stay
      case ']':
      case '#':
      case '|':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownFence(std::string_view block) {
  size_t longest = 0, run = 0;
  for (char c : block) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

}  // namespace renumber
