// The ESS adapter's decoding of its vendor's answers (ess.md, revision 2):
// the input is the body of every answer, first with status 200 (routes of
// the default and a custom collection, outbound servers, named routes,
// domain pages) and then with 400 and 503 (the error JSON whose message
// is scrubbed and cut), through the real EssClient over a transport that
// answers with it. Nothing may crash, and the password the client holds
// never appears in an error.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "adapters/ess/ess_client.h"
#include "adapters/ess/ess_wire.h"
#include "fuzz/fuzz_support.h"
#include "src/http/transport.h"

namespace {

constexpr char kPassword[] = "fuzz-ess-password-5d41402abc";

void CheckNoSecret(const renumber::Status& s) {
  if (s.message().find(kPassword) != std::string::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  for (int status : {200, 400, 503}) {
    renumber::fuzz::AnswerWith transport(status, body, "ETag", "\"e1\"");
    renumber::ess::EssClient client(&transport, "https://ess.example.net",
                                    "C-10001/ess", "admin@c10001.example.jp",
                                    renumber::Secret(kPassword));
    for (const char* domain : {"", "example.jp"}) {
      auto routes = client.GetRoutes(domain);
      if (!routes.ok()) CheckNoSecret(routes.status());
    }
    auto outbound = client.GetOutbound();
    if (!outbound.ok()) CheckNoSecret(outbound.status());
    auto named = client.GetNamedRoutes();
    if (!named.ok()) CheckNoSecret(named.status());
    if (status == 200) {
      // Paging stops on an empty or repeated page (the same body answers
      // every page here).
      auto domains = client.ListDomains();
      if (!domains.ok()) CheckNoSecret(domains.status());
    }
    renumber::ess::PostReply reply = client.Post(
        "/v1/inbound-routes", {{"address", "198.19.0.1"}}, "\"e1\"");
    CheckNoSecret(reply.error);
  }
  return 0;
}
