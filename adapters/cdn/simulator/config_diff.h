// GET /service/{sid}/diff/from/{a}/to/{b}: the difference between two
// versions' generated configuration, as the real service answers with
// format=text — every line of the configuration (a YAML-like listing of
// each object and field, in a stable order), prefixed with " " (same),
// "-" (only in `from`) or "+" (only in `to`).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFIG_DIFF_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFIG_DIFF_H_

#include <string>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

// The listing of one version (without its number or lock state).
std::string ConfigText(const Version& version);
// Line diff of two texts (longest common subsequence).
std::string LineDiff(const std::string& from, const std::string& to);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFIG_DIFF_H_
