#include "adapters/cdn/simulator/config_diff.h"

#include <algorithm>
#include <vector>

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

std::string Scalar(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    return s.empty() ? "''" : s;
  }
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "- name: x\n  field: value\n" for each object of a list.
void List(const char* key, const json& items, std::string* out) {
  if (items.empty()) {
    *out += std::string(key) + ": []\n";
    return;
  }
  *out += std::string(key) + ":\n";
  for (const json& item : items) {
    bool first = true;
    // name first, then the other fields in key order.
    if (item.contains("name")) {
      *out += "- name: " + Scalar(item["name"]) + "\n";
      first = false;
    }
    for (const auto& [k, v] : item.items()) {
      if (k == "name") continue;
      std::string value = v.is_array() ? v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : Scalar(v);
      if (v.is_string() && v.get<std::string>().find('\n') != std::string::npos)
        value = json(v.get<std::string>()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      *out += (first ? "- " : "  ") + k + ": " + value + "\n";
      first = false;
    }
  }
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename T>
json States(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace

std::string ConfigText(const Version& v) {
  std::string out;
  List("backends", States(v.backends), &out);
  out += "comment: " + Scalar(json(v.comment)) + "\n";
  List("conditions", States(v.conditions), &out);
  List("directors", States(v.directors), &out);
  List("domains", States(v.domains), &out);
  List("healthchecks", States(v.healthchecks), &out);
  List("pools", States(v.pools), &out);
  List("snippets", States(v.snippets), &out);
  List("vcls", States(v.vcls), &out);
  return out;
}

std::string LineDiff(const std::string& from, const std::string& to) {
  const std::vector<std::string> a = Lines(from), b = Lines(to);
  const size_t n = a.size(), m = b.size();
  // lcs[i][j]: common lines of a[i..] and b[j..].
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out += " " + a[i++] + "\n";
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "-" + a[i++] + "\n";  // removals before additions
    } else {
      out += "+" + b[j++] + "\n";
    }
  }
  return out;
}

}  // namespace renumber::cdnsim
