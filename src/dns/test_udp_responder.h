// Test support: a tiny UDP "name server" on a free loopback port that
// misbehaves on purpose — it stays silent, answers every question with
// SERVFAIL or REFUSED, or sends a reply that cannot be parsed — and counts
// the queries it saw. Real servers cannot be told to fail like this.
//
// The replies are built from the query itself (its header and question,
// with the answer bit and the response code changed): nothing is parsed
// beyond the 12-byte header.
//
// Threads: serves on a thread of its own until destroyed; queries() from
// any thread.
#ifndef RENUMBER_DNS_TEST_UDP_RESPONDER_H_
#define RENUMBER_DNS_TEST_UDP_RESPONDER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "src/core/status.h"

namespace renumber {

class TestUdpResponder {
 public:
  enum class Mode { kSilent, kServfail, kRefused, kMalformed };
  static Result<std::unique_ptr<TestUdpResponder>> Start(Mode mode);
  ~TestUdpResponder();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  int queries() const { return queries_.load(); }

 private:
  TestUdpResponder() = default;
  void Serve();

  Mode mode_ = Mode::kSilent;
  int fd_ = -1;
  int stop_fd_ = -1;
  int port_ = 0;
  std::atomic<int> queries_{0};
  std::thread thread_;
};

}  // namespace renumber

#endif  // RENUMBER_DNS_TEST_UDP_RESPONDER_H_
