// The ESS simulator's request handling (`renumber sim` serves it on
// loopback to whoever connects): one HTTP request decoded from the input
// and handed to a fresh simulator of three seeded customers, in process.
//
// Input: the method on the first line, the path (with ?query) on the
// second, header lines up to an empty line, then the body. Without an
// Authorization header the first customer's valid Basic credentials are
// added, so that the fuzzer gets past authentication to the handlers.
#include <cstdint>
#include <string>

#include "adapters/ess/simulator/ess_sim.h"
#include "src/core/time.h"
#include "src/sim/basic_auth.h"
#include "src/sim/world.h"

namespace {

std::string NextLine(const std::string& text, size_t* at) {
  if (*at > text.size()) return "";
  size_t nl = text.find('\n', *at);
  if (nl == std::string::npos) nl = text.size();
  std::string line = text.substr(*at, nl - *at);
  *at = nl + 1;
  return line;
}

renumber::ServerRequest Decode(const std::string& text,
                               const renumber::SimCustomer& who) {
  renumber::ServerRequest r;
  size_t at = 0;
  r.method = NextLine(text, &at);
  std::string target = NextLine(text, &at);
  size_t q = target.find('?');
  r.path = r.raw_path = target.substr(0, q);
  if (q != std::string::npos) {
    r.query = target.substr(q + 1);
    size_t start = 0;
    while (start <= r.query.size()) {
      size_t amp = r.query.find('&', start);
      if (amp == std::string::npos) amp = r.query.size();
      std::string pair = r.query.substr(start, amp - start);
      size_t eq = pair.find('=');
      r.query_params[pair.substr(0, eq)] =
          eq == std::string::npos ? "" : pair.substr(eq + 1);
      start = amp + 1;
    }
  }
  for (std::string line = NextLine(text, &at); !line.empty();
       line = NextLine(text, &at)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) break;
    size_t v = line.find_first_not_of(' ', colon + 1);
    r.headers.Add(line.substr(0, colon),
                  v == std::string::npos ? "" : line.substr(v));
  }
  if (at < text.size()) r.body = text.substr(at);
  if (!r.headers.Get("Authorization"))
    r.headers.Add("Authorization",
                  "Basic " + renumber::Base64Encode(who.ess_username + ":" +
                                                    who.ess_password));
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static renumber::FakeClock* clock = new renumber::FakeClock;
  static const std::vector<renumber::SimCustomer> customers = [] {
    auto all = renumber::SeedCustomers(6, "2026-12-10T06:00:00Z");
    std::vector<renumber::SimCustomer> ess;
    for (const auto& c : all)
      if (c.has_ess) ess.push_back(c);
    return ess;
  }();
  if (customers.empty()) return 0;
  renumber::ess_sim::EssSim sim(customers, clock);
  // Checks of loopback addresses would open real SMTP connections.
  (void)sim.Configure({{"check_loopback_smtp", false}});
  const renumber::ServerRequest request = Decode(
      std::string(reinterpret_cast<const char*>(data), size), customers[0]);
  (void)sim.AccountOf(request);
  renumber::SimCall call;
  (void)sim.Handle(request, &call);
  // A second request on the state the first one left (a write, then a
  // read of the collection it changed).
  renumber::ServerRequest list = request;
  list.method = "GET";
  list.body.clear();
  (void)sim.Handle(list, &call);
  (void)sim.SaveState();
  return 0;
}
