#include "src/log/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <set>

#include "src/core/secret.h"
#include "src/core/time.h"

namespace renumber {
namespace {

std::mutex g_secrets_mu;
std::set<std::string>& Secrets() {
  static auto* s = new std::set<std::string>;
  return *s;
}

class ScrubbingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ScrubbingSink(bool json, std::string* capture)
      : json_(json), capture_(capture) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text =
        ScrubSecrets(std::string_view(msg.payload.data(), msg.payload.size()));
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
        msg.time.time_since_epoch());
    std::string when = Timestamp::FromUnixMicros(us.count()).ToRfc3339();
    std::string level(spdlog::level::to_string_view(msg.level).data(),
                      spdlog::level::to_string_view(msg.level).size());
    std::string line;
    if (json_) {
      line = "{\"time\":\"" + when + "\",\"level\":\"" + level +
             "\",\"msg\":\"" + JsonEscape(text) + "\"}\n";
    } else {
      line = when + " " + level + " " + text + "\n";
    }
    if (capture_) {
      *capture_ += line;
    } else {
      std::fwrite(line.data(), 1, line.size(), stderr);
    }
  }
  void flush_() override {
    if (!capture_) std::fflush(stderr);
  }

 private:
  bool json_;
  std::string* capture_;
};

}  // namespace

Status InitLoggingTo(const std::string& level, const std::string& format,
                     std::string* sink) {
  if (format != "text" && format != "json")
    return Status::InvalidArgument(
        "--log-format must be text or json, not '" + format + "'",
        "--log-format には text か json を指定してください（'" + format +
            "' は指定できません）");
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off")
    return Status::InvalidArgument(
        "--log-level must be one of trace, debug, info, warn, error, off; "
        "not '" +
            level + "'",
        "--log-level には trace、debug、info、warn、error、off のいずれかを"
        "指定してください（'" +
            level + "' は指定できません）");
  auto s = std::make_shared<ScrubbingSink>(format == "json", sink);
  auto logger = std::make_shared<spdlog::logger>("renumber", s);
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  return Status::Ok();
}

Status InitLogging(const std::string& level, const std::string& format) {
  return InitLoggingTo(level, format, nullptr);
}

void AddScrubbedSecret(const std::string& value) {
  if (value.size() < 4) return;  // too short to scrub without mangling text
  std::string escaped = JsonEscape(value);
  std::lock_guard<std::mutex> l(g_secrets_mu);
  Secrets().insert(value);
  // As it appears inside a JSON string (a vendor echoing it in an error).
  if (escaped != value) Secrets().insert(escaped);
}

std::string ScrubSecrets(std::string_view text) {
  std::string out(text);
  std::lock_guard<std::mutex> l(g_secrets_mu);
  for (const auto& secret : Secrets()) {
    size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), kRedacted);
      pos += std::char_traits<char>::length(kRedacted);
    }
  }
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace renumber
