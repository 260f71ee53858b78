// Test support for the CDN simulator's conformance suite: a loopback HTTP
// server whose handler is the SimApi itself (no SimHost), a real cpprest
// client, hand-made customers and small request helpers. Requests are built
// by hand from cdn.md in each test; nothing here encodes a contract body.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFORMANCE_FIXTURE_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFORMANCE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/http/server.h"
#include "src/http/transport.h"
#include "src/sim/sim_api.h"
#include "src/sim/world.h"

namespace renumber::cdnsim::testing {

// Ten customers, CDN ranks 0..7 (shapes 0..7: C-10002 one, C-10003
// director, C-10004 images, C-10005 conditions, C-10006 production,
// C-10007 at-limit, C-10008 hidden, C-10009 compute); C-10007 and C-10008
// are IPv6. Tokens are "cdn-token-<id>".
std::vector<SimCustomer> TestCustomers();
std::string TokenOf(const std::string& customer_id);

class CdnConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // One request; a transport failure fails the test and returns status 0.
  HttpResponse Send(
      const std::string& method, const std::string& path,
      const std::string& token, const std::string& body = "",
      const std::string& content_type = "application/x-www-form-urlencoded");
  HttpResponse Get(const std::string& path,
                   const std::string& token = TokenOf("C-10003"));
  HttpResponse Put(const std::string& path, const std::string& body = "",
                   const std::string& token = TokenOf("C-10003"));
  HttpResponse Post(const std::string& path, const std::string& body = "",
                    const std::string& token = TokenOf("C-10003"));
  HttpResponse Delete(const std::string& path,
                      const std::string& token = TokenOf("C-10003"));

  // The body as JSON (a parse failure fails the test).
  static nlohmann::json Json(const HttpResponse& r);
  // An admin request (SimApi::HandleAdmin): GET `path_and_query`.
  HttpResponse Admin(const std::string& path_and_query);
  // Expects `status` and {"msg": msg, "detail": <string>}; returns detail.
  static std::string ExpectError(const HttpResponse& r, int status,
                                 const std::string& msg);

  // The id of a customer's n-th service (0-based), via GET /service.
  std::string ServiceId(const std::string& customer_id, int n = 0);
  // "/service/<sid>/version/<v>" of a customer's service.
  std::string VersionPath(const std::string& customer_id, int v, int n = 0);
  // Clones the active version of a customer's service; returns its number.
  int CloneActive(const std::string& customer_id, int n = 0);
  SimCall last_call();

  FakeClock clock_;
  std::unique_ptr<SimApi> api_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<HttpTransport> client_;

 private:
  std::mutex mu_;
  SimCall last_call_;
};

}  // namespace renumber::cdnsim::testing

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_CONFORMANCE_FIXTURE_H_
