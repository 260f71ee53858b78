#include "tests/browser/cdp_session.h"

#include <gtest/gtest.h>

#include <deque>
#include <functional>

namespace renumber {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// Answers each command from a script; an empty queue is a timeout (the
// deadline is not waited for: nothing more can come), or a closed pipe.
class FakePipe : public MessagePipe {
 public:
  std::function<std::vector<json>(const json& command)> respond;
  std::vector<json> sent;
  std::deque<std::string> incoming;
  bool closed = false;

  Status Send(const std::string& message) override {
    json command = json::parse(message);
    sent.push_back(command);
    if (respond)
      for (const json& m : respond(command)) incoming.push_back(m.dump());
    return Status::Ok();
  }
  Result<std::string> Receive(
      std::chrono::steady_clock::time_point) override {
    if (incoming.empty())
      return closed ? Status::Unavailable("closed")
                    : Status::Timeout("nothing came");
    std::string m = incoming.front();
    incoming.pop_front();
    return m;
  }
};

auto Soon() { return std::chrono::steady_clock::now() + 5s; }

TEST(CdpSessionTest, AnswersMatchTheirCommandsAndEventsAreKept) {
  FakePipe pipe;
  pipe.respond = [](const json& c) -> std::vector<json> {
    const int id = c["id"];
    return {{{"method", "Log.entryAdded"}, {"params", {{"n", id}}}},
            {{"id", id + 100}, {"result", {{"stray", true}}}},
            {{"id", id}, {"result", {{"echo", c["method"]}}}}};
  };
  CdpSession cdp(&pipe);
  auto a = cdp.Call("Page.enable", json::object(), "S1", Soon());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)["echo"], "Page.enable");
  EXPECT_EQ(pipe.sent[0]["sessionId"], "S1");
  auto b = cdp.Call("Runtime.enable", json::object(), "", Soon());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*b)["echo"], "Runtime.enable");
  EXPECT_FALSE(pipe.sent[1].contains("sessionId")) << "a browser command";
  EXPECT_NE(pipe.sent[0]["id"], pipe.sent[1]["id"]);
  ASSERT_EQ(cdp.events().size(), 2u);
  EXPECT_EQ(cdp.events()[1]["params"]["n"], pipe.sent[1]["id"]);
}

TEST(CdpSessionTest, ErrorsTimeoutsAndAClosedPipe) {
  FakePipe pipe;
  pipe.respond = [](const json& c) -> std::vector<json> {
    if (c["method"] == "Bad.method")
      return {{{"id", c["id"]},
               {"error", {{"code", -32601}, {"message", "'Bad.method' "
                                                        "wasn't found"}}}}};
    return {};
  };
  CdpSession cdp(&pipe);
  auto bad = cdp.Call("Bad.method", json::object(), "", Soon());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInternal);
  EXPECT_NE(bad.status().message().find("wasn't found"), std::string::npos);
  auto silent = cdp.Call("Page.enable", json::object(), "", Soon());
  EXPECT_EQ(silent.status().code(), Code::kTimeout);
  pipe.closed = true;
  EXPECT_EQ(cdp.Call("Page.enable", json::object(), "", Soon()).status().code(),
            Code::kUnavailable);
  pipe.incoming.push_back("not json");
  EXPECT_EQ(cdp.WaitForEvent("X", Soon()).status().code(), Code::kCorruption);
}

TEST(CdpSessionTest, WaitForEventFromAMark) {
  FakePipe pipe;
  pipe.incoming = {json{{"method", "Page.loadEventFired"},
                        {"params", {{"timestamp", 1}}}}
                       .dump()};
  CdpSession cdp(&pipe);
  auto first = cdp.WaitForEvent("Page.loadEventFired", Soon());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)["timestamp"], 1);
  const size_t mark = cdp.events().size();
  EXPECT_EQ(cdp.WaitForEvent("Page.loadEventFired", Soon(), mark)
                .status()
                .code(),
            Code::kTimeout)
      << "the earlier load does not count";
  pipe.incoming.push_back(json{{"method", "Page.frameNavigated"}}.dump());
  pipe.incoming.push_back(json{{"method", "Page.loadEventFired"},
                               {"params", {{"timestamp", 2}}}}
                              .dump());
  auto second = cdp.WaitForEvent("Page.loadEventFired", Soon(), mark);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)["timestamp"], 2);
}

TEST(CdpSessionTest, ConsoleErrorsAreErrorsOnly) {
  const json events = json::parse(R"([
    {"method": "Runtime.consoleAPICalled",
     "params": {"type": "log", "args": [{"value": "fine"}]}},
    {"method": "Runtime.consoleAPICalled",
     "params": {"type": "error", "args": [{"value": "boom"}]}},
    {"method": "Runtime.exceptionThrown",
     "params": {"exceptionDetails": {"text": "Uncaught",
                "exception": {"description": "TypeError: x"}}}},
    {"method": "Log.entryAdded",
     "params": {"entry": {"level": "error", "source": "security",
                "text": "Loading the image 'http://x/a.png' violates the Content Security Policy"}}},
    {"method": "Log.entryAdded",
     "params": {"entry": {"level": "warning", "text": "meh"}}}
  ])");
  auto errors = ConsoleErrors(events.get<std::vector<json>>());
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "console.error: \"boom\"");
  EXPECT_NE(errors[1].find("TypeError: x"), std::string::npos);
  EXPECT_NE(errors[2].find("Content Security Policy"), std::string::npos);
}

}  // namespace
}  // namespace renumber
