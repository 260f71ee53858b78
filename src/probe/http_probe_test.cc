// The real prober against real sockets: HTTP and HTTPS origins on
// 127.0.0.x with a CA made in the test.
#include "src/probe/http_probe.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "src/http/test_server.h"
#include "src/http/tls_test_certs.h"
#include "src/http/transport.h"

namespace renumber {
namespace {

using std::chrono::milliseconds;

class HttpProbeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitHttpRuntime(64);
    ASSERT_TRUE(
        pki_.Create("probe-test", "", {"www.example.jp", "*.shop.example.jp"})
            .ok());
    ServerOptions plain;
    plain.host = "127.0.0.2";
    auto http = StartLoopbackServer(
        [this](const ServerRequest& r) { return Serve(r); }, plain);
    ASSERT_TRUE(http.ok()) << http.status().ToString();
    http_ = std::move(*http);
    http_port_ = Port(http_->base_url());
    ServerOptions tls = plain;
    tls.host = "127.0.0.3";
    tls.cert_file = pki_.cert_file();
    tls.key_file = pki_.key_file();
    auto https = StartLoopbackServer(
        [this](const ServerRequest& r) { return Serve(r); }, tls);
    ASSERT_TRUE(https.ok()) << https.status().ToString();
    https_ = std::move(*https);
    https_port_ = Port(https_->base_url());
  }
  void TearDown() override {
    {
      std::unique_lock<std::mutex> l(mu_);
      release_ = true;
      cv_.notify_all();
      // A stalled handler answers a client that already gave up; closing
      // the listener while it still runs has crashed cpprest (a segfault
      // at teardown, seen once in a full-suite run under load): wait until
      // every handler has returned.
      cv_.wait_for(l, kHandlerWait, [this] { return serving_ == 0; });
    }
    if (http_) http_->Stop();
    if (https_) https_->Stop();
  }

  static int Port(const std::string& url) {
    return std::stoi(url.substr(url.rfind(':') + 1));
  }

  ServerResponse Serve(const ServerRequest& r) {
    ServerResponse out;
    const std::string host = r.headers.GetOr("Host", "");
    {
      std::unique_lock<std::mutex> l(mu_);
      ++serving_;
      hosts_.push_back(host);
      if (hold_) {  // parallel probes: each round waits for its last one
        max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
        const int round_end = (arrived_++ / hold_ + 1) * hold_;
        cv_.notify_all();
        cv_.wait_for(l, kHandlerWait, [this, round_end] {
          return release_ || arrived_ >= round_end;
        });
        --in_flight_;
      }
      if (stall_) cv_.wait_for(l, kHandlerWait, [this] { return release_; });
      --serving_;
      cv_.notify_all();
    }
    if (r.path == "/moved") {
      out.status = 301;
      out.headers.Set("Location", "https://elsewhere.example.jp/");
      return out;
    }
    out.headers.Set("Content-Type", "text/html; charset=utf-8");
    out.body = "<html><head><title>Site for " + host +
               "</title></head><body>path=" + r.path + "</body></html>";
    return out;
  }

  std::unique_ptr<HttpProber> Prober(HttpProberOptions o = {}) {
    if (o.ca_file.empty()) o.ca_file = pki_.ca_file();
    auto p = NewHttpProber(o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }

  OriginRequest Https(const std::string& host) {
    OriginRequest r;
    r.ip = "127.0.0.3";
    r.port = https_port_;
    r.tls = true;
    r.host = r.sni = r.cert_host = host;
    return r;
  }

  TestPki pki_;
  std::unique_ptr<HttpServer> http_, https_;
  int http_port_ = 0, https_port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> hosts_;
  int hold_ = 0, in_flight_ = 0, max_in_flight_ = 0, arrived_ = 0;
  bool stall_ = false, release_ = false;
  int serving_ = 0;  // handlers running
  // How long a held or stalled handler waits at most for its event (the
  // round complete, or the release at TearDown). Long, so that the tests'
  // bounds ("gave up at its own timeout, not when the server answered")
  // have a wide margin on a loaded machine; a passing test never waits it.
  static constexpr std::chrono::seconds kHandlerWait{60};
  // Probe timeouts the "at once" tests must not wait for: far longer than
  // their bound (kAtOnce), which is far longer than a loaded machine needs.
  static HttpProberOptions Patient() {
    HttpProberOptions o;
    o.limits.connect_timeout = std::chrono::seconds(60);
    o.limits.total_timeout = std::chrono::seconds(60);
    return o;
  }
  static constexpr std::chrono::seconds kAtOnce{30};
};

TEST_F(HttpProbeTest, HttpSendsTheSitesHostToTheIp) {
  OriginRequest r;
  r.ip = "127.0.0.2";
  r.port = http_port_;
  r.host = "www.example.jp";
  r.path = "/index.html";
  auto a = Prober()->Probe(r);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(a->content_type, "text/html");
  EXPECT_EQ(a->title, "Site for www.example.jp");
  EXPECT_NE(a->body.find("path=/index.html"), std::string::npos);
  EXPECT_EQ(a->body_sha256, Sha256Hex(a->body));
  std::lock_guard<std::mutex> l(mu_);
  EXPECT_EQ(hosts_, std::vector<std::string>{"www.example.jp"});
}

TEST_F(HttpProbeTest, HttpsChecksTheCertificateAgainstTheCertHost) {
  auto prober = Prober();
  auto ok = prober->Probe(Https("www.example.jp"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->title, "Site for www.example.jp");
  // A wildcard name.
  auto wild = prober->Probe(Https("app.shop.example.jp"));
  EXPECT_TRUE(wild.ok()) << wild.status().ToString();
  // A name the certificate does not carry.
  auto wrong = prober->Probe(Https("other.example.jp"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), Code::kForbidden);
  EXPECT_NE(wrong.status().message().find("certificate verify failed"),
            std::string::npos)
      << wrong.status().message();
  EXPECT_NE(wrong.status().message().find("other.example.jp"),
            std::string::npos);
}

TEST_F(HttpProbeTest, AnUntrustedCaIsRefused) {
  HttpProberOptions o;
  o.ca_file = "";
  auto p = NewHttpProber(o);  // the system store only
  ASSERT_TRUE(p.ok());
  auto a = (*p)->Probe(Https("www.example.jp"));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Code::kForbidden) << a.status().ToString();
}

TEST_F(HttpProbeTest, WithoutSslCheckCertTheCertificateIsNotChecked) {
  OriginRequest r = Https("other.example.jp");
  r.check_cert = false;  // as the CDN would not check it either
  auto a = Prober()->Probe(r);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Site for other.example.jp");
}

TEST_F(HttpProbeTest, RedirectsAreReportedNotFollowed) {
  OriginRequest r;
  r.ip = "127.0.0.2";
  r.port = http_port_;
  r.host = "www.example.jp";
  r.path = "/moved";
  auto a = Prober()->Probe(r);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->status, 301);
  EXPECT_EQ(a->location, "https://elsewhere.example.jp/");
  std::lock_guard<std::mutex> l(mu_);
  EXPECT_EQ(hosts_.size(), 1u);  // nothing went to elsewhere
}

TEST_F(HttpProbeTest, RefusedPortIsUnavailableAtOnce) {
  auto port = FindFreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  OriginRequest r;
  r.ip = "127.0.0.4";
  r.port = *port;
  r.host = "www.example.jp";
  const auto start = std::chrono::steady_clock::now();
  auto a = Prober(Patient())->Probe(r);
  ASSERT_FALSE(a.ok());
  // Refused, not timed out (kTimeout), and long before the 60 s timeouts.
  EXPECT_EQ(a.status().code(), Code::kUnavailable) << a.status().ToString();
  EXPECT_NE(a.status().message().find("127.0.0.4:" + std::to_string(*port)),
            std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, kAtOnce);
}

TEST_F(HttpProbeTest, ASlowOriginTimesOutWithinTheBound) {
  {
    std::lock_guard<std::mutex> l(mu_);
    stall_ = true;
  }
  HttpProberOptions o;
  o.limits.total_timeout = milliseconds(400);
  OriginRequest r;
  r.ip = "127.0.0.2";
  r.port = http_port_;
  r.host = "www.example.jp";
  const auto start = std::chrono::steady_clock::now();
  auto a = Prober(o)->Probe(r);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Code::kTimeout) << a.status().ToString();
  EXPECT_GE(took, milliseconds(380));
  // At its own timeout, not when the server answers (kHandlerWait).
  EXPECT_LT(took, kAtOnce);
}

TEST_F(HttpProbeTest, ConnectToSendsTheProbeElsewhere) {
  HttpProberOptions o;
  ASSERT_TRUE(
      o.connect_to.Add({"198.18.0.10", 443}, {"127.0.0.3", https_port_}).ok());
  OriginRequest r = Https("www.example.jp");
  r.ip = "198.18.0.10";
  r.port = 443;
  auto a = Prober(o)->Probe(r);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Site for www.example.jp");
}

TEST_F(HttpProbeTest, AReservedAddressIsNeverContacted) {
  // The simulated customers' addresses (198.18.0.0/15, RFC 2544) belong to
  // no real server: without a connect-to mapping nothing is sent, at once.
  OriginRequest r = Https("www.example.jp");
  r.ip = "198.19.0.12";
  r.port = 443;
  auto prober = Prober(Patient());
  const auto start = std::chrono::steady_clock::now();
  auto a = prober->Probe(r);
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(NotProbed(a.status())) << a.status().ToString();
  EXPECT_NE(a.status().message().find("198.18.0.0/15 (RFC 2544)"),
            std::string::npos)
      << a.status().message();
  // No connection attempt: not even the 60 s connect timeout is waited.
  EXPECT_LT(std::chrono::steady_clock::now() - start, kAtOnce);
  // A mapping onto a reserved address does not get around it either.
  HttpProberOptions o;
  ASSERT_TRUE(
      o.connect_to.Add({"127.0.0.3", https_port_}, {"203.0.113.5", 443}).ok());
  auto mapped = Prober(o)->Probe(Https("www.example.jp"));
  ASSERT_FALSE(mapped.ok());
  EXPECT_TRUE(NotProbed(mapped.status())) << mapped.status().ToString();
  // Errors of a real attempt are not "not probed".
  EXPECT_FALSE(NotProbed(Status::Unavailable("refused")));
  std::lock_guard<std::mutex> l(mu_);
  EXPECT_TRUE(hosts_.empty());
}

TEST_F(HttpProbeTest, ProbeAllRunsInParallelWithABound) {
  {
    std::lock_guard<std::mutex> l(mu_);
    hold_ = 3;  // each answer waits until 3 are in flight
  }
  std::vector<OriginRequest> requests;
  for (int i = 0; i < 9; ++i) {
    OriginRequest r;
    r.ip = "127.0.0.2";
    r.port = http_port_;
    r.host = "h" + std::to_string(i) + ".example.jp";
    requests.push_back(r);
  }
  auto prober = Prober();
  const auto start = std::chrono::steady_clock::now();
  auto answers = ProbeAll(prober.get(), requests, 3);
  ASSERT_EQ(answers.size(), 9u);
  for (size_t i = 0; i < answers.size(); ++i) {
    ASSERT_TRUE(answers[i].ok()) << answers[i].status().ToString();
    EXPECT_EQ(answers[i]->title, "Site for h" + std::to_string(i) +
                                     ".example.jp");  // in request order
  }
  std::lock_guard<std::mutex> l(mu_);
  EXPECT_EQ(max_in_flight_, 3);  // never more than the bound
  // Three rounds of three, none of which waited for its deadline
  // (kHandlerWait; the probes' own 8 s timeout would have failed them).
  EXPECT_LT(std::chrono::steady_clock::now() - start, kAtOnce);
}

// A TLS server that records the SNI the client sent (cpprest's listener
// does not show it), answering one connection with a fixed page.
TEST_F(HttpProbeTest, HttpsSendsTheSni) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  ASSERT_TRUE(ctx);
  ASSERT_EQ(SSL_CTX_use_certificate_chain_file(ctx, pki_.cert_file().c_str()),
            1);
  ASSERT_EQ(SSL_CTX_use_PrivateKey_file(ctx, pki_.key_file().c_str(),
                                        SSL_FILETYPE_PEM),
            1);
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.5", &addr.sin_addr);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  ASSERT_EQ(listen(listener, 1), 0);
  std::string sni;
  std::thread server([&] {
    int fd = accept(listener, nullptr, nullptr);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1) {
      const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
      sni = name ? name : "";
      char buf[4096];
      SSL_read(ssl, buf, sizeof buf);
      const char kAnswer[] =
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
          "Content-Length: 2\r\nConnection: close\r\n\r\nok";
      SSL_write(ssl, kAnswer, sizeof kAnswer - 1);
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    close(fd);
  });
  OriginRequest r = Https("www.example.jp");
  r.ip = "127.0.0.5";
  r.port = ntohs(addr.sin_port);
  r.sni = "app.shop.example.jp";
  r.cert_host = "app.shop.example.jp";
  auto a = Prober()->Probe(r);
  server.join();
  close(listener);
  SSL_CTX_free(ctx);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->body, "ok");
  EXPECT_EQ(sni, "app.shop.example.jp");
}

}  // namespace
}  // namespace renumber
