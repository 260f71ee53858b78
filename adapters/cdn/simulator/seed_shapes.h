// Internal to the seeder: the six service shapes of seed.h, as the active
// configuration plus its version history. See README.md "Seeded shapes".
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_

#include <string>
#include <vector>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

struct SiteInfo {
  std::string domain;    // "c10004.example.jp"
  std::string old_ip;    // the customer's old server IP
  std::string other_ip;  // an unrelated origin of the same family
};

// One seeded service before it gets an id and owner.
struct ServiceDraft {
  std::string name;
  Version config;      // the active configuration
  int versions = 1;    // how many versions exist
  int active = 1;      // which is active
  bool draft = false;  // append an unlocked work-in-progress version
};

// The services of shape `shape` (0..5) for one site.
std::vector<ServiceDraft> ShapeServices(int shape, const SiteInfo& site);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_SEED_SHAPES_H_
