#include "src/http/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "src/core/secret.h"

namespace renumber {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string R = kRedacted;

TEST(IsSensitiveNameTest, KnownHeaders) {
  for (const char* n : {"Authorization", "authorization", "Proxy-Authorization",
                        "Fastly-Key", "FASTLY-KEY", "Cookie", "Set-Cookie"})
    EXPECT_TRUE(IsSensitiveName(n)) << n;
}

TEST(IsSensitiveNameTest, WordParts) {
  for (const char* n :
       {"password",     "Password",    "new_password", "userPassword",
        "passwd",       "passphrase",  "token",        "access_token",
        "X-Auth-Token", "accessToken", "secret",       "client-secret",
        "clientSecret", "key",         "api_key",      "apiKey",
        "X-Api-Key",    "APIKey",      "apikey",       "private_keys"})
    EXPECT_TRUE(IsSensitiveName(n)) << n;
}

TEST(IsSensitiveNameTest, OrdinaryNames) {
  for (const char* n :
       {"Content-Type", "Accept", "user", "username", "host", "address",
        "priority", "keyboard", "Fastly-RateLimit-Remaining", "If-Match",
        "WWW-Authenticate", "domain", "id", ""})
    EXPECT_FALSE(IsSensitiveName(n)) << n;
}

TEST(RedactHeadersTest, ReplacesSensitiveValuesKeepsOthers) {
  Headers h{{"Authorization", "Basic dXNlcjpodW50ZXIy"},
            {"fastly-key", "fk-0123456789"},
            {"Content-Type", "application/json"},
            {"X-Api-Key", "k1"},
            {"Location", "https://u:pw1@host/next?token=t1&a=b"}};
  Headers r = RedactHeaders(h);
  ASSERT_EQ(r.items().size(), 5u);
  EXPECT_EQ(r.Get("Authorization"), R);
  EXPECT_EQ(r.Get("Fastly-Key"), R);
  EXPECT_EQ(r.Get("X-Api-Key"), R);
  EXPECT_EQ(r.Get("Content-Type"), "application/json");
  EXPECT_EQ(r.Get("Location"),
            "https://u:" + R + "@host/next?token=" + R + "&a=b");
  EXPECT_EQ(r.items()[1].first, "fastly-key");  // names and order kept
}

TEST(RedactBodyTest, JsonRecursively) {
  std::string body =
      R"({"user":"alice","password":"hunter2","nested":{"apiKey":123,)"
      R"("list":[{"token":{"a":"deep"}},{"ok":"visible"}]},"n":1})";
  std::string r = RedactBody(body);
  EXPECT_THAT(r, Not(HasSubstr("hunter2")));
  EXPECT_THAT(r, Not(HasSubstr("123")));
  EXPECT_THAT(r, Not(HasSubstr("deep")));
  EXPECT_THAT(r, HasSubstr("\"password\":\"" + R + "\""));
  EXPECT_THAT(r, HasSubstr("\"apiKey\":\"" + R + "\""));
  EXPECT_THAT(r, HasSubstr("\"token\":\"" + R + "\""));
  EXPECT_THAT(r, HasSubstr("\"user\":\"alice\""));
  EXPECT_THAT(r, HasSubstr("\"ok\":\"visible\""));
}

TEST(RedactBodyTest, JsonWithoutSecretsIsUnchangedByteForByte) {
  std::string body = "{ \"name\" : \"example.jp\",\n  \"ips\": [1, 2] }";
  EXPECT_EQ(RedactBody(body), body);
  EXPECT_EQ(RedactBody("[1,2,3]"), "[1,2,3]");
}

TEST(RedactBodyTest, TruncatedJsonBestEffort) {
  std::string body = R"({"user":"bob", "password" : "s3cr3t-pw", "x":[1,)";
  std::string r = RedactBody(body);
  EXPECT_THAT(r, Not(HasSubstr("s3cr3t-pw")));
  EXPECT_THAT(r, HasSubstr("\"user\":\"bob\""));
  // Cut inside the secret value itself.
  EXPECT_THAT(RedactBody(R"({"token":"abcdef)"), Not(HasSubstr("abcdef")));
  // A sensitive key holding an object, unterminated.
  EXPECT_THAT(RedactBody(R"({"secret":{"v":"inner-secret","w":[)"),
              Not(HasSubstr("inner-secret")));
  // Escaped quotes inside the secret.
  EXPECT_THAT(RedactBody(R"({"password":"a\"b-secret-tail", "x":)"),
              Not(HasSubstr("secret-tail")));
}

TEST(RedactBodyTest, FormBody) {
  EXPECT_EQ(RedactBody("user=alice&password=hunter2&x=1"),
            "user=alice&password=" + R + "&x=1");
  EXPECT_EQ(RedactBody("api%5Fkey=abc&a="), "api%5Fkey=" + R + "&a=");
  EXPECT_EQ(RedactBody("a=1&&token=t"), "a=1&&token=" + R);
}

TEST(RedactBodyTest, OtherTextUnchanged) {
  for (const char* text : {"", "   ", "plain text with password=not-a-form",
                           "<html>x</html>", "a=1 b=2", "just words"})
    EXPECT_EQ(RedactBody(text), text);
}

TEST(RedactUrlTest, UserinfoAndQuery) {
  EXPECT_EQ(
      RedactUrl("https://user:pw@host:8443/p?a=1&api_key=K&b=2#frag"),
      "https://user:" + R + "@host:8443/p?a=1&api_key=" + R + "&b=2#frag");
  EXPECT_EQ(RedactUrl("https://host/cb#access_token=T&state=s"),
            "https://host/cb#access_token=" + R + "&state=s");
  EXPECT_EQ(RedactUrl("https://host/p?flag&Token=x"),
            "https://host/p?flag&Token=" + R);
}

TEST(RedactUrlTest, UnchangedWithoutSecrets) {
  for (const char* url :
       {"https://api.example/v1/domains/example.jp?page=2",
        "http://127.0.0.1:18025", "https://user@host/path",
        "https://host/a@b/c", "/relative/path?x=1", "not a url"})
    EXPECT_EQ(RedactUrl(url), url);
}

TEST(RedactUrlTest, RelativeWithQuery) {
  EXPECT_EQ(RedactUrl("/login?password=p"), "/login?password=" + R);
}

TEST(DumpTest, RequestIsRedactedEverywhere) {
  HttpRequest req;
  req.method = "POST";
  req.url = "https://u:url-pass@api.example/v1/x?secret=q-secret";
  req.headers = {{"Authorization", "Basic auth-secret"},
                 {"Fastly-Key", "fastly-secret"},
                 {"Accept", "application/json"}};
  req.body = R"({"password":"body-secret","name":"n1"})";
  std::string dump = DumpRequest(req);
  for (const char* s :
       {"url-pass", "q-secret", "auth-secret", "fastly-secret", "body-secret"})
    EXPECT_THAT(dump, Not(HasSubstr(s)));
  EXPECT_THAT(dump, HasSubstr("> POST https://u:" + R + "@api.example/v1/x"));
  EXPECT_THAT(dump, HasSubstr("> Accept: application/json\n"));
  EXPECT_THAT(dump, HasSubstr("> Authorization: " + R + "\n"));
  EXPECT_THAT(dump, HasSubstr("\"name\":\"n1\""));
}

TEST(DumpTest, ResponseIsRedactedAndLongBodiesCut) {
  HttpResponse resp;
  resp.status = 201;
  resp.headers = {{"Set-Cookie", "session=cookie-secret"}};
  resp.body = "{\"token\":\"resp-secret\",\"pad\":\"" +
              std::string(2 * kDumpBodyLimit, 'x') + "\"}";
  std::string dump = DumpResponse(resp);
  EXPECT_THAT(dump, HasSubstr("< HTTP 201\n"));
  EXPECT_THAT(dump, Not(HasSubstr("cookie-secret")));
  EXPECT_THAT(dump, Not(HasSubstr("resp-secret")));
  EXPECT_LT(dump.size(), kDumpBodyLimit + 200);
  EXPECT_THAT(dump, HasSubstr("bytes in all)"));
}

std::string Nested(size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

// The redaction of a trace dump parsed a vendor's body and walked it
// recursively: 200,000 levels overflowed the stack (SIGSEGV in the test
// binary on the old code). Deep text is scanned as text instead, and a
// sensitive field in it is still redacted.
TEST(JsonDepthTest, RedactionSurvivesDeepNesting) {
  const std::string body =
      "{\"api_key\": \"k-deep-77\", \"x\": " + Nested(200000) + "}";
  std::string out = RedactBody(body);
  EXPECT_EQ(out.find("k-deep-77"), std::string::npos);
  EXPECT_EQ(out.size(), body.size() - std::string("k-deep-77").size() +
                            std::string("‹redacted›").size());
  HttpResponse r;
  r.status = 200;
  r.body = "[{\"password\": \"pw-deep-88\"}, " + Nested(200000) + "]";
  std::string dump = DumpResponse(r);
  EXPECT_EQ(dump.find("pw-deep-88"), std::string::npos);
}

}  // namespace
}  // namespace renumber
