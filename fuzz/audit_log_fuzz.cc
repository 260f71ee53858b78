// The vault's audit log: verified against a key and an anchor taken from
// the input, printed (parsed for the table) and anchored.
#include <cstdint>
#include <string>

#include "src/vault/audit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  static const renumber::vault::AuditKeys kKeys = {
      {1, renumber::Secret(std::string(32, '\x42'))},
      {5, renumber::Secret(std::string(32, '\x17'))}};
  const renumber::vault::AuditAnchor anchor =
      renumber::vault::AnchorOf(text.substr(0, text.size() / 2));
  (void)renumber::vault::VerifyAuditLog(text, kKeys, std::nullopt);
  (void)renumber::vault::VerifyAuditLog(text, kKeys, anchor);
  (void)renumber::vault::CheckAuditAnchor(text, anchor);
  (void)renumber::vault::ParseAuditLog(text);
  return 0;
}
