#include "adapters/cdn/cdn_switch_diff.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>

namespace renumber::cdn {
namespace {

// A character that continues an address written next to it.
bool AddressChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == ':';
}

// The positions where `ip` stands as a whole address in `line`.
std::vector<size_t> WholeAddresses(const std::string& line,
                                   const std::string& ip) {
  std::vector<size_t> at;
  if (ip.empty()) return at;
  for (size_t p = line.find(ip); p != std::string::npos;
       p = line.find(ip, p + 1)) {
    const size_t end = p + ip.size();
    if ((p == 0 || !AddressChar(line[p - 1])) &&
        (end == line.size() || !AddressChar(line[end])))
      at.push_back(p);
  }
  return at;
}

std::string NewReadAsOld(std::string line, const std::string& old_ip,
                         const std::string& new_ip) {
  const std::vector<size_t> at = WholeAddresses(line, new_ip);
  for (auto it = at.rbegin(); it != at.rend(); ++it)
    line.replace(*it, new_ip.size(), old_ip);
  return line;
}

// The line that shows a version's comment: `comment: <text>` exactly (the
// text as is or JSON-quoted; an empty one as '' or ""). Nothing else is set
// aside: a configuration line that merely contains the text is compared.
bool IsCommentLine(const std::string& line,
                   const std::vector<std::string>& comments) {
  for (const std::string& c : comments) {
    std::vector<std::string> forms = {"comment: " + c,
                                      "comment: " + nlohmann::json(c).dump()};
    if (c.empty()) forms.insert(forms.end(), {"comment: ''", "comment:"});
    for (const std::string& f : forms)
      if (line == f) return true;
  }
  return false;
}

// One run of changed lines between two context lines: what it removed and
// what it added (the new IP read as the old), in order.
struct Block {
  std::vector<std::string> removed, added;
  bool Same() const { return removed == added; }
};

}  // namespace

bool DiffMovesOnlyAddresses(const std::string& diff, const std::string& old_ip,
                            const std::string& new_ip,
                            const std::vector<std::string>& comments) {
  if (old_ip.empty() || new_ip.empty() || old_ip == new_ip) return false;
  bool removed_old = false, added_new = false;
  bool begun = false;  // "---"/"+++" are headers only before the first hunk
  Block block;
  std::istringstream in(diff);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!begun && (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0))
      continue;
    begun = true;
    if (line.empty() || (line[0] != '-' && line[0] != '+')) {
      if (!block.Same()) return false;  // a context line ends a block
      block = Block();
      continue;
    }
    const std::string text = line.substr(1);
    if (IsCommentLine(text, comments)) continue;
    if (line[0] == '-') {
      removed_old = removed_old || !WholeAddresses(text, old_ip).empty();
      block.removed.push_back(text);
    } else {
      added_new = added_new || !WholeAddresses(text, new_ip).empty();
      block.added.push_back(NewReadAsOld(text, old_ip, new_ip));
    }
  }
  return block.Same() && removed_old && added_new;
}

}  // namespace renumber::cdn
