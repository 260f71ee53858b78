// The CDN adapter's decoding of its vendor's answers (cdn.md, revision 2):
// the input is the body of every answer, first with status 200 (the
// service list, details, versions, backends, directors, domains, VCL,
// snippets and pools that ReadAccount walks) and then with 400, 409 and 503
// (the error JSON, whose text is scrubbed and cut), through the real
// CdnClient over a transport that answers with it. Whatever decodes must
// encode back and decode again, and the token the client holds never
// appears in an error.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_read.h"
#include "fuzz/fuzz_support.h"
#include "src/http/transport.h"

namespace {

constexpr char kToken[] = "fuzz-cdn-token-7215ee9c7d9dc229d";

void CheckNoSecret(const renumber::Status& s) {
  if (s.message().find(kToken) != std::string::npos) std::abort();
}

renumber::Target FuzzTarget() {
  renumber::Target t;
  t.account.customer = "C-10001";
  t.account.service = renumber::Service("cdn");
  t.old_ip = renumber::IpAddress::Parse("198.18.0.10").value();
  t.new_ip = renumber::IpAddress::Parse("198.19.0.10").value();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  const renumber::Target target = FuzzTarget();
  for (int status : {200, 400, 409, 503}) {
    renumber::fuzz::AnswerWith transport(status, body, "Content-Type",
                                         "application/json");
    renumber::cdn::CdnClient client(&transport, "C-10001/cdn",
                                    "https://cdn.example.net",
                                    renumber::Secret(kToken));
    auto services = renumber::cdn::ReadAccount(&client, target);
    if (!services.ok()) CheckNoSecret(services.status());
    auto page = client.GetPage("/service?page=1&per_page=100");
    if (!page.ok()) CheckNoSecret(page.status());
    renumber::VendorReply reply = client.Write(
        "PUT", "/service/SU1/version/2/clone", {}, renumber::RetryMode::kNever);
    CheckNoSecret(reply.error);
  }
  return 0;
}
