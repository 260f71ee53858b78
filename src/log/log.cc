#include "src/log/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>

#include "src/core/time.h"
#include "src/log/terminal_text.h"

namespace renumber {
namespace {

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
      line = when + " " + level + " " + EscapeForTerminal(text) + "\n";
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
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  // C1 controls arrive as C2 80 .. C2 9F.
  for (size_t i = 0; (i = out.find('\xC2', i)) != std::string::npos;) {
    unsigned char next =
        i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    if (next >= 0x80 && next < 0xA0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", next);
      out.replace(i, 2, buf);
      i += 6;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace renumber
