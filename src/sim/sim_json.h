// JSON mechanics both vendor simulators use for their answers and their
// state files: an optional string is the string or null. What each field
// is called and means comes from each simulator's own reading of its
// contract, never from here.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_SIM_SIM_JSON_H_
#define RENUMBER_SIM_SIM_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace renumber::sim {

inline nlohmann::json OptionalJson(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

// `j[key]`: nullopt when absent or null; throws nlohmann::json::exception
// when it is neither null nor a string.
inline std::optional<std::string> OptionalAt(const nlohmann::json& j,
                                             const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace renumber::sim

#endif  // RENUMBER_SIM_SIM_JSON_H_
