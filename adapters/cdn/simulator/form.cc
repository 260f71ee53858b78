#include "adapters/cdn/simulator/form.h"

#include <climits>
#include <cstdint>

namespace renumber::cdnsim {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsUtf8(const std::string& s) {
  static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int n = 0;
    if (c >= 0x80) {
      if ((c >> 5) == 6)
        n = 1;
      else if ((c >> 4) == 14)
        n = 2;
      else if ((c >> 3) == 30)
        n = 3;
      else
        return false;
    }
    if (i + n >= s.size()) return false;
    uint32_t cp = n == 0 ? c : c & (0x3f >> n);
    for (int k = 1; k <= n; ++k) {
      unsigned char cc = s[i + k];
      if ((cc >> 6) != 2) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

Result<std::string> FormDecode(std::string_view text) {
  return PercentDecode(text, true);
}

Result<std::string> PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_as_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        return Status::InvalidArgument("malformed percent-escape in form");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

Result<Form> ParseForm(std::string_view body) {
  Form form;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string_view key = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos
                                   ? std::string_view()
                                   : pair.substr(eq + 1);
      RN_ASSIGN_OR_RETURN(std::string k, FormDecode(key));
      RN_ASSIGN_OR_RETURN(std::string v, FormDecode(value));
      if (!IsUtf8(k) || !IsUtf8(v))
        return Status::InvalidArgument("form field is not valid UTF-8");
      form[std::move(k)] = std::move(v);
    }
    start = end + 1;
  }
  return form;
}

Result<bool> ParseFormBool(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return Status::InvalidArgument("not a boolean (true, false, 1 or 0)");
}

Result<int> ParseFormInt(std::string_view text) {
  size_t i = 0;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) i = 1;
  if (i == text.size()) return Status::InvalidArgument("not an integer");
  long long value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9')
      return Status::InvalidArgument("not an integer");
    value = value * 10 + (text[i] - '0');
    if (value > INT_MAX) return Status::InvalidArgument("integer too large");
  }
  return static_cast<int>(negative ? -value : value);
}

}  // namespace renumber::cdnsim
