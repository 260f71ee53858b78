#include "tests/browser/cdp_session.h"

namespace renumber {

using json = nlohmann::json;

Status CdpSession::Pump(Deadline deadline) {
  RN_ASSIGN_OR_RETURN(std::string text, pipe_->Receive(deadline));
  json msg = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!msg.is_object())
    return Status::Corruption("DevTools sent something that is not a JSON "
                              "object: " + text.substr(0, 200));
  if (msg.contains("id"))
    answers_.push_back(std::move(msg));
  else if (msg.contains("method"))
    events_.push_back(std::move(msg));
  return Status::Ok();
}

Result<json> CdpSession::Call(const std::string& method, const json& params,
                              const std::string& session_id,
                              Deadline deadline) {
  const int id = next_id_++;
  json msg = {{"id", id}, {"method", method}, {"params", params}};
  if (!session_id.empty()) msg["sessionId"] = session_id;
  RN_RETURN_IF_ERROR(pipe_->Send(msg.dump()));
  for (;;) {
    for (auto it = answers_.begin(); it != answers_.end(); ++it) {
      if (!(*it)["id"].is_number_integer() || (*it)["id"].get<int>() != id)
        continue;
      json answer = std::move(*it);
      answers_.erase(it);
      if (answer.contains("error"))
        return Status::Internal(method + ": " +
                                answer["error"].value("message", "error"));
      return answer.value("result", json::object());
    }
    Status s = Pump(deadline);
    if (!s.ok()) return s.Annotate(method);
  }
}

Result<json> CdpSession::WaitForEvent(const std::string& method,
                                      Deadline deadline, size_t from) {
  for (size_t seen = from;;) {
    for (; seen < events_.size(); ++seen)
      if (events_[seen].value("method", "") == method)
        return events_[seen].value("params", json::object());
    Status s = Pump(deadline);
    if (!s.ok()) return s.Annotate("waiting for " + method);
  }
}

std::vector<std::string> ConsoleErrors(const std::vector<json>& events) {
  std::vector<std::string> out;
  for (const json& e : events) {
    const std::string method = e.value("method", "");
    const json p = e.value("params", json::object());
    if (method == "Runtime.consoleAPICalled") {
      const std::string type = p.value("type", "");
      if (type != "error" && type != "assert") continue;
      std::string text = "console." + type + ":";
      for (const json& arg : p.value("args", json::array()))
        text += " " + (arg.contains("value") ? arg["value"].dump()
                                             : arg.value("description", "?"));
      out.push_back(text);
    } else if (method == "Runtime.exceptionThrown") {
      const json d = p.value("exceptionDetails", json::object());
      out.push_back("exception: " + d.value("text", "") + " " +
                    d.value("exception", json::object())
                        .value("description", ""));
    } else if (method == "Log.entryAdded") {
      const json entry = p.value("entry", json::object());
      if (entry.value("level", "") != "error") continue;
      out.push_back("log (" + entry.value("source", "") +
                    "): " + entry.value("text", "") + " " +
                    entry.value("url", ""));
    }
  }
  return out;
}

}  // namespace renumber
