#include "adapters/read_back.h"

#include <string>

namespace renumber {

Result<nlohmann::json> WriteReadingBack(const SendWrite& send,
                                        const EffectPresent& present,
                                        const std::set<int>& read_back_on,
                                        const ReadBackPolicy& policy) {
  Status last;
  for (int attempt = 1; attempt <= policy.max_sends; ++attempt) {
    VendorReply r = send();
    if (r.kind == VendorReply::Kind::kOk) return r.body;
    const bool refused = r.kind != VendorReply::Kind::kUnknown;
    if (refused && !read_back_on.count(r.http_status)) return r.error;
    RN_ASSIGN_OR_RETURN(bool done, present());
    if (done) return nlohmann::json{{"read_back", true}};
    if (refused) return r.error;
    last = r.error;
    // Not applied: the transport already retried what it may; wait a
    // little longer each time before repeating (a 5xx storm passes).
    if (policy.clock && attempt < policy.max_sends)
      policy.clock->SleepFor(policy.wait * attempt);
  }
  return NotAppliedError(last, policy.max_sends);
}

Status NotAppliedError(const Status& last, int sends) {
  const std::string n = std::to_string(sends);
  return Status(last.code(),
                last.message() + " (read back: not applied; " + n +
                    " writes without an answer; gave up)",
                last.Message(true) + "（読み戻しの結果、反映されていません。" +
                    n + " 回書き込み、応答がありませんでした。中止しました）");
}

}  // namespace renumber
