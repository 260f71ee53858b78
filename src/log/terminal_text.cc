#include "src/log/terminal_text.h"

#include "src/log/scrubber.h"

namespace renumber {
namespace {

void AppendHex(std::string* out, const char* prefix, unsigned value,
               int digits) {
  static const char kHex[] = "0123456789abcdef";
  *out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
    *out += kHex[(value >> shift) & 15];
}

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
size_t Utf8Length(std::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  size_t len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  unsigned cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string EscapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
        AppendHex(&out, "\\x", c, 2);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = Utf8Length(text, i);
    if (len == 0) {
      AppendHex(&out, "\\x", c, 2);
      ++i;
    } else if (len == 2 && c == 0xC2 &&
               static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      AppendHex(&out, "\\u", 0x80 + (text[i + 1] & 0x3F), 4);  // C1
      i += 2;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  return out;
}

std::string ForHumans(std::string_view text) {
  return ScrubSecrets(EscapeForTerminal(ScrubSecrets(text)));
}

void PrintForHumans(std::FILE* to, std::string_view text) {
  const std::string safe = ForHumans(text);
  std::fwrite(safe.data(), 1, safe.size(), to);
  std::fflush(to);
}

}  // namespace renumber
