// renumber_transport_floor: what one request costs in CPU through the HTTP
// stack alone — HttpTransport over cpprestsdk, on loopback, with no vendor
// logic, journal or engine — so that renumber_bench's "CPU (% of wall)" can
// be read against the floor the fixed stack sets (issue 15: CPU < 5% of
// wall). Not a test: it measures and prints.
//
//   renumber_transport_floor [--requests N] [--jobs J] [--latency-ms MS]
//                            [--body-bytes B]
//
// The server (the simulators' own HttpServer) runs in a forked child, so
// getrusage(RUSAGE_SELF) of this process counts the client side only: the
// job threads, cpprest's pool and the kernel's work on their behalf. The
// client is set up as `renumber` sets it up (HttpPoolThreadsFor(jobs) pool
// threads, one kept-alive client per origin, GETs). The server answers every
// GET after --latency-ms with a JSON body of --body-bytes.
//
// Prints wall, CPU (user + system) per request and, at the rate the jobs
// kept, CPU as a share of wall: the least `renumber` can spend at that rate
// with this stack.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "src/http/server.h"
#include "src/http/transport.h"

namespace renumber {
namespace {

struct Options {
  int requests = 20000;
  int jobs = 32;
  int latency_ms = 20;
  int body_bytes = 1200;  // about a CDN backend list of one backend
};

const char kUsage[] =
    "usage: renumber_transport_floor [--requests N] [--jobs J] "
    "[--latency-ms MS] [--body-bytes B]\n";

bool ParseOptions(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return false;
    int v = std::atoi(argv[++i]);
    if (v < 0 || (v == 0 && a != "--latency-ms")) return false;
    if (a == "--requests") {
      o->requests = v;
    } else if (a == "--jobs") {
      o->jobs = v;
    } else if (a == "--latency-ms") {
      o->latency_ms = v;
    } else if (a == "--body-bytes") {
      o->body_bytes = v;
    } else {
      return false;
    }
  }
  return o->requests >= o->jobs;  // at least one request per job
}

// The child: writes one byte to `ready_fd` once it listens (or exits,
// which the parent reads as end of file), then serves until the parent
// closes its end of `stop_fd`'s pipe (when done or when it dies). Never
// returns.
[[noreturn]] void Serve(int port, const Options& o, int ready_fd, int stop_fd) {
  InitHttpRuntime(64);
  std::string body = "{\"data\":\"" + std::string(o.body_bytes, 'x') + "\"}";
  ServerOptions so;
  so.port = port;
  const auto latency = std::chrono::milliseconds(o.latency_ms);
  auto server = StartHttpServer(so, [&](const ServerRequest&) {
    // The vendor's latency being modelled, not a wait for an event.
    if (latency.count() > 0) std::this_thread::sleep_for(latency);
    ServerResponse r;
    r.headers.Add("Content-Type", "application/json");
    r.body = body;
    return r;
  });
  if (!server.ok()) {
    std::cerr << server.status().ToString() << "\n";
    _exit(2);
  }
  const char up = 1;
  if (write(ready_fd, &up, 1) != 1) _exit(2);
  close(ready_fd);
  char c;
  while (read(stop_fd, &c, 1) > 0) {
  }
  (*server)->Stop();
  _exit(0);
}

double Seconds(const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; }

int Run(const Options& o) {
  auto port = FindFreeLoopbackPort();
  if (!port.ok()) {
    std::cerr << port.status().ToString() << "\n";
    return 2;
  }
  int ready[2], stop[2];
  if (pipe(ready) != 0 || pipe(stop) != 0) return 2;
  pid_t child = fork();  // before any thread exists in this process
  if (child < 0) return 2;
  if (child == 0) {
    close(ready[0]);
    close(stop[1]);
    Serve(*port, o, ready[1], stop[0]);
  }
  close(ready[1]);
  close(stop[0]);
  char up = 0;
  const bool listening = read(ready[0], &up, 1) == 1;
  close(ready[0]);
  if (!listening) {
    std::cerr << "the server did not start\n";
    waitpid(child, nullptr, 0);
    return 2;
  }

  InitHttpRuntime(HttpPoolThreadsFor(o.jobs));
  auto transport = NewCpprestTransport({});
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(*port) + "/service/x/details";
  req.headers.Add("Fastly-Key", "floor-bench-not-a-secret");
  req.timeout = std::chrono::milliseconds(10000);
  auto send_all = [&](int count, std::atomic<int>* failed) {
    for (int i = 0; i < count; ++i)
      if (!transport->Send(req).ok()) failed->fetch_add(1);
  };
  std::atomic<int> failed{0};
  {  // one request per job opens the connections, outside the measurement
    std::vector<std::thread> warm;
    for (int j = 0; j < o.jobs; ++j) warm.emplace_back(send_all, 1, &failed);
    for (auto& t : warm) t.join();
  }

  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  const int per_job = o.requests / o.jobs;
  for (int j = 0; j < o.jobs; ++j)
    threads.emplace_back(send_all, per_job, &failed);
  for (auto& t : threads) t.join();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  getrusage(RUSAGE_SELF, &after);
  close(stop[1]);
  waitpid(child, nullptr, 0);

  const int n = per_job * o.jobs;
  const double user = Seconds(after.ru_utime) - Seconds(before.ru_utime);
  const double sys = Seconds(after.ru_stime) - Seconds(before.ru_stime);
  std::printf(
      "transport floor: %d GETs, --jobs %d, latency %d ms, body %d bytes, "
      "%d failed\n"
      "  wall %.2f s (%.0f requests/s), %.2f ms per request per job\n"
      "  client CPU %.2f s (user %.2f, system %.2f) = %.0f us per request = "
      "%.1f%% of wall\n",
      n, o.jobs, o.latency_ms, o.body_bytes, failed.load(), wall, n / wall,
      wall * o.jobs * 1000.0 / n, user + sys, user, sys, (user + sys) * 1e6 / n,
      100.0 * (user + sys) / wall);
  return failed.load() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace renumber

int main(int argc, char** argv) {
  renumber::Options o;
  if (!renumber::ParseOptions(argc, argv, &o)) {
    std::cerr << renumber::kUsage;
    return 2;
  }
  return renumber::Run(o);
}
