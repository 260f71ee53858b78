#include "adapters/cdn/cdn_write.h"

#include "adapters/read_back.h"

namespace renumber::cdn {

Result<nlohmann::json> WriteConfirmed(CdnClient* client,
                                      const std::string& method,
                                      const std::string& path, const Form& form,
                                      const ReadBack& applied,
                                      const std::set<int>& read_back_on,
                                      RetryMode mode) {
  ReadBackPolicy policy;  // 4 sends, 250/500/750 ms between them
  policy.clock = client->clock();
  return WriteReadingBack(
      [&] { return client->Write(method, path, form, mode); }, applied,
      read_back_on, policy);
}

}  // namespace renumber::cdn
