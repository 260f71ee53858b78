#include "src/sim/faults.h"

#include <utility>

namespace renumber {
namespace {

const char* const kSpecNames[] = {"drop",          "error", "customer_change",
                                  "lost_response", "slow",  "malformed"};

nlohmann::json SpecToJson(const FaultSpec& s) {
  return {{"rate", s.rate},
          {"next", s.next},
          {"match", s.match},
          {"writes_only", s.writes_only}};
}

Status CheckKeys(const nlohmann::json& j, const std::string& where,
                 std::initializer_list<const char*> allowed) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : allowed) known = known || it.key() == k;
    if (!known)
      return Status::InvalidArgument(
          where + ": unknown key \"" + it.key() + "\"",
          where + ": 不明な項目 \"" + it.key() + "\" があります");
  }
  return Status::Ok();
}

Result<int> IntIn(const nlohmann::json& j, const char* key, int lo, int hi,
                  int dflt, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) return dflt;
  if (!it->is_number_integer() || it->get<int64_t>() < lo ||
      it->get<int64_t>() > hi)
    return Status::InvalidArgument(
        where + "." + key + ": an integer " + std::to_string(lo) + "-" +
            std::to_string(hi),
        where + "." + key + ": " + std::to_string(lo) + "〜" +
            std::to_string(hi) + " の整数で指定してください");
  return it->get<int>();
}

Result<FaultSpec> SpecFromJson(const nlohmann::json& j,
                               const std::string& where) {
  if (!j.is_object())
    return Status::InvalidArgument(where + ": an object",
                                   where + ": オブジェクトで指定してください");
  RN_RETURN_IF_ERROR(
      CheckKeys(j, where, {"rate", "next", "match", "writes_only"}));
  FaultSpec s;
  if (auto it = j.find("rate"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      return Status::InvalidArgument(
          where + ".rate: a number 0-1",
          where + ".rate: 0〜1 の数で指定してください");
    s.rate = it->get<double>();
  }
  RN_ASSIGN_OR_RETURN(s.next, IntIn(j, "next", 0, 1000000, 0, where));
  if (auto it = j.find("match"); it != j.end()) {
    if (!it->is_string())
      return Status::InvalidArgument(
          where + ".match: a string",
          where + ".match: 文字列で指定してください");
    s.match = it->get<std::string>();
  }
  if (auto it = j.find("writes_only"); it != j.end()) {
    if (!it->is_boolean())
      return Status::InvalidArgument(
          where + ".writes_only: true or false",
          where + ".writes_only: true か false で指定してください");
    s.writes_only = it->get<bool>();
  }
  return s;
}

FaultSpec* SpecOf(FaultConfig& c, FaultKind kind) {
  switch (kind) {
    case FaultKind::kDrop:
      return &c.drop;
    case FaultKind::kError:
      return &c.error;
    case FaultKind::kCustomerChange:
      return &c.customer_change;
    case FaultKind::kLostResponse:
      return &c.lost_response;
    case FaultKind::kSlow:
      return &c.slow;
    case FaultKind::kMalformed:
      return &c.malformed;
  }
  return &c.drop;
}

}  // namespace

const char* FaultKindName(FaultKind kind) {
  return kSpecNames[static_cast<int>(kind)];
}

bool IsWriteMethod(const std::string& method) {
  return method != "GET" && method != "HEAD";
}

nlohmann::json FaultConfigToJson(const FaultConfig& c) {
  FaultConfig copy = c;
  nlohmann::json j = {{"latency_ms", c.latency_ms},
                      {"jitter_ms", c.jitter_ms},
                      {"error_status", c.error_status},
                      {"slow_ms", c.slow_ms},
                      {"seed", c.seed}};
  for (int k = 0; k <= static_cast<int>(FaultKind::kMalformed); ++k) {
    j[kSpecNames[k]] = SpecToJson(*SpecOf(copy, static_cast<FaultKind>(k)));
  }
  return j;
}

Result<FaultConfig> FaultConfigFromJson(const nlohmann::json& j) {
  if (!j.is_object())
    return Status::InvalidArgument(
        "faults: must be a JSON object",
        "faults: JSON オブジェクトで指定してください");
  RN_RETURN_IF_ERROR(CheckKeys(
      j, "faults",
      {"latency_ms", "jitter_ms", "error_status", "slow_ms", "seed", "drop",
       "error", "customer_change", "lost_response", "slow", "malformed"}));
  FaultConfig c;
  RN_ASSIGN_OR_RETURN(c.latency_ms,
                      IntIn(j, "latency_ms", 0, 600000, 0, "faults"));
  RN_ASSIGN_OR_RETURN(c.jitter_ms,
                      IntIn(j, "jitter_ms", 0, 600000, 0, "faults"));
  RN_ASSIGN_OR_RETURN(c.error_status,
                      IntIn(j, "error_status", 500, 599, 503, "faults"));
  RN_ASSIGN_OR_RETURN(c.slow_ms, IntIn(j, "slow_ms", 0, 600000, 0, "faults"));
  if (auto it = j.find("seed"); it != j.end()) {
    if (!it->is_number_unsigned())
      return Status::InvalidArgument(
          "faults.seed: a non-negative integer",
          "faults.seed: 0 以上の整数で指定してください");
    c.seed = it->get<uint64_t>();
  }
  for (int k = 0; k <= static_cast<int>(FaultKind::kMalformed); ++k) {
    auto it = j.find(kSpecNames[k]);
    if (it == j.end()) continue;
    RN_ASSIGN_OR_RETURN(
        *SpecOf(c, static_cast<FaultKind>(k)),
        SpecFromJson(*it, std::string("faults.") + kSpecNames[k]));
  }
  return c;
}

FaultInjector::FaultInjector(const FaultConfig& config) { Set(config); }

void FaultInjector::Set(const FaultConfig& config) {
  std::lock_guard<std::mutex> l(mu_);
  config_ = config;
  rng_ = std::make_unique<FakeRandom>(config.seed);
}

FaultConfig FaultInjector::config() const {
  std::lock_guard<std::mutex> l(mu_);
  return config_;
}

bool FaultInjector::Fires(FaultKind kind, const std::string& method,
                          const std::string& target) {
  std::lock_guard<std::mutex> l(mu_);
  FaultSpec* spec = SpecOf(config_, kind);
  if (spec->next <= 0 && spec->rate <= 0) return false;
  bool writes_only = spec->writes_only || kind == FaultKind::kCustomerChange ||
                     kind == FaultKind::kLostResponse;
  if (writes_only && !IsWriteMethod(method)) return false;
  if (!spec->match.empty() && target.find(spec->match) == std::string::npos)
    return false;
  if (spec->next > 0) {
    --spec->next;
    return true;
  }
  return rng_->UnitDouble() < spec->rate;
}

std::chrono::milliseconds FaultInjector::Latency() {
  std::lock_guard<std::mutex> l(mu_);
  int ms = config_.latency_ms;
  if (config_.jitter_ms > 0)
    ms += static_cast<int>(rng_->Uniform(config_.jitter_ms + 1));
  return std::chrono::milliseconds(ms);
}

}  // namespace renumber
