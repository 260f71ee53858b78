// The socket + OpenSSL HttpProber (http_probe.h).
#include "src/probe/http_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

#include "src/core/ip.h"
#include "src/probe/http_answer.h"
#include "src/probe/probe_scope.h"

namespace renumber {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int MsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

std::string Where(const OriginRequest& r) {
  return (r.tls ? "https://" : "http://") + r.host + r.path + " at " +
         (r.ip.find(':') != std::string::npos ? "[" + r.ip + "]" : r.ip) + ":" +
         std::to_string(r.port);
}

// A non-blocking TCP socket, closed on destruction.
class Socket {
 public:
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

  Status Connect(const Endpoint& to, Clock::time_point deadline) {
    auto ip = IpAddress::Parse(to.ip);
    if (!ip.ok()) return ip.status();
    sockaddr_storage addr{};
    socklen_t len = 0;
    if (ip->is_v4()) {
      auto* a = reinterpret_cast<sockaddr_in*>(&addr);
      a->sin_family = AF_INET;
      a->sin_port = htons(static_cast<uint16_t>(to.port));
      inet_pton(AF_INET, to.ip.c_str(), &a->sin_addr);
      len = sizeof *a;
    } else {
      auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
      a->sin6_family = AF_INET6;
      a->sin6_port = htons(static_cast<uint16_t>(to.port));
      inet_pton(AF_INET6, to.ip.c_str(), &a->sin6_addr);
      len = sizeof *a;
    }
    fd_ =
        ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
      const std::string err = std::strerror(errno);
      return Status::Unavailable(err, "ソケットを作成できません: " + err);
    }
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0)
      return Status::Ok();
    if (errno != EINPROGRESS) {
      const std::string err = std::strerror(errno);
      return Status::Unavailable("connect: " + err, "接続できません: " + err);
    }
    pollfd p{fd_, POLLOUT, 0};
    int n = ::poll(&p, 1, MsLeft(deadline));
    if (n == 0)
      return Status::Timeout("no connection in time",
                             "時間内に接続できませんでした");
    int err = 0;
    socklen_t err_len = sizeof err;
    getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &err_len);
    if (n < 0 || err != 0) {
      const std::string why = std::strerror(n < 0 ? errno : err);
      return Status::Unavailable("connect: " + why, "接続できません: " + why);
    }
    return Status::Ok();
  }

  // Waits for `events`; kTimeout at the deadline.
  Status Wait(short events, Clock::time_point deadline) {
    pollfd p{fd_, events, 0};
    int n = ::poll(&p, 1, MsLeft(deadline));
    if (n == 0)
      return Status::Timeout("no complete answer in time",
                             "時間内に応答を受け取りきれませんでした");
    if (n < 0) {
      const std::string err = std::strerror(errno);
      return Status::Unavailable(err, "応答を待てません: " + err);
    }
    return Status::Ok();
  }

 private:
  int fd_ = -1;
};

// One connection's byte stream: plain or TLS.
class Stream {
 public:
  Stream(Socket* socket, SSL* ssl) : socket_(socket), ssl_(ssl) {}

  Status Write(const std::string& data, Clock::time_point deadline) {
    size_t sent = 0;
    while (sent < data.size()) {
      if (ssl_) {
        int n = SSL_write(ssl_, data.data() + sent,
                          static_cast<int>(data.size() - sent));
        if (n > 0) {
          sent += n;
          continue;
        }
        RN_RETURN_IF_ERROR(WaitSsl(n, deadline, "send", "送信"));
      } else {
        ssize_t n = ::send(socket_->fd(), data.data() + sent,
                           data.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
          sent += n;
          continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
          const std::string err = std::strerror(errno);
          return Status::Unavailable("send: " + err,
                                     "要求を送信できません: " + err);
        }
        RN_RETURN_IF_ERROR(socket_->Wait(POLLOUT, deadline));
      }
    }
    return Status::Ok();
  }

  // Appends what arrives to *out; *closed when the peer closed.
  Status Read(std::string* out, bool* closed, Clock::time_point deadline) {
    char buf[16384];
    while (true) {
      if (ssl_) {
        int n = SSL_read(ssl_, buf, sizeof buf);
        if (n > 0) {
          out->append(buf, n);
          return Status::Ok();
        }
        int err = SSL_get_error(ssl_, n);
        if (err == SSL_ERROR_ZERO_RETURN ||
            (err == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)) {
          *closed = true;  // close_notify, or a plain close
          return Status::Ok();
        }
        RN_RETURN_IF_ERROR(WaitSsl(n, deadline, "receive", "受信"));
      } else {
        ssize_t n = ::recv(socket_->fd(), buf, sizeof buf, 0);
        if (n > 0) {
          out->append(buf, n);
          return Status::Ok();
        }
        if (n == 0) {
          *closed = true;
          return Status::Ok();
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          const std::string err = std::strerror(errno);
          return Status::Unavailable("receive: " + err,
                                     "応答を受信できません: " + err);
        }
        RN_RETURN_IF_ERROR(socket_->Wait(POLLIN, deadline));
      }
    }
  }

  // `what` names the step, in English and in Japanese (`what_ja`).
  Status WaitSsl(int ret, Clock::time_point deadline, const char* what,
                 const char* what_ja) {
    int err = SSL_get_error(ssl_, ret);
    if (err == SSL_ERROR_WANT_READ) return socket_->Wait(POLLIN, deadline);
    if (err == SSL_ERROR_WANT_WRITE) return socket_->Wait(POLLOUT, deadline);
    char reason[256] = "connection closed";
    std::string reason_ja = "接続が閉じられました";
    if (unsigned long e = ERR_get_error()) {
      ERR_error_string_n(e, reason, sizeof reason);
      reason_ja = reason;
    }
    return Status::Unavailable(
        std::string("TLS ") + what + ": " + reason,
        std::string("TLS の") + what_ja + "に失敗しました: " + reason_ja);
  }

 private:
  Socket* socket_;
  SSL* ssl_;
};

class SocketProber : public HttpProber {
 public:
  SocketProber(SSL_CTX* ctx, HttpProberOptions options)
      : ctx_(ctx), options_(std::move(options)) {}
  ~SocketProber() override { SSL_CTX_free(ctx_); }

  Result<OriginAnswer> Probe(const OriginRequest& r) override {
    const auto start = Clock::now();
    auto answer = ProbeInner(r, start);
    if (!answer.ok()) return answer.status().Annotate(Where(r));
    answer->elapsed =
        std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return answer;
  }

 private:
  Result<OriginAnswer> ProbeInner(const OriginRequest& r,
                                  Clock::time_point start) {
    auto ip = IpAddress::Parse(r.ip);
    if (!ip.ok()) return ip.status();
    const Endpoint to = options_.connect_to.Resolve({ip->ToString(), r.port});
    // No real server has such an address: connecting would only wait for
    // a timeout, or reach whatever intercepts that range.
    auto dest = IpAddress::Parse(to.ip);
    if (!dest.ok()) return dest.status();
    if (const char* block = ReservedForDocumentation(*dest))
      return Status::PreconditionFailed(
          "not probed: " + to.ip + " is in " + block +
              ", reserved for documentation and tests (--connect-to maps it "
              "to a server)",
          "確認していません: " + to.ip + " は文書・試験用に予約された " +
              block +
              " の範囲内です（--connect-to で実際のサーバーに対応付けられ"
              "ます）");
    const auto deadline = start + options_.limits.total_timeout;
    Socket socket;
    RN_RETURN_IF_ERROR(socket.Connect(
        to, std::min(deadline, start + options_.limits.connect_timeout)));
    SSL* ssl = nullptr;
    if (r.tls) {
      ssl = SSL_new(ctx_);
      if (!ssl)
        return Status::Internal(
            "SSL_new failed",
            "TLS 接続を準備できません（SSL_new が失敗しました）");
    }
    struct Free {
      SSL* s;
      ~Free() {
        if (s) SSL_free(s);
      }
    } free_ssl{ssl};
    if (ssl) RN_RETURN_IF_ERROR(Handshake(ssl, socket, r, deadline));
    Stream stream(&socket, ssl);
    const std::string request = "GET " + r.path +
                                " HTTP/1.1\r\nHost: " + r.host +
                                "\r\nUser-Agent: renumber-origin-probe/1"
                                "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    RN_RETURN_IF_ERROR(stream.Write(request, deadline));
    std::string raw;
    bool closed = false;
    const size_t cap = options_.limits.max_body + 65536;
    while (!closed && raw.size() < cap) {
      RN_RETURN_IF_ERROR(stream.Read(&raw, &closed, deadline));
      AnswerProgress p = CheckAnswer(raw);
      if (p == AnswerProgress::kComplete) break;
      if (p == AnswerProgress::kBad)
        return Status::Internal("the answer is not HTTP",
                                "応答が HTTP の形式ではありません");
    }
    return ParseAnswer(raw, closed || raw.size() >= cap,
                       options_.limits.max_body);
  }

  Status Handshake(SSL* ssl, Socket& socket, const OriginRequest& r,
                   Clock::time_point deadline) {
    SSL_set_fd(ssl, socket.fd());
    if (!r.sni.empty()) SSL_set_tlsext_host_name(ssl, r.sni.c_str());
    if (r.check_cert) {
      SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
      const std::string name = r.cert_host.empty() ? r.host : r.cert_host;
      SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      if (SSL_set1_host(ssl, name.c_str()) != 1)
        return Status::InvalidArgument(
            "cannot check a certificate for '" + name + "'",
            "'" + name + "' の証明書は確認できません");
    } else {
      SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr);
    }
    Stream stream(&socket, ssl);
    while (true) {
      ERR_clear_error();
      int n = SSL_connect(ssl);
      if (n == 1) return Status::Ok();
      long verify = SSL_get_verify_result(ssl);
      if (r.check_cert && verify != X509_V_OK)
        return Status::Forbidden(
            std::string("certificate verify failed: ") +
                X509_verify_cert_error_string(verify) + " (checked for '" +
                (r.cert_host.empty() ? r.host : r.cert_host) + "')",
            std::string("証明書の検証に失敗しました: ") +
                X509_verify_cert_error_string(verify) + "（'" +
                (r.cert_host.empty() ? r.host : r.cert_host) +
                "' として確認しました）");
      RN_RETURN_IF_ERROR(
          stream.WaitSsl(n, deadline, "handshake", "ハンドシェイク"));
    }
  }

  SSL_CTX* ctx_;
  HttpProberOptions options_;
};

}  // namespace

Result<std::unique_ptr<HttpProber>> NewHttpProber(
    const HttpProberOptions& options) {
  OPENSSL_init_ssl(OPENSSL_INIT_NO_ATEXIT, nullptr);
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx)
    return Status::Internal(
        "SSL_CTX_new failed",
        "TLS の準備ができません（SSL_CTX_new が失敗しました）");
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_default_verify_paths(ctx);
  if (!options.ca_file.empty() &&
      SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr) !=
          1) {
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return Status::InvalidArgument(
        "cannot read the CA file " + options.ca_file,
        "認証局のファイル " + options.ca_file + " を読み込めません");
  }
  return std::unique_ptr<HttpProber>(
      std::make_unique<SocketProber>(ctx, options));
}

std::vector<Result<OriginAnswer>> ProbeAll(
    HttpProber* prober, const std::vector<OriginRequest>& requests,
    int parallel) {
  std::vector<Result<OriginAnswer>> out(
      requests.size(), Status::Internal("not probed", "確認していません"));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < requests.size(); i = next++)
      out[i] = prober->Probe(requests[i]);
  };
  const int n = std::max(1, std::min<int>(parallel, requests.size()));
  std::vector<std::thread> threads;
  for (int t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return out;
}

bool NotProbed(const Status& status) {
  return status.Is(Code::kPreconditionFailed);
}

std::string Sha256Hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace renumber
