#include "src/http/message.h"

#include <cctype>

namespace renumber {

bool HeaderNameEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

Headers::Headers(
    std::initializer_list<std::pair<std::string, std::string>> init)
    : items_(init) {}

void Headers::Set(const std::string& name, std::string value) {
  Remove(name);
  items_.emplace_back(name, std::move(value));
}

void Headers::Add(const std::string& name, std::string value) {
  items_.emplace_back(name, std::move(value));
}

std::optional<std::string> Headers::Get(const std::string& name) const {
  for (const auto& [k, v] : items_)
    if (HeaderNameEquals(k, name)) return v;
  return std::nullopt;
}

std::string Headers::GetOr(const std::string& name,
                           const std::string& dflt) const {
  auto v = Get(name);
  return v ? *v : dflt;
}

void Headers::Remove(const std::string& name) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (auto& kv : items_)
    if (!HeaderNameEquals(kv.first, name)) kept.push_back(std::move(kv));
  items_ = std::move(kept);
}

bool IsIdempotentMethod(const std::string& m) {
  return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" ||
         m == "OPTIONS";
}

std::string UrlEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace renumber
