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

// A listening socket and, after Connect(), one connection accepted on it:
// its client side and its server side, closed at the end unless a test
// closed them (and set them to -1).
class ConnectionDrainTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GT(listening_.port(), 0); }
  void TearDown() override {
    if (server_ >= 0) ::close(server_);
    if (client_ >= 0) ::close(client_);
  }
  void Connect() {
    client_ = listening_.Connect();
    ASSERT_GE(client_, 0);
    server_ = listening_.Accept();
    ASSERT_GE(server_, 0);
  }
  // A read on the server side ends at once (end of file): it was shut down.
  bool ServerSideShutDown() {
    char buf[4];
    return ::recv(server_, buf, sizeof buf, 0) == 0;
  }

  Listening listening_;
  int client_ = -1;
  int server_ = -1;
};

TEST_F(ConnectionDrainTest, ShutsTheServerSideAndWaitsForItsOwnerToCloseIt) {
  ASSERT_NO_FATAL_FAILURE(Connect());
  // The owner: a blocked read, as the library's pending read on a kept-alive
  // connection; it closes the socket once the read ends.
  std::atomic<ssize_t> got{-2};
  const int server = server_;
  server_ = -1;
  std::thread owner([&] {
    char buf[16];
    got = ::recv(server, buf, sizeof buf, 0);
    ::close(server);
  });
  auto drained = DrainAcceptedConnections(listening_.port(), seconds(10));
  owner.join();
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 1);
  EXPECT_EQ(got.load(), 0) << "the owner's read ended at end of file";
  // The client's own socket was not shut down: it can still send.
  EXPECT_EQ(::send(client_, "x", 1, MSG_NOSIGNAL), 1);
  // The listening socket still accepts.
  const int again = listening_.Connect();
  EXPECT_GE(again, 0);
  ::close(again);
}

TEST_F(ConnectionDrainTest,
       AConnectionItsOwnerKeepsIsATimeoutAfterTheShutdown) {
  ASSERT_NO_FATAL_FAILURE(Connect());
  auto drained = DrainAcceptedConnections(listening_.port(), milliseconds(30));
  EXPECT_EQ(drained.status().code(), Code::kTimeout);
  EXPECT_TRUE(ServerSideShutDown()) << "shut down all the same";
}

TEST_F(ConnectionDrainTest, AConnectionStillAnsweringIsNotWaitedFor) {
  ASSERT_NO_FATAL_FAILURE(Connect());
  // Its handler is busy: nobody closes it, and the drain does not wait for
  // it (a deadline this long would fail the test by Timeout if it did).
  auto drained = DrainAcceptedConnections(listening_.port(), seconds(60),
                                          [] { return 1; });
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 1);
  EXPECT_TRUE(ServerSideShutDown()) << "shut down all the same";
}

TEST_F(ConnectionDrainTest, NoConnectionIsNothingToDo) {
  auto drained = DrainAcceptedConnections(listening_.port(), milliseconds(30));
  ASSERT_TRUE(drained.ok()) << drained.status().ToString();
  EXPECT_EQ(*drained, 0);
}

}  // namespace
}  // namespace renumber
