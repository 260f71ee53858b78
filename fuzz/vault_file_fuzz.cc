// The vault file's header (read before any key exists) and the decrypted
// body's JSON (read after the tag checked: our own writing, or a newer
// version's).
#include <cstdint>
#include <string>

#include "src/core/secret.h"
#include "src/vault/entry.h"
#include "src/vault/vault_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto header = renumber::vault::ParseHeader(bytes);
  if (header.ok()) (void)renumber::vault::CheckKdfCaps(header->kdf);
  // With a fixed key: the tag fails unless the input was sealed under it.
  static const renumber::Secret kKey(std::string(32, '\x42'));
  (void)renumber::vault::OpenFile(bytes, kKey);
  auto body = renumber::vault::DecodeBody(renumber::Secret(bytes));
  if (body.ok()) (void)renumber::vault::EncodeBody(*body);
  return 0;
}
