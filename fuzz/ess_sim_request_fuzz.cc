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
#include "fuzz/fuzz_support.h"
#include "src/core/time.h"
#include "src/sim/basic_auth.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/world.h"

namespace {

renumber::ServerRequest Decode(const std::string& text,
                               const renumber::SimCustomer& who) {
  renumber::ServerRequest r =
      renumber::fuzz::DecodeRequest(text, [](std::string*) {});
  if (!r.headers.Get("Authorization"))
    r.headers.Add("Authorization",
                  "Basic " + renumber::Base64Encode(
                                 who.Credential("ess", "username") + ":" +
                                 who.Credential("ess", "password")));
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static renumber::FakeClock* clock = new renumber::FakeClock;
  static const std::vector<renumber::SimCustomer> customers = [] {
    auto all = renumber::SeedCustomers(6, "2026-12-10T06:00:00Z");
    std::vector<renumber::SimCustomer> ess;
    for (const auto& c : all)
      if (c.Has("ess")) ess.push_back(c);
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
