#include "adapters/ess/simulator/ess_wire.h"

#include <cctype>

#include "src/core/ip.h"
#include "src/core/json_depth.h"

namespace renumber::ess_sim {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

bool IsHostName(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  int labels = 0;
  std::string last;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    if (dot == std::string::npos) dot = s.size();
    std::string label = s.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' ||
        label.back() == '-')
      return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
        return false;
    }
    ++labels;
    last = label;
    start = dot + 1;
    if (dot == s.size()) break;
  }
  bool numeric_tld = true;
  for (char c : last)
    numeric_tld &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  return labels >= 2 && !numeric_tld;
}

std::string Unquote(std::string s) {
  if (s.rfind("W/", 0) == 0) s = s.substr(2);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
    s = s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

ServerResponse Success(int status, nlohmann::json body,
                       const std::string& etag) {
  nlohmann::json out = {{"status", "SUCCESS"}};
  for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = *it;
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", kJson);
  if (!etag.empty()) r.headers.Set("ETag", etag);
  r.body = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ServerResponse Failure(int status, const std::string& code,
                       const std::string& message) {
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", kJson);
  r.body =
      nlohmann::json{
          {"status", "FAILURE"}, {"code", code}, {"message", message}}
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

std::optional<nlohmann::json> ParseObject(const std::string& body) {
  bool blank = true;
  for (char c : body) blank &= std::isspace(static_cast<unsigned char>(c)) != 0;
  if (blank) return nlohmann::json::object();
  // A client's JSON, bounded like every JSON from outside (json_depth.h).
  auto j = ParseBoundedJson(body);
  if (!j.ok() || !j->is_object()) return std::nullopt;
  return std::move(*j);
}

std::optional<std::string> NormalizeRouteAddress(const std::string& text) {
  auto ip = IpAddress::Parse(text);
  if (ip.ok()) return ip->ToString();
  if (text.find(':') != std::string::npos) return std::nullopt;
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (!IsHostName(lower)) return std::nullopt;
  return lower;
}

std::optional<std::string> NormalizeOutboundAddress(const std::string& text) {
  if (text.find('/') != std::string::npos) {
    auto cidr = Cidr::Parse(text);
    if (!cidr.ok()) return std::nullopt;
    return cidr->ToString();
  }
  auto ip = IpAddress::Parse(text);
  if (!ip.ok()) return std::nullopt;
  return ip->ToString();
}

bool SameAddress(const std::string& a, const std::string& b) {
  auto ia = IpAddress::Parse(a);
  auto ib = IpAddress::Parse(b);
  if (ia.ok() && ib.ok()) return *ia == *ib;
  return a == b;
}

bool IsDeletionReason(const std::string& reason) {
  for (const char* r : {"CustomerRequest", "InvalidMailServer", "OfficeClosure",
                        "CompromisedMailServer", "ServerMigration"}) {
    if (reason == r) return true;
  }
  return false;
}

DeletionBody ParseDeletion(const nlohmann::json& body) {
  DeletionBody d;
  auto field = [&](const char* key, std::string* out) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    *out = it->get<std::string>();
    return true;
  };
  std::string ticket;
  if (!field("reason", &d.reason) || !field("note", &d.note) ||
      !field("ticket", &ticket)) {
    d.error = Failure(400, "INVALID_ARGUMENT",
                      "reason, note and ticket must be strings");
    return d;
  }
  if (d.reason.empty() || d.note.empty()) {
    d.error =
        Failure(400, "REASON_REQUIRED", "a deletion needs a reason and a note");
    return d;
  }
  if (!IsDeletionReason(d.reason)) {
    d.error = Failure(400, "INVALID_ARGUMENT",
                      "reason must be one of CustomerRequest, "
                      "InvalidMailServer, OfficeClosure, "
                      "CompromisedMailServer, ServerMigration");
    return d;
  }
  if (body.contains("ticket") && !body["ticket"].is_null()) d.ticket = ticket;
  return d;
}

bool EtagMatches(const std::string& if_match, const std::string& etag) {
  std::string m = if_match;
  while (!m.empty() && m.back() == ' ') m.pop_back();
  while (!m.empty() && m.front() == ' ') m.erase(m.begin());
  if (m.empty() || m == "*") return false;
  return Unquote(m) == Unquote(etag);
}

}  // namespace renumber::ess_sim
