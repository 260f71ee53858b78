// The plan CSV (--plan): any bytes must give rows or an error, never a
// crash; every row it accepts has a valid customer id and distinct
// canonical addresses.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/engine/plan_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool family : {false, true}) {
    auto rows = renumber::ParsePlanCsv(text, "fuzz.csv", {family});
    if (!rows.ok()) continue;
    for (const renumber::PlanRow& r : *rows) {
      const renumber::Target& t = r.target;
      if (!renumber::ValidateCustomerId(t.account.customer).ok()) std::abort();
      if (t.old_ip == t.new_ip) std::abort();
      if (renumber::IpAddress::Parse(t.old_ip.ToString())->ToString() !=
          t.old_ip.ToString())
        std::abort();
    }
  }
  return 0;
}
