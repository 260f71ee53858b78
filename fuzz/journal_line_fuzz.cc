// The campaign journal (our own file, but read back after crashes and by
// `status`): each line decoded as it is, and again with a valid checksum
// in front (so mutations get past the CRC into the JSON), then summarised.
#include <cstdint>
#include <cstdio>
#include <string>

#include "src/engine/journal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<nlohmann::json> records;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = text.substr(start, nl - start);
    auto rec = renumber::DecodeJournalLine(line);
    if (rec.ok()) records.push_back(std::move(*rec));
    char crc[16];
    std::snprintf(crc, sizeof crc, "%08x",
                  renumber::Crc32c(line.data(), line.size()));
    rec = renumber::DecodeJournalLine(std::string(crc) + " " + line);
    if (rec.ok()) records.push_back(std::move(*rec));
    start = nl + 1;
  }
  // A line that decodes must encode back to something that decodes.
  for (const nlohmann::json& r : records)
    (void)renumber::DecodeJournalLine(renumber::EncodeJournalLine(r));
  for (renumber::Phase p :
       {renumber::Phase::kPrepare, renumber::Phase::kCutover})
    (void)renumber::PhaseHistory(
        records, renumber::AccountKey{"C-10001", renumber::Service("ess")}, p);
  return 0;
}
