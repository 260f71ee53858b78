// DrainAcceptedConnections over real loopback sockets: the server side of an
// accepted connection is shut down and waited for, the client side and the
// listening socket are left alone.
#include "src/http/connection_drain.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace renumber {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A listening socket on 127.0.0.1 with a kernel-chosen port.
class Listening {
 public:
  Listening() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::listen(fd_, 8) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port_ = ntohs(addr.sin_port);
  }
  ~Listening() { ::close(fd_); }
  int port() const { return port_; }
  int fd() const { return fd_; }
  int Connect() const {
    int c = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port_);
    if (::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(c);
      return -1;
    }
    return c;
  }
  int Accept() const { return ::accept(fd_, nullptr, nullptr); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(ConnectionDrainTest, ShutsTheServerSideAndWaitsForItsOwnerToCloseIt) {
  Listening l;
  ASSERT_GT(l.port(), 0);
  const int client = l.Connect();
  ASSERT_GE(client, 0);
  const int server = l.Accept();
  ASSERT_GE(server, 0);
  // The owner: a blocked read, as the library's pending read on a kept-alive
  // connection; it closes the socket once the read ends.
  std::atomic<ssize_t> got{-2};
  std::thread owner([&] {
    char buf[16];
    got = ::recv(server, buf, sizeof buf, 0);
    ::close(server);
  });
  auto drained = DrainAcceptedConnections(l.port(), seconds(10));
  owner.join();
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 1);
  EXPECT_EQ(got.load(), 0) << "the owner's read ended at end of file";
  // The client's own socket was not shut down: it can still send.
  EXPECT_EQ(::send(client, "x", 1, MSG_NOSIGNAL), 1);
  // The listening socket still accepts.
  const int again = l.Connect();
  EXPECT_GE(again, 0);
  ::close(again);
  ::close(client);
}

TEST(ConnectionDrainTest, AConnectionItsOwnerKeepsIsATimeoutAfterTheShutdown) {
  Listening l;
  ASSERT_GT(l.port(), 0);
  const int client = l.Connect();
  ASSERT_GE(client, 0);
  const int server = l.Accept();
  ASSERT_GE(server, 0);
  auto drained = DrainAcceptedConnections(l.port(), milliseconds(30));
  EXPECT_EQ(drained.status().code(), Code::kTimeout);
  // Shut down all the same: a read ends at once.
  char buf[4];
  EXPECT_EQ(::recv(server, buf, sizeof buf, 0), 0);
  ::close(server);
  ::close(client);
}

TEST(ConnectionDrainTest, AConnectionStillAnsweringIsNotWaitedFor) {
  Listening l;
  ASSERT_GT(l.port(), 0);
  const int client = l.Connect();
  ASSERT_GE(client, 0);
  const int server = l.Accept();
  ASSERT_GE(server, 0);
  // Its handler is busy: nobody closes it, and the drain does not wait for
  // it (a deadline this long would fail the test by Timeout if it did).
  auto drained =
      DrainAcceptedConnections(l.port(), seconds(60), [] { return 1; });
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 1);
  char buf[4];
  EXPECT_EQ(::recv(server, buf, sizeof buf, 0), 0) << "shut down all the same";
  ::close(server);
  ::close(client);
}

TEST(ConnectionDrainTest, NoConnectionIsNothingToDo) {
  Listening l;
  ASSERT_GT(l.port(), 0);
  auto drained = DrainAcceptedConnections(l.port(), milliseconds(30));
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 0);
}

}  // namespace
}  // namespace renumber
