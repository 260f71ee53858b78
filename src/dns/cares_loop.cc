#include "src/dns/cares_loop.h"

#include <ares.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace renumber {

struct CaresLoop::Question {
  std::string name;
  RecordType type = RecordType::kA;
  std::promise<DnsReply> promise;
  CaresLoop* loop = nullptr;
};

namespace {

int AresType(RecordType type) {
  switch (type) {
    case RecordType::kA:
      return 1;
    case RecordType::kAaaa:
      return 28;
    case RecordType::kMx:
      return 15;
    case RecordType::kNs:
      return 2;
    case RecordType::kTxt:
      return 16;
    case RecordType::kPtr:
      return 12;
  }
  return 1;
}

std::once_flag library_once;
int library_status = ARES_SUCCESS;

// ares_library_init is not thread-safe in 1.18: once per process.
Status InitLibrary() {
  std::call_once(library_once,
                 [] { library_status = ares_library_init(ARES_LIB_INIT_ALL); });
  if (library_status != ARES_SUCCESS)
    return Status::Unavailable(
        std::string("c-ares: ") + ares_strerror(library_status),
        std::string("DNS ライブラリ（c-ares）を初期化できませんでした: ") +
            ares_strerror(library_status));
  return Status::Ok();
}

std::string ServerList(ares_channel channel) {
  ares_addr_port_node* nodes = nullptr;
  if (ares_get_servers_ports(channel, &nodes) != ARES_SUCCESS) return "?";
  std::string out;
  for (ares_addr_port_node* n = nodes; n; n = n->next) {
    char text[64] = "?";
    inet_ntop(n->family, &n->addr, text, sizeof text);
    int port = n->udp_port ? n->udp_port : 53;
    std::string host = n->family == AF_INET6 ? "[" + std::string(text) + "]"
                                             : std::string(text);
    out += (out.empty() ? "" : ", ") + host + ":" + std::to_string(port);
  }
  ares_free_data(nodes);
  return out.empty() ? "no server" : out;
}

std::string Seconds(std::chrono::milliseconds ms, const char* unit = "s") {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g %s", ms.count() / 1000.0, unit);
  return buf;
}

}  // namespace

Result<std::unique_ptr<CaresLoop>> CaresLoop::Start(const DnsOptions& options) {
  RN_RETURN_IF_ERROR(InitLibrary());
  std::unique_ptr<CaresLoop> loop(new CaresLoop);
  RN_RETURN_IF_ERROR(loop->Init(options));
  loop->thread_ = std::thread([p = loop.get()] { p->Run(); });
  return loop;
}

Status CaresLoop::Init(const DnsOptions& o) {
  max_in_flight_ = o.max_in_flight;
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0)
    return Status::Unavailable(
        std::string("eventfd: ") + strerror(errno),
        std::string("DNS 問い合わせの準備（eventfd）に失敗しました: ") +
            strerror(errno));
  ares_options opts{};
  opts.timeout = static_cast<int>(o.timeout.count());
  opts.tries = o.tries;
  opts.sock_state_cb = [](void* data, ares_socket_t fd, int r, int w) {
    OnSocketState(data, fd, r, w);
  };
  opts.sock_state_cb_data = this;
  // c-ares 1.18 turns a SERVFAIL or REFUSED answer into ARES_ECONNREFUSED
  // once every server and try gave one (it keeps no rcode), the same as
  // nothing listening. NOCHECKRESP hands such an answer to us, so the
  // message names it; the cost is that a SERVFAIL from the first server is
  // not asked of the next one.
  opts.flags = ARES_FLAG_NOCHECKRESP;
  const int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
                   ARES_OPT_SOCK_STATE_CB;
  ares_channel channel = nullptr;
  int rc = ares_init_options(&channel, &opts, mask);
  if (rc != ARES_SUCCESS)
    return Status::Unavailable(
        std::string("c-ares: cannot start: ") + ares_strerror(rc),
        std::string("DNS ライブラリ（c-ares）を開始できませんでした: ") +
            ares_strerror(rc));
  channel_ = channel;
  if (!o.servers.empty()) {
    std::string csv;
    for (const std::string& s : o.servers) csv += (csv.empty() ? "" : ",") + s;
    rc = ares_set_servers_ports_csv(channel, csv.c_str());
    if (rc != ARES_SUCCESS)
      return Status::InvalidArgument(
          "DNS servers '" + csv + "': " + ares_strerror(rc),
          "DNS サーバー '" + csv + "' を設定できません: " + ares_strerror(rc));
  }
  servers_ = ServerList(channel);
  int nservers = 1;
  for (char c : servers_) nservers += c == ',';
  // c-ares doubles the per-try timeout for each round over the servers.
  wait_limit_ = o.timeout * nservers * ((1 << o.tries) - 1);
  timeout_text_ = Seconds(wait_limit_) + " (" + std::to_string(o.tries) +
                  (o.tries == 1 ? " try" : " tries") + ", " +
                  Seconds(o.timeout) + " first)";
  timeout_text_ja_ = Seconds(wait_limit_, "秒") + "（試行 " +
                     std::to_string(o.tries) + " 回、初回 " +
                     Seconds(o.timeout, "秒") + "）";
  return Status::Ok();
}

CaresLoop::~CaresLoop() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  uint64_t one = 1;
  if (wake_fd_ >= 0) (void)!write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  // Never started (Init failed) or the loop has ended: the channel is ours.
  if (channel_) ares_destroy(channel_);
  for (auto& q : queue_)
    q->promise.set_value(
        Status::Unavailable("DNS resolver shut down",
                            "DNS の応答を待つ前にリゾルバーが停止しました"));
  if (wake_fd_ >= 0) close(wake_fd_);
}

std::future<DnsReply> CaresLoop::Submit(const std::string& name,
                                        RecordType type) {
  auto q = std::make_unique<Question>();
  q->name = name;
  q->type = type;
  q->loop = this;
  std::future<DnsReply> f = q->promise.get_future();
  {
    std::lock_guard<std::mutex> l(mu_);
    queue_.push_back(std::move(q));
  }
  uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof one);
  return f;
}

DnsReply CaresLoop::Await(std::future<DnsReply>& reply) const {
  // c-ares ends every query within wait_limit_; the margin covers a loop
  // delayed by a busy machine and the queries queued before this one.
  if (reply.wait_for(wait_limit_ * 4 + std::chrono::seconds(2)) !=
      std::future_status::ready)
    return Status::Timeout(
        "no DNS answer from " + servers_ + " within " +
            Seconds(wait_limit_ * 4 + std::chrono::seconds(2)),
        Seconds(wait_limit_ * 4 + std::chrono::seconds(2), "秒") + " 以内に " +
            servers_ + " から DNS の応答がありませんでした");
  return reply.get();
}

void CaresLoop::Run() {
  while (true) {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (stop_) break;
    }
    StartQueued();
    PollOnce();
  }
  // Open queries end with ARES_EDESTRUCTION through OnAnswer.
  ares_destroy(channel_);
  channel_ = nullptr;
}

void CaresLoop::StartQueued() {
  while (in_flight_ < max_in_flight_) {
    std::unique_ptr<Question> q;
    {
      std::lock_guard<std::mutex> l(mu_);
      if (queue_.empty()) return;
      q = std::move(queue_.front());
      queue_.pop_front();
    }
    ++in_flight_;
    if (in_flight_ > peak_in_flight_.load()) peak_in_flight_ = in_flight_;
    Question* raw = q.release();  // owned by c-ares until OnAnswer
    ares_query(channel_, raw->name.c_str(), 1 /* IN */, AresType(raw->type),
               &CaresLoop::OnAnswer, raw);
  }
}

int CaresLoop::PollOnce() {
  std::vector<pollfd> fds;
  fds.push_back({wake_fd_, POLLIN, 0});
  for (const auto& [fd, rw] : sockets_)
    fds.push_back({fd,
                   static_cast<short>((rw.first ? POLLIN : 0) |
                                      (rw.second ? POLLOUT : 0)),
                   0});
  timeval max_wait{1, 0}, tv{};
  timeval* t = ares_timeout(channel_, &max_wait, &tv);
  int ms = static_cast<int>(t->tv_sec * 1000 + (t->tv_usec + 999) / 1000);
  int n = poll(fds.data(), fds.size(), ms);
  if (n < 0 && errno != EINTR) return -1;
  if (fds[0].revents & POLLIN) {
    uint64_t count;
    (void)!read(wake_fd_, &count, sizeof count);
  }
  for (size_t i = 1; i < fds.size(); ++i) {
    short ev = fds[i].revents;
    if (!ev) continue;
    ares_socket_t rd =
        ev & (POLLIN | POLLERR | POLLHUP) ? fds[i].fd : ARES_SOCKET_BAD;
    ares_socket_t wr = ev & POLLOUT ? fds[i].fd : ARES_SOCKET_BAD;
    ares_process_fd(channel_, rd, wr);
  }
  // Timeouts of queries whose sockets stayed quiet.
  ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
  return n;
}

void CaresLoop::OnSocketState(void* data, int fd, int readable, int writable) {
  auto* loop = static_cast<CaresLoop*>(data);
  if (!readable && !writable)
    loop->sockets_.erase(fd);
  else
    loop->sockets_[fd] = {readable != 0, writable != 0};
}

void CaresLoop::OnAnswer(void* arg, int status, int /*timeouts*/,
                         unsigned char* abuf, int alen) {
  auto* q = static_cast<Question*>(arg);
  q->loop->Finish(q, status, abuf, alen);
}

void CaresLoop::Finish(Question* raw, int status, const unsigned char* abuf,
                       int alen) {
  std::unique_ptr<Question> q(raw);
  --in_flight_;
  const std::string what =
      std::string("DNS ") + RecordTypeName(q->type) + " " + q->name + ": ";
  switch (status) {
    case ARES_SUCCESS:
      q->promise.set_value(std::vector<unsigned char>(abuf, abuf + alen));
      return;
    case ARES_ENOTFOUND:
      q->promise.set_value(Status::NotFound(
          what + "no such name (NXDOMAIN) at " + servers_,
          what + servers_ + " の応答: その名前は存在しません（NXDOMAIN）"));
      return;
    case ARES_ENODATA:
      q->promise.set_value(Status::NotFound(
          what + "no " + RecordTypeName(q->type) + " record at " + servers_,
          what + servers_ + " に " + RecordTypeName(q->type) +
              " レコードがありません"));
      return;
    case ARES_ETIMEOUT:
      q->promise.set_value(Status::Timeout(
          what + "no answer from " + servers_ + " within " + timeout_text_,
          what + timeout_text_ja_ + " 以内に " + servers_ +
              " から応答がありませんでした"));
      return;
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
    case ARES_ENOTIMP:
    case ARES_EFORMERR: {
      const char* rcode = status == ARES_ESERVFAIL  ? "SERVFAIL"
                          : status == ARES_EREFUSED ? "REFUSED"
                          : status == ARES_ENOTIMP  ? "NOTIMP"
                                                    : "FORMERR";
      q->promise.set_value(Status::Unavailable(
          what + servers_ + " answered " + rcode,
          what + servers_ + " が " + rcode + " を返しました"));
      return;
    }
    case ARES_EBADRESP:
      q->promise.set_value(Status::Unavailable(
          what + "malformed answer from " + servers_,
          what + servers_ + " からの応答の形式が正しくありません"));
      return;
    case ARES_ECONNREFUSED:
      q->promise.set_value(Status::Unavailable(
          what + "connection refused by " + servers_ + " (no DNS server?)",
          what + servers_ +
              " に接続を拒否されました（DNS サーバーが動作していない可能性が"
              "あります）"));
      return;
    case ARES_EBADNAME:
      q->promise.set_value(Status::InvalidArgument(
          what + "not a valid name", what + "正しい名前ではありません"));
      return;
    case ARES_EDESTRUCTION:
    case ARES_ECANCELLED:
      q->promise.set_value(Status::Unavailable(
          what + "resolver shut down",
          what + "DNS の応答を待つ前にリゾルバーが停止しました"));
      return;
    default:
      q->promise.set_value(Status::Unavailable(
          what + ares_strerror(status) + " (" + servers_ + ")",
          what + "DNS の問い合わせに失敗しました（" + servers_ +
              "）: " + ares_strerror(status)));
  }
}

}  // namespace renumber
