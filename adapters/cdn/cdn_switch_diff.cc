#include "adapters/cdn/cdn_switch_diff.h"

#include <cctype>
#include <map>
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

bool CarriesComment(const std::string& line,
                    const std::vector<std::string>& comments) {
  for (const std::string& c : comments)
    if (!c.empty() && line.find(c) != std::string::npos) return true;
  return false;
}

}  // namespace

bool DiffMovesOnlyAddresses(const std::string& diff, const std::string& old_ip,
                            const std::string& new_ip,
                            const std::vector<std::string>& comments) {
  if (old_ip.empty() || new_ip.empty() || old_ip == new_ip) return false;
  std::map<std::string, int> balance;  // removed +1, added (as old) -1
  bool removed_old = false, added_new = false;
  bool begun = false;  // "---"/"+++" are headers only before the first hunk
  std::istringstream in(diff);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!begun && (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0))
      continue;
    begun = true;
    if (line.rfind("@@", 0) == 0) continue;
    if (line.empty() || (line[0] != '-' && line[0] != '+')) continue;
    const std::string text = line.substr(1);
    if (CarriesComment(text, comments)) continue;
    if (line[0] == '-') {
      removed_old = removed_old || !WholeAddresses(text, old_ip).empty();
      ++balance[text];
    } else {
      added_new = added_new || !WholeAddresses(text, new_ip).empty();
      --balance[NewReadAsOld(text, old_ip, new_ip)];
    }
  }
  if (!removed_old || !added_new) return false;
  for (const auto& [text, n] : balance)
    if (n != 0) return false;
  return true;
}

}  // namespace renumber::cdn
