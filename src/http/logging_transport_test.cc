#include "src/http/logging_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "src/core/secret.h"
#include "src/http/fake_transport.h"
#include "src/log/log.h"

namespace renumber {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class LoggingTransportTest : public ::testing::Test {
 protected:
  void Init(const std::string& level) {
    ASSERT_TRUE(InitLoggingTo(level, "text", &log_).ok());
  }
  // Back to stderr: the default logger must not outlive `log_`.
  void TearDown() override { (void)InitLogging("warn", "text"); }

  HttpRequest SecretRequest() {
    HttpRequest r;
    r.method = "POST";
    r.url = "https://admin:url-pass-1@api.example/v1/login?api_key=q-key-2&p=1";
    r.headers = {{"Authorization", "Basic YWRtaW46aHVudGVyMg=="},
                 {"Fastly-Key", "fk-live-3"},
                 {"Content-Type", "application/json"}};
    r.body =
        R"({"user":"admin","password":"pw-body-4","opts":{"token":"t-5"}})";
    return r;
  }
  void ExpectNoSecret() {
    for (const char* s : {"url-pass-1", "q-key-2", "YWRtaW46aHVudGVyMg",
                          "fk-live-3", "pw-body-4", "t-5", "sess-6", "r-7"})
      EXPECT_THAT(log_, Not(HasSubstr(s)));
  }

  std::string log_;
  FakeTransport fake_;
  FakeClock clock_;
};

TEST_F(LoggingTransportTest, TraceLogsRedactedDumpsAndNoSecret) {
  Init("trace");
  fake_.SetHandler([this](const HttpRequest&) -> Result<HttpResponse> {
    clock_.Advance(std::chrono::milliseconds(37));
    return HttpResponse{200,
                        {{"Set-Cookie", "session=sess-6"}},
                        R"({"refresh_token":"r-7","id":"u1"})"};
  });
  auto logging = NewLoggingTransport(&fake_, &clock_);
  auto r = logging->Send(SecretRequest());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, R"({"refresh_token":"r-7","id":"u1"})");  // untouched
  ASSERT_EQ(fake_.request_count(), 1u);
  EXPECT_EQ(fake_.requests()[0].headers.Get("Fastly-Key"), "fk-live-3");
  ExpectNoSecret();
  EXPECT_THAT(log_,
              HasSubstr("http: POST https://admin:" + std::string(kRedacted) +
                        "@api.example/v1/login?api_key="));
  EXPECT_THAT(log_, HasSubstr("-> 200 (37 ms)"));
  EXPECT_THAT(log_, HasSubstr("> Fastly-Key: " + std::string(kRedacted)));
  EXPECT_THAT(log_, HasSubstr("\"user\":\"admin\""));  // the dump is there
  EXPECT_THAT(log_, HasSubstr("\"id\":\"u1\""));
}

TEST_F(LoggingTransportTest, DebugLogsOneLineWithoutBodies) {
  Init("debug");
  fake_.PushResponse(404, R"({"error":"nope"})");
  auto logging = NewLoggingTransport(&fake_, &clock_);
  ASSERT_EQ(logging->Send(SecretRequest())->status, 404);
  ExpectNoSecret();
  EXPECT_THAT(log_, HasSubstr("-> 404 (0 ms)"));
  EXPECT_THAT(log_, Not(HasSubstr("nope")));
  EXPECT_THAT(log_, Not(HasSubstr("admin\"")));
}

TEST_F(LoggingTransportTest, ErrorsAreLoggedWithTheirCode) {
  Init("debug");
  fake_.Push(Status::Timeout("no answer within 100 ms"));
  auto logging = NewLoggingTransport(&fake_, &clock_);
  auto r = logging->Send(SecretRequest());
  EXPECT_EQ(r.status().code(), Code::kTimeout);
  ExpectNoSecret();
  EXPECT_THAT(log_, HasSubstr("timeout: no answer within 100 ms"));
}

TEST_F(LoggingTransportTest, InfoLevelLogsNothing) {
  Init("info");
  fake_.PushResponse(200);
  auto logging = NewLoggingTransport(&fake_, &clock_);
  ASSERT_TRUE(logging->Send(SecretRequest()).ok());
  EXPECT_EQ(log_, "");
}

}  // namespace
}  // namespace renumber
