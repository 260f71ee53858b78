// Internal to the CDN simulator: the endpoint table of docs/cdn-contract.md
// ("Calls") and the matcher that maps a request to one of them.
//
// Contract: MatchRoute splits the raw (still percent-encoded) path on '/'
// and decodes each segment on its own, so a name holding "%2F" stays one
// segment; '+' in a path is a plus. It returns the route whose method and
// pattern match, filling `params` ({sid}, {v}, {name}, {dname}, {bname}), or
// null. Thread-safe (the table is immutable).
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTES_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTES_H_

#include <map>
#include <string>

#include "adapters/cdn/simulator/handlers.h"

namespace renumber::cdnsim {

struct Route {
  const char* method;
  const char* pattern;  // "/service/{sid}/version/{v}/clone"
  Handler handler;
  // "PUT /service/{sid}/version/{v}/clone", for SimCall::endpoint.
  std::string Endpoint() const;
};

const Route* MatchRoute(const std::string& method, const std::string& raw_path,
                        std::map<std::string, std::string>* params);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTES_H_
