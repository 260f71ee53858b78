#include "adapters/cdn/simulator/conformance_fixture.h"

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "src/http/test_server.h"

namespace renumber::cdnsim::testing {

std::vector<SimCustomer> TestCustomers() {
  std::vector<SimCustomer> out;
  for (int i = 0; i < 10; ++i) {
    SimCustomer c;
    c.id = "C-" + std::to_string(10001 + i);
    c.index = i;
    bool v6 = i == 6 || i == 7;
    std::string n = std::to_string(i + 1);
    c.old_ip = v6 ? "2001:db8:a::" + n : "198.18.0." + n;
    c.new_ip = v6 ? "2001:db8:b::" + n : "198.19.0." + n;
    if (i % 2 == 0) c.services.push_back({"ess", {}});
    if (i >= 1 && i <= 8)
      c.services.push_back({"cdn", {{"api_token", TokenOf(c.id)}}});
    out.push_back(c);
  }
  return out;
}

std::string TokenOf(const std::string& customer_id) {
  return "cdn-token-" + customer_id;
}

void CdnConformanceTest::SetUp() {
  InitHttpRuntime(64);
  api_ = NewCdnSimApi(TestCustomers(), &clock_);
  auto server = StartLoopbackServer([this](const ServerRequest& request) {
    SimCall call;
    ServerResponse response = api_->Handle(request, &call);
    std::lock_guard<std::mutex> lock(mu_);
    last_call_ = call;
    return response;
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(server).value();
  client_ = NewCpprestTransport({});
}

void CdnConformanceTest::TearDown() {
  if (server_) server_->Stop();
}

HttpResponse CdnConformanceTest::Send(const std::string& method,
                                      const std::string& path,
                                      const std::string& token,
                                      const std::string& body,
                                      const std::string& content_type) {
  HttpRequest request;
  request.method = method;
  request.url = server_->base_url() + path;
  if (!token.empty()) request.headers.Set("Fastly-Key", token);
  if (!body.empty()) {
    request.headers.Set("Content-Type", content_type);
    request.body = body;
  }
  auto response = client_->Send(request);
  if (!response.ok()) {
    ADD_FAILURE() << method << " " << path << ": "
                  << response.status().ToString();
    return HttpResponse{};
  }
  return std::move(response).value();
}

HttpResponse CdnConformanceTest::Get(const std::string& path,
                                     const std::string& token) {
  return Send("GET", path, token);
}
HttpResponse CdnConformanceTest::Put(const std::string& path,
                                     const std::string& body,
                                     const std::string& token) {
  return Send("PUT", path, token, body);
}
HttpResponse CdnConformanceTest::Post(const std::string& path,
                                      const std::string& body,
                                      const std::string& token) {
  return Send("POST", path, token, body);
}
HttpResponse CdnConformanceTest::Delete(const std::string& path,
                                        const std::string& token) {
  return Send("DELETE", path, token);
}

HttpResponse CdnConformanceTest::Admin(const std::string& path_and_query) {
  ServerRequest request;
  request.method = "GET";
  size_t q = path_and_query.find('?');
  request.path = path_and_query.substr(0, q);
  request.raw_path = request.path;
  if (q != std::string::npos) {
    request.query = path_and_query.substr(q + 1);
    size_t eq = request.query.find('=');
    request.query_params[request.query.substr(0, eq)] =
        eq == std::string::npos ? "" : request.query.substr(eq + 1);
  }
  auto served = api_->HandleAdmin(request);
  HttpResponse out;
  if (!served) {
    out.status = 404;
    return out;
  }
  out.status = served->status;
  out.headers = served->headers;
  out.body = served->body;
  return out;
}

nlohmann::json CdnConformanceTest::Json(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) ADD_FAILURE() << "not JSON: " << r.body;
  return j;
}

std::string CdnConformanceTest::ExpectError(const HttpResponse& r, int status,
                                            const std::string& msg) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.headers.GetOr("Content-Type", ""), "application/json");
  nlohmann::json j = Json(r);
  EXPECT_TRUE(j.is_object()) << r.body;
  if (!j.is_object()) return "";
  EXPECT_EQ(j.value("msg", ""), msg) << r.body;
  EXPECT_TRUE(j.contains("detail") && j["detail"].is_string()) << r.body;
  return j.value("detail", "");
}

std::string CdnConformanceTest::ServiceId(const std::string& customer_id,
                                          int n) {
  nlohmann::json list = Json(Get("/service", TokenOf(customer_id)));
  if (!list.is_array() || static_cast<int>(list.size()) <= n) {
    ADD_FAILURE() << customer_id << " has no service " << n;
    return "missing";
  }
  return list[n]["id"].get<std::string>();
}

std::string CdnConformanceTest::VersionPath(const std::string& customer_id,
                                            int v, int n) {
  return "/service/" + ServiceId(customer_id, n) + "/version/" +
         std::to_string(v);
}

int CdnConformanceTest::CloneActive(const std::string& customer_id, int n) {
  std::string sid = ServiceId(customer_id, n);
  nlohmann::json list = Json(Get("/service", TokenOf(customer_id)));
  int active = list[n]["version"].get<int>();
  HttpResponse r =
      Put("/service/" + sid + "/version/" + std::to_string(active) + "/clone",
          "", TokenOf(customer_id));
  EXPECT_EQ(r.status, 200) << r.body;
  return Json(r).value("number", 0);
}

SimCall CdnConformanceTest::last_call() {
  std::lock_guard<std::mutex> lock(mu_);
  return last_call_;
}

}  // namespace renumber::cdnsim::testing
