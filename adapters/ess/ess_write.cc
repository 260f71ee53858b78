#include "adapters/ess/ess_write.h"

#include "adapters/read_back.h"

namespace renumber {
namespace ess {
namespace {

// Adds to an error what a reader must know when an earlier write of this
// Apply got no usable answer.
Status WithUncertainty(const Status& s, const Progress& p,
                       const Status& last_unknown) {
  if (!p.uncertain || p.committed) return s;
  return Status(
      s.code(),
      s.message() +
          " (an earlier write got no answer: " + last_unknown.message() +
          "; its effect may be present: read the account back)",
      s.Message(true) + "（先の書き込みに応答がありませんでした: " +
          last_unknown.Message(true) +
          "。反映されている可能性があるため、アカウントを読み直してください）");
}

}  // namespace

Step Step::Done(nlohmann::json result) {
  Step s;
  s.done = true;
  s.result = std::move(result);
  return s;
}

Step Step::Post(std::string path, nlohmann::json body) {
  Step s;
  s.path = std::move(path);
  s.body = std::move(body);
  return s;
}

Step Step::Check(std::string path) {
  Step s;
  s.path = std::move(path);
  s.if_match = false;
  s.is_check = true;
  return s;
}

Result<ApplyOutcome> RunWriteLoop(EssClient* client, const ReadFn& read,
                                  const DecideFn& decide) {
  Progress p;
  int stale = 0;
  int unknown = 0;
  Status last_unknown;
  for (int round = 0; round < kMaxRounds; ++round) {
    auto etag = read();
    if (!etag.ok()) return WithUncertainty(etag.status(), p, last_unknown);
    auto step = decide(p);
    if (!step.ok()) return WithUncertainty(step.status(), p, last_unknown);
    if (step->done) {
      ApplyOutcome out;
      out.wrote = p.wrote();
      out.writes = p.posts;
      out.result = std::move(step->result);
      return out;
    }
    if (unknown >= kMaxUnknown) return NotAppliedError(last_unknown, unknown);
    if (step->if_match && etag->empty())
      return Status::Internal(client->CallName("POST", step->path) +
                                  ": no ETag known for the collection",
                              client->CallName("POST", step->path) +
                                  ": 一覧の ETag が分かりません（内部エラー）");
    PostReply reply =
        client->Post(step->path, step->body, step->if_match ? *etag : "");
    ++p.posts;
    if (step->is_check) ++p.checks;
    switch (reply.kind) {
      case PostReply::Kind::kOk:
        if (!step->is_check) p.committed = true;
        break;
      case PostReply::Kind::kStale:
        if (++stale > kMaxStale) {
          return WithUncertainty(
              Status::Conflict(
                  reply.error.message() + " (" + std::to_string(stale) +
                      " times in a row: the collection keeps changing; gave "
                      "up)",
                  reply.error.Message(true) + "（" + std::to_string(stale) +
                      " 回続けて一覧が変更されたため、中止しました）"),
              p, last_unknown);
        }
        break;
      case PostReply::Kind::kUnknown:
        if (!step->is_check) p.uncertain = true;
        ++unknown;
        last_unknown = reply.error;
        break;
      case PostReply::Kind::kRefused:
        if (reply.code == "DUPLICATE") break;  // the read shows the route
        if (reply.code == "CHECK_REQUIRED" && p.check_required++ == 0) break;
        return WithUncertainty(reply.error, p, last_unknown);
    }
  }
  return WithUncertainty(
      Status::Internal(client->account() + ": gave up after " +
                           std::to_string(kMaxRounds) +
                           " read-decide-write rounds",
                       client->account() + ": 読み取り・判断・書き込みを " +
                           std::to_string(kMaxRounds) +
                           " 回繰り返しても終わらないため、中止しました"),
      p, last_unknown);
}

}  // namespace ess
}  // namespace renumber
