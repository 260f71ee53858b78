#include "adapters/vendor_client.h"

#include <gtest/gtest.h>

#include "src/http/fake_transport.h"
#include "src/http/pacing.h"

namespace renumber {
namespace {

constexpr char kKey[] = "key-SECRET-4711";

// A dialect like the vendors': {"code","message"} errors, "ok": true bodies.
class TestClient : public VendorClient {
 public:
  explicit TestClient(HttpTransport* t)
      : VendorClient(t, "http://127.0.0.1:9/", "C-1/test", "TEST", "X-Key",
                     Secret(kKey)) {}
  using VendorClient::ErrorFromResponse;
  using VendorClient::NewRequest;
  using VendorClient::SendWrite;

 protected:
  std::string ErrorWords(const nlohmann::json& body) const override {
    if (!body.is_object()) return "";
    return body.value("code", "") + ": " + body.value("message", "");
  }
  std::string ErrorCode(const nlohmann::json& body) const override {
    return body.is_object() ? body.value("code", "") : "";
  }
  bool IsSuccessBody(const nlohmann::json& body) const override {
    return body.is_object() && body.value("ok", false);
  }
};

class VendorClientTest : public ::testing::Test {
 protected:
  VendorReply Write(int status, const std::string& body) {
    fake_.PushResponse(status, body);
    return client_.SendWrite(client_.NewRequest("POST", "/v1/x"));
  }
  FakeTransport fake_;
  TestClient client_{&fake_};
};

TEST(CodeForVendorStatusTest, EveryStatusClass) {
  EXPECT_EQ(CodeForVendorStatus(400), Code::kConflict);
  EXPECT_EQ(CodeForVendorStatus(401), Code::kUnauthorized);
  EXPECT_EQ(CodeForVendorStatus(403), Code::kForbidden);
  EXPECT_EQ(CodeForVendorStatus(404), Code::kNotFound);
  EXPECT_EQ(CodeForVendorStatus(409), Code::kConflict);
  EXPECT_EQ(CodeForVendorStatus(422), Code::kConflict);
  EXPECT_EQ(CodeForVendorStatus(429), Code::kRateLimited);
  EXPECT_EQ(CodeForVendorStatus(500), Code::kUnavailable);
  EXPECT_EQ(CodeForVendorStatus(503), Code::kUnavailable);
  EXPECT_EQ(CodeForVendorStatus(418), Code::kInternal);
  EXPECT_EQ(CodeForVendorStatus(428), Code::kInternal);
}

// A 412 is a race with another editor, answered by re-reading: never the
// code the engine turns into a safety refusal.
TEST(CodeForVendorStatusTest, A412IsARaceNotASafetyRefusal) {
  EXPECT_EQ(CodeForVendorStatus(412), Code::kConflict);
  EXPECT_NE(CodeForVendorStatus(412), Code::kPreconditionFailed);
}

TEST_F(VendorClientTest, RequestCarriesTheCredentialAndAcceptsJson) {
  HttpRequest r = client_.NewRequest("GET", "/v1/routes");
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url, "http://127.0.0.1:9/v1/routes");
  EXPECT_EQ(r.headers.GetOr("X-Key", ""), kKey);
  EXPECT_EQ(r.headers.GetOr("Accept", ""), "application/json");
  EXPECT_EQ(client_.CallName("POST", "/v1/x"), "C-1/test: POST /v1/x");
}

TEST_F(VendorClientTest, ErrorNamesAccountCallStatusAndVendorWords) {
  HttpResponse r;
  r.status = 409;
  r.body = R"({"code":"DUPLICATE","message":"exists"})";
  Status s = client_.ErrorFromResponse("POST /v1/x", r);
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(s.message(), "C-1/test: POST /v1/x: 409 DUPLICATE: exists");
  EXPECT_NE(s.Message(true).find("C-1/test: POST /v1/x: "), std::string::npos);
  EXPECT_NE(s.Message(true).find("DUPLICATE: exists"), std::string::npos)
      << s.Message(true);
}

TEST_F(VendorClientTest, ABodyWithoutTheErrorShapeIsExcerptedOnOneLine) {
  HttpResponse r;
  r.status = 502;
  r.body = "<html>\nbad\tgateway</html>";
  Status s = client_.ErrorFromResponse("GET /v1/x", r);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(s.message(), "C-1/test: GET /v1/x: 502 <html> bad gateway</html>");
  r.body = "";
  EXPECT_EQ(client_.ErrorFromResponse("GET /v1/x", r).message(),
            "C-1/test: GET /v1/x: 502");
}

// The key echoed right where the 300-byte cut falls: scrubbed before the
// cut, so no first bytes of it survive, in English or Japanese.
TEST_F(VendorClientTest, VendorWordsAreScrubbedBeforeTheyAreCut) {
  HttpResponse r;
  r.status = 400;
  r.body =
      nlohmann::json{{"code", "E"}, {"message", std::string(294, 'y') + kKey}}
          .dump();
  Status s = client_.ErrorFromResponse("POST /v1/x", r);
  for (const std::string& m : {s.message(), s.Message(true)}) {
    EXPECT_NE(m.find("yyyy"), std::string::npos) << m;
    EXPECT_EQ(m.find("yk"), std::string::npos) << "part of the key: " << m;
    EXPECT_EQ(m.find(kKey), std::string::npos) << m;
  }
  EXPECT_EQ(VendorExcerpt(std::string("a ") + kKey + " b", 300),
            "a ‹redacted› b");
}

TEST_F(VendorClientTest, WritesAreSortedByWhatTheCallerMustDoNext) {
  VendorReply ok = Write(200, R"({"ok":true,"id":7})");
  EXPECT_EQ(ok.kind, VendorReply::Kind::kOk);
  EXPECT_EQ(ok.body["id"], 7);

  VendorReply stale = Write(412, R"({"code":"OPTIMISTIC_LOCK","message":"m"})");
  EXPECT_EQ(stale.kind, VendorReply::Kind::kStale);
  EXPECT_EQ(stale.code, "OPTIMISTIC_LOCK");
  EXPECT_EQ(stale.error.code(), Code::kConflict);

  VendorReply refused = Write(409, R"({"code":"DUPLICATE","message":"m"})");
  EXPECT_EQ(refused.kind, VendorReply::Kind::kRefused);
  EXPECT_EQ(refused.http_status, 409);
  EXPECT_EQ(refused.code, "DUPLICATE");

  EXPECT_EQ(Write(503, "").kind, VendorReply::Kind::kUnknown);

  VendorReply unreadable = Write(200, R"({"ok":tr)");
  EXPECT_EQ(unreadable.kind, VendorReply::Kind::kUnknown);
  EXPECT_EQ(unreadable.error.code(), Code::kInternal);
  EXPECT_NE(unreadable.error.message().find(
                "C-1/test: POST /v1/x: 200 with a body that is not JSON"),
            std::string::npos)
      << unreadable.error.message();
  VendorReply not_success = Write(200, R"({"ok":false})");
  EXPECT_EQ(not_success.kind, VendorReply::Kind::kUnknown);
  EXPECT_NE(not_success.error.message().find("200 with an unreadable body"),
            std::string::npos);

  VendorReply redirect = Write(302, "");
  EXPECT_EQ(redirect.kind, VendorReply::Kind::kRefused);
  EXPECT_EQ(redirect.error.code(), Code::kForbidden);
}

TEST_F(VendorClientTest, TransportFailuresAreUnknownUnlessNeverSent) {
  fake_.Push(Status::Timeout("timed out"));
  VendorReply timeout = client_.SendWrite(client_.NewRequest("POST", "/v1/x"));
  EXPECT_EQ(timeout.kind, VendorReply::Kind::kUnknown);
  EXPECT_TRUE(timeout.sent);
  EXPECT_EQ(timeout.error.code(), Code::kTimeout);
  EXPECT_EQ(timeout.error.message().rfind("C-1/test: POST /v1/x", 0), 0u)
      << timeout.error.message();

  fake_.Push(Status::InvalidArgument("bad url"));
  VendorReply bad = client_.SendWrite(client_.NewRequest("POST", "/v1/x"));
  EXPECT_EQ(bad.kind, VendorReply::Kind::kRefused);
  EXPECT_FALSE(bad.sent);

  fake_.Push(Status(Code::kRateLimited, "429 after retries"));
  VendorReply limited = client_.SendWrite(client_.NewRequest("POST", "/v1/x"));
  EXPECT_EQ(limited.kind, VendorReply::Kind::kRefused);
  EXPECT_TRUE(limited.sent);
}

TEST_F(VendorClientTest, ErrorQuotingTheVendorIsScrubbed) {
  Status s =
      client_.Error(Code::kInternal, "GET /v1/x", std::string("echo ") + kKey);
  EXPECT_EQ(s.message().find(kKey), std::string::npos) << s.message();
  EXPECT_NE(s.Message(true).find("TEST から想定外の応答がありました"),
            std::string::npos)
      << s.Message(true);
  EXPECT_EQ(s.Message(true).find(kKey), std::string::npos);
}

}  // namespace
}  // namespace renumber
