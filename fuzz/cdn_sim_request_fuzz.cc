// The CDN simulator's request handling (`renumber sim` serves it on
// loopback to whoever connects): one HTTP request decoded from the input
// and handed to a fresh simulator of six seeded customers, in process.
//
// Input: the method on the first line, the path (with ?query) on the
// second, header lines up to an empty line, then the body (form-encoded
// for writes, cdn.md "Transport"). "@SID" in the path stands for the first
// service of the first CDN customer, so that seeds reach the per-service
// handlers. Without a Fastly-Key header that customer's token is added, so
// that the fuzzer gets past authentication to the handlers.
#include <cstdint>
#include <string>

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "fuzz/fuzz_support.h"
#include "src/core/time.h"
#include "src/sim/sim_vendors.h"
#include "src/sim/world.h"

namespace {

renumber::ServerRequest Decode(const std::string& text, const std::string& sid,
                               const renumber::SimCustomer& who) {
  renumber::ServerRequest r =
      renumber::fuzz::DecodeRequest(text, [&sid](std::string* target) {
        for (size_t p = target->find("@SID"); p != std::string::npos;
             p = target->find("@SID", p + sid.size()))
          target->replace(p, 4, sid);
      });
  if (!r.headers.Get("Fastly-Key"))
    r.headers.Add("Fastly-Key", who.Credential("cdn", "api_token"));
  return r;
}

// The first service id the simulator lists for `who` ("" when none).
std::string FirstService(renumber::SimApi* sim,
                         const renumber::SimCustomer& who) {
  renumber::ServerRequest list;
  list.method = "GET";
  renumber::fuzz::SetTarget("/service?page=1&per_page=1", &list);
  list.headers.Add("Fastly-Key", who.Credential("cdn", "api_token"));
  renumber::SimCall call;
  renumber::ServerResponse r = sim->Handle(list, &call);
  auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array() || j.empty() || !j[0].is_object()) return "";
  return j[0].value("id", "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static renumber::FakeClock* clock = new renumber::FakeClock;
  static const std::vector<renumber::SimCustomer> customers = [] {
    auto all = renumber::SeedCustomers(6, "2026-12-10T06:00:00Z");
    std::vector<renumber::SimCustomer> cdn;
    for (const auto& c : all)
      if (c.Has("cdn")) cdn.push_back(c);
    return cdn;
  }();
  if (customers.empty()) return 0;
  auto sim = renumber::NewCdnSimApi(customers, clock);
  const std::string sid = FirstService(sim.get(), customers[0]);
  const renumber::ServerRequest request =
      Decode(std::string(reinterpret_cast<const char*>(data), size), sid,
             customers[0]);
  (void)sim->AccountOf(request);
  renumber::SimCall call;
  (void)sim->Handle(request, &call);
  // A second request on the state the first one left (a write, then a
  // read of what it changed).
  renumber::ServerRequest read = request;
  read.method = "GET";
  read.body.clear();
  (void)sim->Handle(read, &call);
  (void)sim->SaveState();
  return 0;
}
