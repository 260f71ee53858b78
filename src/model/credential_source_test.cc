#include "src/model/credential_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <sstream>

#include "src/log/log.h"

namespace renumber {
namespace {

const char* kGood = R"({"version": 1, "accounts": [
  {"customer": "C-1", "service": "ess", "api_base": "https://ess.example.net",
   "username": "u", "password": "pw-1234-secret"},
  {"customer": "C-1", "service": "cdn", "api_base": "https://api.fastly.com",
   "api_token": "tok-5678-secret", "ca_file": "/tmp/ca.pem"}]})";

TEST(CredentialsFileTest, ParsesBothServices) {
  auto creds = ParseCredentialsJson(kGood, "creds.json");
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  ASSERT_EQ(creds->size(), 2u);
  EXPECT_EQ((*creds)[0].account.ToString(), "C-1/ess");
  EXPECT_EQ((*creds)[0].secret("password").reveal(), "pw-1234-secret");
  EXPECT_EQ((*creds)[1].secret("api_token").reveal(), "tok-5678-secret");
  EXPECT_EQ((*creds)[1].ca_file, "/tmp/ca.pem");
  // Loaded secrets are scrubbed from logs from now on.
  EXPECT_EQ(ScrubSecrets("x tok-5678-secret y").find("tok-5678"),
            std::string::npos);
}

TEST(CredentialsFileTest, ErrorsNameTheEntryNotTheSecret) {
  const char* missing = R"({"version": 1, "accounts": [
    {"customer": "C-2", "service": "ess", "api_base": "https://e",
     "password": "pw-should-not-appear"}]})";
  auto r = ParseCredentialsJson(missing, "creds.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("accounts[0]"), std::string::npos);
  EXPECT_NE(r.status().message().find("C-2/ess"), std::string::npos);
  EXPECT_NE(r.status().message().find("username"), std::string::npos);
  EXPECT_EQ(r.status().message().find("pw-should"), std::string::npos);

  for (const char* bad :
       {"", "[]", R"({"version": 2, "accounts": []})",
        R"({"version": 1, "accounts": {}})",
        R"({"version": 1, "accounts": [{"customer": "C", "service": "dns",
            "api_base": "https://x"}]})",
        R"({"version": 1, "accounts": [{"customer": "C", "service": "cdn",
            "api_base": "ftp://x", "api_token": "t"}]})",
        R"({"version": 1, "accounts": [{"customer": "C", "service": "cdn",
            "api_base": "http://203.0.113.5:8080", "api_token": "t"}]})"}) {
    EXPECT_FALSE(ParseCredentialsJson(bad, "f").ok()) << bad;
  }
}

TEST(CredentialsFileTest, PlainHttpOnlyToLoopback) {
  for (const char* base : {"http://127.0.0.1:18025", "http://[::1]:8080/x",
                           "http://localhost", "https://api.fastly.com"}) {
    std::string doc = std::string(R"({"version": 1, "accounts": [
      {"customer": "C", "service": "cdn", "api_token": "t", "api_base": ")") +
                      base + "\"}]}";
    EXPECT_TRUE(ParseCredentialsJson(doc, "f").ok()) << base;
  }
}

TEST(CredentialsFileTest, ApiBaseWithUserInfoIsRefusedWithoutEchoingIt) {
  for (const char* base :
       {"https://user:hunter2pw@api.cdn.example", "http://u:hunter2pw@10.0.0.1",
        "http://127.0.0.1:19100@10.0.0.1/", "https://hunter2pw@x.example/v1"}) {
    Status s = CheckApiBase(base);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << base;
    EXPECT_EQ(s.message().find("hunter2pw"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find("10.0.0.1"), std::string::npos) << s.message();
  }
  EXPECT_TRUE(CheckApiBase("https://api.cdn.example/a@b").ok())
      << "an '@' in the path is not user info";
}

// The load-time check parses with the transport's parser: a URL the
// transport would refuse at send time (exit 1, after other accounts were
// worked on) is refused here, when nothing has been sent.
// JSON nested 200,000 levels deep is refused before anything walks it.
TEST(CredentialsFileTest, DeeplyNestedFileIsRefused) {
  const std::string deep =
      "{\"version\": 1, \"accounts\": " + std::string(200000, '[') +
      std::string(200000, ']') + "}";
  auto r = ParseCredentialsJson(deep, "creds.json");
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("nested"), std::string::npos)
      << r.status().message();
}

TEST(CredentialsFileTest, ApiBaseTheTransportCannotReadIsRefusedAtLoad) {
  for (const char* base :
       {"http://[::1]evil.com/", "http://[::1", "http://127.0.0.1:99999/",
        "https://ess.example.net/a b", "http://127.1/", "https:///x"}) {
    Status s = CheckApiBase(base);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << base;
    EXPECT_NE(s.message().find("api_base"), std::string::npos) << s.message();
  }
}

TEST(CredentialsFileTest, RejectsDuplicates) {
  const char* dup = R"({"version": 1, "accounts": [
    {"customer": "C", "service": "cdn", "api_base": "https://a", "api_token": "t1"},
    {"customer": "C", "service": "cdn", "api_base": "https://a", "api_token": "t2"}]})";
  auto r = ParseCredentialsJson(dup, "f");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("duplicate"), std::string::npos);
}

TEST(CredentialsFileTest, RefusesAFileOthersCanRead) {
  char tmpl[] = "/tmp/renumber-creds-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string path = std::string(tmpl) + "/creds.json";
  FileSystem* fs = PosixFileSystem();
  ASSERT_TRUE(WriteFileAtomic(fs, path, kGood, 0644).ok());
  auto open = OpenCredentialsFile(fs, path);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  ASSERT_TRUE(fs->Chmod(path, 0600).ok());
  auto ok = OpenCredentialsFile(fs, path);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto c = (*ok)->Get({"C-1", Service("cdn")}, "test");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->api_base, "https://api.fastly.com");
  EXPECT_EQ((*ok)->Get({"C-9", Service("cdn")}, "test").status().code(),
            Code::kNotFound);
  EXPECT_EQ((*ok)->Accounts().size(), 2u);
  std::string cmd = std::string("rm -rf ") + tmpl;
  ASSERT_EQ(system(cmd.c_str()), 0);
}

TEST(CredentialsFileTest, TemplateParses) {
  auto text = PosixFileSystem()->ReadFile(
      std::string(RENUMBER_SOURCE_DIR) +
      "/credentials-template/credentials.example.json");
  ASSERT_TRUE(text.ok());
  auto creds = ParseCredentialsJson(*text, "template");
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->size(), 2u);
}

}  // namespace
}  // namespace renumber
