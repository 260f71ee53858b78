// The checks of GET .../validate and of activation (docs/cdn-contract.md
// "Calls", the rules under the table; that activation checks too is our choice
// where the contract is silent, README.md).
//
// A version is invalid when it has no backend, two backends share a name, a
// backend names a healthcheck or request condition that does not exist, or
// a director names a backend that does not exist. (The request-condition
// rule is ours: Fastly's VCL would not compile either; see README.md.)
// Returns one English sentence per problem, in a stable order; empty when
// the version is valid. Pure function; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_VALIDATE_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_VALIDATE_H_

#include <string>
#include <vector>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

std::vector<std::string> ValidateVersion(const Version& version);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_VALIDATE_H_
