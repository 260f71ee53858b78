#include "src/http/redact.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

#include "src/core/json_depth.h"
#include "src/core/secret.h"

namespace renumber {
namespace {

using nlohmann::json;

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)); }
bool IsLowerOrDigit(char c) {
  return std::islower(static_cast<unsigned char>(c)) ||
         std::isdigit(static_cast<unsigned char>(c));
}

// "X-Api-Key" -> {x, api, key}; "apiKey" -> {api, key}; "APIKey" -> {apikey}.
std::vector<std::string> WordParts(const std::string& name) {
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary =
        !IsAlnum(c) || (IsUpper(c) && i > 0 && IsLowerOrDigit(name[i - 1]));
    if (boundary && !cur.empty()) parts.push_back(std::move(cur)), cur.clear();
    if (IsAlnum(c)) cur += Lower(c);
  }
  if (!cur.empty()) parts.push_back(std::move(cur));
  return parts;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsSensitivePart(const std::string& part) {
  for (const char* word :
       {"password", "passwd", "passphrase", "token", "secret"})
    if (part.find(word) != std::string::npos) return true;
  return EndsWith(part, "key") || EndsWith(part, "keys");
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// a=1&password=x -> a=1&password=‹redacted›. Pieces without '=' are kept.
std::string RedactParams(const std::string& params) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t amp = params.find('&', start);
    std::string piece = params.substr(
        start, amp == std::string::npos ? std::string::npos : amp - start);
    size_t eq = piece.find('=');
    if (eq != std::string::npos &&
        IsSensitiveName(PercentDecode(piece.substr(0, eq))))
      piece = piece.substr(0, eq + 1) + kRedacted;
    out += piece;
    if (amp == std::string::npos) break;
    out += '&';
    start = amp + 1;
  }
  return out;
}

bool IsFormNameChar(char c) {
  return IsAlnum(c) ||
         std::string_view("._~%+-[]").find(c) != std::string_view::npos;
}

// name=value(&name=value)* with no whitespace: an urlencoded form body.
bool LooksLikeForm(const std::string& body) {
  if (body.find('=') == std::string::npos) return false;
  for (char c : body)
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    size_t end = amp == std::string::npos ? body.size() : amp;
    size_t eq = body.find('=', start);
    if (end > start) {  // empty pieces ("a=1&&b=2") are tolerated
      if (eq == std::string::npos || eq >= end || eq == start) return false;
      for (size_t i = start; i < eq; ++i)
        if (!IsFormNameChar(body[i])) return false;
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return true;
}

// The end of the JSON string starting at text[pos] == '"' (one past the
// closing quote, or text.size() when unterminated).
size_t SkipString(const std::string& text, size_t pos) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return text.size();
}

// The end of the JSON value starting at text[pos]: a string, a bracketed
// structure (string-aware), or a bare scalar up to , } ] or the end.
size_t SkipValue(const std::string& text, size_t pos) {
  if (pos >= text.size()) return pos;
  if (text[pos] == '"') return SkipString(text, pos);
  if (text[pos] == '{' || text[pos] == '[') {
    int depth = 0;
    for (size_t i = pos; i < text.size(); ++i) {
      if (text[i] == '"') {
        i = SkipString(text, i) - 1;
      } else if (text[i] == '{' || text[i] == '[') {
        ++depth;
      } else if ((text[i] == '}' || text[i] == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.size();
  }
  size_t end = text.find_first_of(",}]", pos);
  return end == std::string::npos ? text.size() : end;
}

// Best effort for text that starts like JSON but does not parse (truncated,
// or not quite JSON): every "name": value with a sensitive name has its
// value replaced.
std::string RedactMalformedJson(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '"') {
      out += text[i++];
      continue;
    }
    size_t end = SkipString(text, i);
    std::string name = text.substr(i + 1, end > i + 1 ? end - i - 2 : 0);
    out.append(text, i, end - i);
    i = end;
    size_t colon = text.find_first_not_of(" \t\r\n", i);
    if (colon == std::string::npos || text[colon] != ':' ||
        !IsSensitiveName(name))
      continue;
    size_t value = text.find_first_not_of(" \t\r\n", colon + 1);
    if (value == std::string::npos) value = text.size();
    out.append(text, i, value - i);
    out += std::string("\"") + kRedacted + "\"";
    i = SkipValue(text, value);
  }
  return out;
}

bool RedactJson(json& j) {
  bool changed = false;
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (IsSensitiveName(k)) {
        v = kRedacted;
        changed = true;
      } else {
        changed |= RedactJson(v);
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) changed |= RedactJson(v);
  }
  return changed;
}

}  // namespace

bool IsSensitiveName(const std::string& name) {
  for (const char* h : {"authorization", "proxy-authorization", "fastly-key",
                        "cookie", "set-cookie"})
    if (HeaderNameEquals(name, h)) return true;
  for (const auto& part : WordParts(name))
    if (IsSensitivePart(part)) return true;
  return false;
}

Headers RedactHeaders(const Headers& headers) {
  Headers out;
  for (const auto& [k, v] : headers.items()) {
    if (IsSensitiveName(k)) {
      out.Add(k, kRedacted);
    } else if (HeaderNameEquals(k, "Location") ||
               HeaderNameEquals(k, "Content-Location") ||
               HeaderNameEquals(k, "Referer")) {
      out.Add(k, RedactUrl(v));
    } else {
      out.Add(k, v);
    }
  }
  return out;
}

std::string RedactBody(const std::string& body) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return body;
  if (body[first] == '{' || body[first] == '[') {
    // Redacting a parsed document recurses once per level: text nested
    // deeper than the bound is scanned as text instead (no recursion).
    if (JsonNestsDeeperThan(body, kMaxJsonDepth))
      return RedactMalformedJson(body);
    json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return RedactMalformedJson(body);
    if (!RedactJson(j)) return body;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (LooksLikeForm(body)) return RedactParams(body);
  return body;
}

std::string RedactUrl(const std::string& url) {
  size_t pos = 0;
  std::string out;
  size_t scheme_end = url.find("://");
  if (scheme_end != std::string::npos) {
    size_t auth_start = scheme_end + 3;
    size_t auth_end = url.find_first_of("/?#", auth_start);
    if (auth_end == std::string::npos) auth_end = url.size();
    std::string authority = url.substr(auth_start, auth_end - auth_start);
    size_t at = authority.rfind('@');
    if (at != std::string::npos) {
      size_t colon = authority.find(':');
      if (colon != std::string::npos && colon < at)
        authority =
            authority.substr(0, colon + 1) + kRedacted + authority.substr(at);
    }
    out = url.substr(0, auth_start) + authority;
    pos = auth_end;
  }
  size_t q = url.find('?', pos);
  size_t hash = url.find('#', pos);
  if (q != std::string::npos && hash != std::string::npos && q > hash)
    q = std::string::npos;  // a '?' inside the fragment
  size_t path_end = std::min(q, hash);
  out += url.substr(
      pos, path_end == std::string::npos ? std::string::npos : path_end - pos);
  if (q != std::string::npos) {
    size_t qend = hash == std::string::npos ? url.size() : hash;
    out += '?' + RedactParams(url.substr(q + 1, qend - q - 1));
  }
  if (hash != std::string::npos)
    out += '#' + RedactParams(url.substr(hash + 1));
  return out;
}

namespace {

std::string DumpBody(const std::string& body) {
  if (body.empty()) return "";
  std::string text = RedactBody(body);
  if (text.size() <= kDumpBodyLimit) return text + "\n";
  size_t cut = kDumpBodyLimit;
  // Do not split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut) + "\n... (" + std::to_string(text.size()) +
         " bytes in all)\n";
}

std::string DumpHeaders(const Headers& headers, const char* prefix) {
  std::string out;
  const Headers redacted = RedactHeaders(headers);
  for (const auto& [k, v] : redacted.items())
    out += prefix + k + ": " + v + "\n";
  return out;
}

}  // namespace

std::string DumpRequest(const HttpRequest& request) {
  return "> " + request.method + " " + RedactUrl(request.url) + "\n" +
         DumpHeaders(request.headers, "> ") + ">\n" + DumpBody(request.body);
}

std::string DumpResponse(const HttpResponse& response) {
  return "< HTTP " + std::to_string(response.status) + "\n" +
         DumpHeaders(response.headers, "< ") + "<\n" + DumpBody(response.body);
}

}  // namespace renumber
