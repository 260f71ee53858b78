// A short list for one line of a finding: the distinct items in the order
// first seen, at most `named` of them, the rest counted ("a, b, +3"); "-"
// when there are none. Both adapters name the servers a `missing` account
// does use this way (ESS delivery servers, CDN origin servers).
//
// Pure function; thread-safe.
#ifndef RENUMBER_ADAPTERS_SHORT_LIST_H_
#define RENUMBER_ADAPTERS_SHORT_LIST_H_

#include <cstddef>
#include <string>
#include <vector>

namespace renumber {

std::string ShortList(const std::vector<std::string>& items, size_t named = 5);

}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_SHORT_LIST_H_
