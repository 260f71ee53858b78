#include "adapters/short_list.h"

#include <algorithm>

namespace renumber {

std::string ShortList(const std::vector<std::string>& items, size_t named) {
  std::vector<std::string> seen;
  for (const std::string& item : items)
    if (std::find(seen.begin(), seen.end(), item) == seen.end())
      seen.push_back(item);
  std::string list;
  for (size_t i = 0; i < seen.size() && i < named; ++i)
    list += (i ? ", " : "") + seen[i];
  if (seen.size() > named) list += ", +" + std::to_string(seen.size() - named);
  return list.empty() ? "-" : list;
}

}  // namespace renumber
