// TLS through the real transport against an https loopback server whose
// certificates are generated here (tls_test_certs.h): verification is always
// on, --ca-file adds a CA, and only verification failures are kForbidden.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>

#include "src/http/test_server.h"
#include "src/http/tls_test_certs.h"
#include "src/http/tls_util.h"
#include "src/http/transport.h"

namespace renumber {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  r.timeout = milliseconds(5000);
  return r;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pki_.Create("renumber test", "127.0.0.1").ok());
  }
  void TearDown() override {
    // cpprest's https listener could crash in close() while a connection
    // whose handshake the client refused was still being torn down on a pool
    // thread (a segfault in epoll_reactor::start_op): Stop() now waits for
    // the library to close such connections itself (docs/stack.md #17).
    if (server_) server_->Stop();
  }
  void ServeHttps(const TestPki& pki) {
    ServerOptions opts;
    opts.cert_file = pki.cert_file();
    opts.key_file = pki.key_file();
    auto server = StartLoopbackServer(
        [this](const ServerRequest& r) {
          ++hits_;
          return ServerResponse{200, {}, "secure " + r.path};
        },
        opts);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    ASSERT_EQ(server_->base_url().rfind("https://127.0.0.1:", 0), 0u);
  }
  Result<HttpResponse> SendWithCa(const std::string& ca_file,
                                  const std::string& path = "/x") {
    TransportOptions options;
    options.ca_file = ca_file;
    return NewCpprestTransport(options)->Send(Get(server_->base_url() + path));
  }

  TestPki pki_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> hits_{0};
};

TEST_F(TlsTest, UntrustedCaIsForbiddenWithAHint) {
  ServeHttps(pki_);
  auto r = SendWithCa("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr("certificate"));
  EXPECT_THAT(r.status().message(), HasSubstr("certificate verify failed"));
  EXPECT_THAT(r.status().message(), HasSubstr("--ca-file"));
  EXPECT_EQ(hits_, 0);
}

TEST_F(TlsTest, CaFileMakesItTrusted) {
  ServeHttps(pki_);
  auto r = SendWithCa(pki_.ca_file(), "/hello");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "secure /hello");
  EXPECT_EQ(hits_, 1);
}

TEST_F(TlsTest, WrongCaIsForbidden) {
  TestPki other;
  ASSERT_TRUE(other.Create("someone else", "127.0.0.1").ok());
  ServeHttps(pki_);
  auto r = SendWithCa(other.ca_file());
  EXPECT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
  EXPECT_EQ(hits_, 0);
}

TEST_F(TlsTest, CaBundleWithSeveralCertificatesWorks) {
  TestPki other;
  ASSERT_TRUE(other.Create("someone else", "127.0.0.1").ok());
  const std::string bundle = pki_.dir() + "/bundle.pem";
  {
    std::ofstream out(bundle);
    out << std::ifstream(other.ca_file()).rdbuf()
        << std::ifstream(pki_.ca_file()).rdbuf();
  }
  ServeHttps(pki_);
  auto r = SendWithCa(bundle);
  ::unlink(bundle.c_str());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

TEST_F(TlsTest, CertificateForAnotherAddressIsForbidden) {
  TestPki wrong_host;
  ASSERT_TRUE(wrong_host.Create("renumber test", "127.0.0.2").ok());
  ServeHttps(wrong_host);  // served on 127.0.0.1
  auto r = SendWithCa(wrong_host.ca_file());
  EXPECT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
}

TEST_F(TlsTest, HttpsToAPlainHttpPortIsUnavailableNotForbidden) {
  auto server = StartLoopbackServer(
      [](const ServerRequest&) { return ServerResponse{}; });
  ASSERT_TRUE(server.ok());
  server_ = std::move(*server);
  std::string url = server_->base_url();
  url.replace(0, 4, "https");
  auto r = NewCpprestTransport({})->Send(Get(url + "/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable) << r.status().ToString();
}

TEST_F(TlsTest, MissingOrBadCaFileIsInvalidArgumentNamingIt) {
  ServeHttps(pki_);
  const std::string missing = pki_.dir() + "/no-such-ca.pem";
  auto r = SendWithCa(missing);
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr(missing));
  TransportOptions options;
  options.ca_file = missing;
  Status v = ValidateTransportOptions(options);
  EXPECT_EQ(v.code(), Code::kInvalidArgument);
  EXPECT_THAT(v.message(), HasSubstr("No such file"));

  options.ca_file = pki_.key_file();  // a PEM, but not a certificate
  v = ValidateTransportOptions(options);
  EXPECT_EQ(v.code(), Code::kInvalidArgument);
  EXPECT_THAT(v.message(), HasSubstr("holds no PEM certificate"));
  EXPECT_EQ(SendWithCa(pki_.key_file()).status().code(),
            Code::kInvalidArgument);
  options.ca_file = pki_.dir();  // a directory
  EXPECT_EQ(ValidateTransportOptions(options).code(), Code::kInvalidArgument);
  options.ca_file = pki_.ca_file();
  EXPECT_TRUE(ValidateTransportOptions(options).ok());
  EXPECT_EQ(hits_, 0);
}

TEST_F(TlsTest, CaFileIsReadOnceAtConstruction) {
  ServeHttps(pki_);
  const std::string copy = pki_.dir() + "/copy.pem";
  {
    std::ofstream out(copy);
    out << std::ifstream(pki_.ca_file()).rdbuf();
  }
  TransportOptions options;
  options.ca_file = copy;
  auto transport = NewCpprestTransport(options);
  ::unlink(copy.c_str());
  auto r = transport->Send(Get(server_->base_url() + "/"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

// Measures a fresh TLS connection (new transport: new client, handshake)
// against requests on the kept-alive one, and checks the kept-alive path
// stays on one transport without failures.
TEST_F(TlsTest, KeptAliveConnectionIsReusedAndCheaper) {
  ServeHttps(pki_);
  TransportOptions options;
  options.ca_file = pki_.ca_file();
  using Clock = std::chrono::steady_clock;
  const int kFresh = 5, kKept = 50;
  Clock::duration fresh{0}, kept{0};
  for (int i = 0; i < kFresh; ++i) {
    auto transport = NewCpprestTransport(options);
    auto start = Clock::now();
    ASSERT_TRUE(transport->Send(Get(server_->base_url() + "/f")).ok());
    fresh += Clock::now() - start;
  }
  auto transport = NewCpprestTransport(options);
  ASSERT_TRUE(transport->Send(Get(server_->base_url() + "/warm")).ok());
  for (int i = 0; i < kKept; ++i) {
    auto start = Clock::now();
    ASSERT_TRUE(transport->Send(Get(server_->base_url() + "/k")).ok());
    kept += Clock::now() - start;
  }
  using us = std::chrono::microseconds;
  const double fresh_ms =
      std::chrono::duration_cast<us>(fresh).count() / 1000.0 / kFresh;
  const double kept_ms =
      std::chrono::duration_cast<us>(kept).count() / 1000.0 / kKept;
  std::cout << "[ measure  ] TLS fresh connection " << fresh_ms
            << " ms/request, kept-alive " << kept_ms << " ms/request\n";
  RecordProperty("tls_fresh_ms", std::to_string(fresh_ms));
  RecordProperty("tls_kept_alive_ms", std::to_string(kept_ms));
  EXPECT_EQ(hits_, kFresh + 1 + kKept);
  EXPECT_LT(kept_ms, fresh_ms);
}

// An https 307 to another https host that the client would trust (its CA
// is in the bundle) is still not followed: the credentials stay home.
TEST_F(TlsTest, RedirectToAnotherTrustedHttpsHostIsNotFollowed) {
  TestPki other;
  ASSERT_TRUE(other.Create("other host", "127.0.0.2").ok());
  ServerOptions theirs;
  theirs.host = "127.0.0.2";
  theirs.cert_file = other.cert_file();
  theirs.key_file = other.key_file();
  std::atomic<int> thief_hits{0};
  auto thief = StartLoopbackServer(
      [&thief_hits](const ServerRequest&) {
        ++thief_hits;
        return ServerResponse{200, {}, "{}"};
      },
      theirs);
  ASSERT_TRUE(thief.ok()) << thief.status().ToString();
  const std::string location = (*thief)->base_url() + "/v1/inbound-routes";
  ASSERT_EQ(location.rfind("https://127.0.0.2:", 0), 0u);

  ServerOptions ours;
  ours.cert_file = pki_.cert_file();
  ours.key_file = pki_.key_file();
  auto server = StartLoopbackServer(
      [this, location](const ServerRequest&) {
        ++hits_;
        ServerResponse out;
        out.status = 307;
        out.headers.Add("Location", location);
        return out;
      },
      ours);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(*server);

  const std::string bundle = pki_.dir() + "/both.pem";
  {
    std::ofstream out(bundle);
    out << std::ifstream(pki_.ca_file()).rdbuf()
        << std::ifstream(other.ca_file()).rdbuf();
  }
  TransportOptions options;
  options.ca_file = bundle;
  auto transport = NewCpprestTransport(options);
  // The bundle does trust the other host: a direct request succeeds.
  ASSERT_TRUE(transport->Send(Get((*thief)->base_url() + "/direct")).ok());
  ASSERT_EQ(thief_hits, 1);

  HttpRequest req = Get(server_->base_url() + "/v1/inbound-routes");
  req.method = "POST";
  req.body = "{}";
  req.headers.Add("Fastly-Key", "tok-tls-redirect-42");
  req.headers.Add("Authorization", "Basic dXNlcjpwdy10bHMtNDM=");
  auto r = transport->Send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr("307"));
  EXPECT_THAT(r.status().message(), HasSubstr("host 127.0.0.2:"));
  EXPECT_THAT(r.status().message(),
              ::testing::Not(HasSubstr("tok-tls-redirect-42")));
  EXPECT_EQ(hits_, 1);
  EXPECT_EQ(thief_hits, 1);  // only the direct request above
  (*thief)->Stop();  // see TearDown
  ::unlink(bundle.c_str());
}

TEST(TlsUtilTest, DecodesPackedOpenSslErrors) {
  const int verify_failed = 0x0A000086;  // docs/stack.md #5
  EXPECT_TRUE(IsOpenSslError(verify_failed));
  EXPECT_TRUE(IsCertificateVerifyFailure(verify_failed));
  EXPECT_EQ(OpenSslReason(verify_failed), "certificate verify failed");
  const int wrong_version = 0x0A00010B;
  EXPECT_TRUE(IsOpenSslError(wrong_version));
  EXPECT_FALSE(IsCertificateVerifyFailure(wrong_version));
  EXPECT_EQ(OpenSslReason(wrong_version), "wrong version number");
  EXPECT_FALSE(IsOpenSslError(111));  // ECONNREFUSED
  EXPECT_EQ(OpenSslReason(111), "");
}

}  // namespace
}  // namespace renumber
