#include "adapters/cdn/cdn_write.h"

namespace renumber::cdn {
namespace {

constexpr int kWriteAttempts = 4;
constexpr std::chrono::milliseconds kRepeatWait{250};  // times the attempt

}  // namespace

Result<nlohmann::json> WriteConfirmed(CdnClient* client,
                                      const std::string& method,
                                      const std::string& path, const Form& form,
                                      const ReadBack& applied,
                                      const std::set<int>& read_back_on,
                                      RetryMode mode) {
  Status last;
  for (int attempt = 1; attempt <= kWriteAttempts; ++attempt) {
    WriteReply r = client->Write(method, path, form, mode);
    if (r.kind == WriteReply::Kind::kOk) return r.body;
    const bool rejected = r.kind == WriteReply::Kind::kRejected;
    if (rejected && !read_back_on.count(r.status)) return r.error;
    RN_ASSIGN_OR_RETURN(bool done, applied());
    if (done) return nlohmann::json{{"read_back", true}};
    if (rejected) return r.error;
    last = r.error;
    // Not applied: the transport already retried what it may; wait a
    // little longer each time before repeating (a 5xx storm passes).
    if (client->clock() && attempt < kWriteAttempts)
      client->clock()->SleepFor(kRepeatWait * attempt);
  }
  return Status(last.code(),
                last.message() + " (read back: not applied; " +
                    std::to_string(kWriteAttempts) + " attempts)",
                last.Message(true) + "（読み戻しの結果、反映されていません。" +
                    std::to_string(kWriteAttempts) + " 回試行）");
}

}  // namespace renumber::cdn
