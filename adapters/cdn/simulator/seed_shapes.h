// Internal to the seeder: the eight service shapes of seed.h, as the active
// configuration plus its version history. See README.md "Seeded shapes".
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_

#include <map>
#include <string>
#include <vector>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

inline constexpr int kShapeCount = 8;

struct SiteInfo {
  std::string domain;    // "c10004.example.jp"
  std::string old_ip;    // the customer's old server IP
  std::string other_ip;  // an unrelated origin of the same family
  std::string key;       // a stable prefix for ids ("C-10004")
};

// One seeded service before it gets an id and owner.
struct ServiceDraft {
  std::string name;
  std::string type = "vcl";
  Version config;      // the active configuration
  int versions = 1;    // how many locked versions exist
  int active = 1;      // which of them is active
  bool draft = false;  // append an unlocked work-in-progress version
  int backend_limit = 5;
  std::map<std::string, std::vector<PoolServer>> pool_servers;
};

// The services of shape `shape` (0..kShapeCount-1) for one site.
std::vector<ServiceDraft> ShapeServices(int shape, const SiteInfo& site);

// "one", "director", ... (for messages and tests).
const char* ShapeName(int shape);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_
