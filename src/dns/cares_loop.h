// CaresLoop: one c-ares channel, confined to a thread this class starts.
//
// c-ares 1.18 channels are not thread-safe, so no other thread ever
// touches the channel: callers on any thread hand a question over through
// a queue (waking the loop through an eventfd) and wait on a future; the
// loop starts at most `max_in_flight` queries at once, in the order asked,
// polls the channel's sockets (poll(2), no FD_SETSIZE limit) and lets
// c-ares handle its timeouts and tries.
//
// Answers: the raw reply of a successful query (NOERROR with answers),
// checked by c-ares against the question, or a Status in the Resolver
// contract's codes (kNotFound for NXDOMAIN and NODATA, kTimeout for a
// silent server, kUnavailable for SERVFAIL, REFUSED, a malformed or
// refused reply, or a loop shutting down), naming the question and the
// servers.
//
// Threads: Submit and Await from any thread; the destructor from one,
// after no other thread uses the loop. Queries still open then end with
// kUnavailable.
#ifndef RENUMBER_DNS_CARES_LOOP_H_
#define RENUMBER_DNS_CARES_LOOP_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/core/resolver.h"
#include "src/dns/dns_resolver.h"

struct ares_channeldata;

namespace renumber {

using DnsReply = Result<std::vector<unsigned char>>;

class CaresLoop {
 public:
  // kInvalidArgument for a server c-ares does not take, kUnavailable when
  // the channel or the eventfd cannot be made.
  static Result<std::unique_ptr<CaresLoop>> Start(const DnsOptions& options);
  ~CaresLoop();

  // Queues one question (class IN, recursion desired).
  std::future<DnsReply> Submit(const std::string& name, RecordType type);
  // Its answer. Waits at most as long as c-ares may take (servers, tries,
  // timeout) plus a margin; kTimeout after that.
  DnsReply Await(std::future<DnsReply>& reply) const;

  // The servers asked, "127.0.0.1:5353, 127.0.0.2:53", for messages.
  const std::string& servers() const { return servers_; }
  // The most queries that were on the wire at once (for tests of the
  // bound).
  int max_in_flight_seen() const { return peak_in_flight_.load(); }

 private:
  struct Question;
  CaresLoop() = default;
  Status Init(const DnsOptions& options);
  void Run();
  void StartQueued();
  int PollOnce();
  void Finish(Question* q, int ares_status, const unsigned char* abuf,
              int alen);
  static void OnAnswer(void* arg, int status, int timeouts, unsigned char* abuf,
                       int alen);
  static void OnSocketState(void* data, int fd, int readable, int writable);

  ares_channeldata* channel_ = nullptr;  // loop thread only, after Start
  int wake_fd_ = -1;
  int max_in_flight_ = 16;
  std::chrono::milliseconds wait_limit_{0};
  std::string servers_;
  std::string timeout_text_;
  std::string timeout_text_ja_;

  std::mutex mu_;  // guards queue_ and stop_
  std::deque<std::unique_ptr<Question>> queue_;
  bool stop_ = false;

  // Loop thread only.
  std::map<int, std::pair<bool, bool>> sockets_;  // fd -> (read, write)
  int in_flight_ = 0;
  std::atomic<int> peak_in_flight_{0};
  std::thread thread_;
};

}  // namespace renumber

#endif  // RENUMBER_DNS_CARES_LOOP_H_
