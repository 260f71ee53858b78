// Conformance (cdn.md "Backend"): list, get, create with defaults, every
// field, duplicates, update and rename, delete, field validation and the
// form encoding.
#include "adapters/cdn/simulator/conformance_fixture.h"

namespace renumber::cdnsim::testing {
namespace {

using nlohmann::json;

class CdnBackendsTest : public CdnConformanceTest {
 protected:
  void SetUp() override {
    CdnConformanceTest::SetUp();
    sid_ = ServiceId("C-10003");
    int v = CloneActive("C-10003");
    draft_ = "/service/" + sid_ + "/version/" + std::to_string(v);
  }
  std::string sid_, draft_;
};

TEST_F(CdnBackendsTest, ListAndGetAreShapedLikeTheRealService) {
  json list = Json(Get(draft_ + "/backend"));
  ASSERT_EQ(list.size(), 4u);
  json b = list[0];
  EXPECT_EQ(b["name"], "origin_1");
  EXPECT_EQ(b["address"], "198.18.0.3");
  EXPECT_EQ(b["ipv4"], "198.18.0.3");  // derived from address
  EXPECT_TRUE(b["ipv6"].is_null());
  EXPECT_TRUE(b["hostname"].is_null());
  EXPECT_EQ(b["port"], 443);
  EXPECT_EQ(b["use_ssl"], true);
  EXPECT_EQ(b["override_host"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_cert_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_sni_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_check_cert"], true);
  EXPECT_EQ(b["healthcheck"], "hc_root");
  EXPECT_EQ(b["auto_loadbalance"], false);
  EXPECT_EQ(b["weight"], 100);
  EXPECT_TRUE(b["shield"].is_null());
  EXPECT_TRUE(b["share_key"].is_null());
  EXPECT_EQ(b["request_condition"], "");
  EXPECT_EQ(b["service_id"], sid_);
  EXPECT_EQ(b["version"], 3);
  // Fields the contract does not name are there too, null when unset.
  for (const char* k : {"created_at", "updated_at"})
    EXPECT_TRUE(b[k].is_string()) << k;
  for (const char* k : {"deleted_at", "ssl_ca_cert", "ssl_client_cert",
                        "ssl_client_key", "min_tls_version"})
    EXPECT_TRUE(b.contains(k) && b[k].is_null()) << k;
  HttpResponse one = Get(draft_ + "/backend/origin_1");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Json(one), b);
  EXPECT_EQ(last_call().endpoint,
            "GET /service/{sid}/version/{v}/backend/{name}");
  // A host-name backend has hostname, not ipv4.
  EXPECT_EQ(list[3]["name"], "legacy");
  EXPECT_EQ(list[3]["hostname"], "origin.c10003.example.jp");
  EXPECT_TRUE(list[3]["ipv4"].is_null());
  EXPECT_EQ(list[3]["request_condition"], "is_legacy");
}

TEST_F(CdnBackendsTest, SettingTheAddressSetsTheFittingFieldAndClearsTheRest) {
  auto set = [&](const std::string& address) {
    HttpResponse r = Put(draft_ + "/backend/origin_1", "address=" + address);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  };
  json v6 = set("2001%3Adb8%3Ab%3A%3A3");
  EXPECT_EQ(v6["ipv6"], "2001:db8:b::3");
  EXPECT_TRUE(v6["ipv4"].is_null());
  json host = set("new.c10003.example.jp");
  EXPECT_EQ(host["hostname"], "new.c10003.example.jp");
  EXPECT_TRUE(host["ipv6"].is_null());
  json v4 = set("198.19.0.3");
  EXPECT_EQ(v4["ipv4"], "198.19.0.3");
  EXPECT_TRUE(v4["hostname"].is_null());
  // Nothing else moved with it.
  EXPECT_EQ(v4["healthcheck"], "hc_root");
  EXPECT_EQ(v4["port"], 443);
}

TEST_F(CdnBackendsTest, GetUnknownBackendIs404) {
  std::string detail =
      ExpectError(Get(draft_ + "/backend/nope"), 404, "Record not found");
  EXPECT_NE(detail.find("nope"), std::string::npos);
  ExpectError(Put(draft_ + "/backend/nope", "port=81"), 404,
              "Record not found");
  ExpectError(Delete(draft_ + "/backend/nope"), 404, "Record not found");
}

TEST_F(CdnBackendsTest, CreateWithOnlyNameAndAddressTakesDefaults) {
  HttpResponse r = Post(draft_ + "/backend", "name=extra&address=198.19.0.3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint, "POST /service/{sid}/version/{v}/backend");
  json expected = {{"name", "extra"},
                   {"address", "198.19.0.3"},
                   {"port", 80},
                   {"use_ssl", false},
                   {"override_host", nullptr},
                   {"ssl_cert_hostname", nullptr},
                   {"ssl_sni_hostname", nullptr},
                   {"ssl_check_cert", true},
                   {"healthcheck", nullptr},
                   {"auto_loadbalance", false},
                   {"weight", 100},
                   {"shield", nullptr},
                   {"request_condition", ""},
                   {"share_key", nullptr},
                   {"connect_timeout", 1000},
                   {"first_byte_timeout", 15000},
                   {"between_bytes_timeout", 10000},
                   {"max_conn", 200},
                   {"comment", ""},
                   {"service_id", sid_},
                   {"version", 3}};
  json got = Json(r);
  for (const auto& [k, v] : expected.items()) EXPECT_EQ(got[k], v) << k;
  EXPECT_EQ(Json(Get(draft_ + "/backend/extra")), got);
  EXPECT_EQ(Json(Get(draft_ + "/backend")).size(), 5u);
}

TEST_F(CdnBackendsTest, CreateSetsEveryFieldAndDecodesTheForm) {
  std::string body =
      "name=origin_1_new&address=198.19.0.3&port=443&use_ssl=1"
      "&override_host=www.c10003.example.jp"
      "&ssl_cert_hostname=www.c10003.example.jp"
      "&ssl_sni_hostname=www.c10003.example.jp&ssl_check_cert=false"
      "&healthcheck=hc_root&auto_loadbalance=true&weight=50"
      "&shield=tyo-tokyo-jp&request_condition=is_legacy&share_key=site"
      "&connect_timeout=2000&first_byte_timeout=30000"
      "&between_bytes_timeout=20000&max_conn=300"
      "&comment=twin+of+origin_1+%28%E6%96%B0%29%26more"
      "&unknown_field=ignored&ipv4=1.2.3.4";
  HttpResponse r = Post(draft_ + "/backend", body);
  ASSERT_EQ(r.status, 200) << r.body;
  json b = Json(r);
  EXPECT_EQ(b["port"], 443);
  EXPECT_EQ(b["use_ssl"], true);
  EXPECT_EQ(b["ssl_check_cert"], false);
  EXPECT_EQ(b["auto_loadbalance"], true);
  EXPECT_EQ(b["healthcheck"], "hc_root");
  EXPECT_EQ(b["weight"], 50);
  EXPECT_EQ(b["shield"], "tyo-tokyo-jp");
  EXPECT_EQ(b["request_condition"], "is_legacy");
  EXPECT_EQ(b["share_key"], "site");
  EXPECT_EQ(b["override_host"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_cert_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_sni_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["connect_timeout"], 2000);
  EXPECT_EQ(b["first_byte_timeout"], 30000);
  EXPECT_EQ(b["between_bytes_timeout"], 20000);
  EXPECT_EQ(b["max_conn"], 300);
  EXPECT_EQ(b["comment"], "twin of origin_1 (\xE6\x96\xB0)&more");
  EXPECT_FALSE(b.contains("unknown_field"));
  EXPECT_EQ(b["ipv4"], "198.19.0.3");  // derived, never taken from the form
}

TEST_F(CdnBackendsTest, AddressesOfEveryKindAreAccepted) {
  for (const char* address : {"2001%3Adb8%3A%3A1"}) {
    std::string name = "b" + std::to_string(std::hash<std::string>()(address));
    HttpResponse r =
        Post(draft_ + "/backend", "name=" + name + "&address=" + address);
    EXPECT_EQ(r.status, 200) << address << " " << r.body;
  }
  EXPECT_EQ(Json(Get(draft_ + "/backend")).size(), 5u);  // the limit
}

TEST_F(CdnBackendsTest, BadFieldsAre400AndChangeNothing) {
  const std::vector<std::string> bodies = {
      "address=198.19.0.3",                  // no name
      "name=&address=198.19.0.3",            // blank name
      "name=x",                              // no address
      "name=x&address=",                     // blank address
      "name=x&address=198.19.0.300",         // not an IPv4
      "name=x&address=1.2.3",                // short IPv4
      "name=x&address=2001:db8::g",          // not an IPv6
      "name=x&address=bad_host.example.jp",  // '_' in a host
      "name=x&address=-bad.example.jp",      // label starts with '-'
      "name=x&address=198.19.0.3&port=0",    // port range
      "name=x&address=198.19.0.3&port=65536",
      "name=x&address=198.19.0.3&port=https",
      "name=x&address=198.19.0.3&use_ssl=yes",  // not a boolean
      "name=x&address=198.19.0.3&ssl_check_cert=TRUE",
      "name=x&address=198.19.0.3&weight=abc",
      "name=x&address=198.19.0.3&max_conn=-1",
  };
  for (const std::string& body : bodies) {
    HttpResponse r = Post(draft_ + "/backend", body);
    ExpectError(r, 400, "Bad request");
    EXPECT_FALSE(last_call().committed) << body;
  }
  EXPECT_EQ(Json(Get(draft_ + "/backend")).size(), 4u);
  ExpectError(Put(draft_ + "/backend/origin_1", "port=99999"), 400,
              "Bad request");
  ExpectError(Put(draft_ + "/backend/origin_1", "address=1.2.3.4.5"), 400,
              "Bad request");
  EXPECT_EQ(Json(Get(draft_ + "/backend/origin_1"))["port"], 443);
}

TEST_F(CdnBackendsTest, DuplicateNameIs409) {
  HttpResponse r = Post(draft_ + "/backend", "name=origin_1&address=192.0.2.1");
  std::string detail = ExpectError(r, 409, "Duplicate record");
  EXPECT_NE(detail.find("origin_1"), std::string::npos);
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Json(Get(draft_ + "/backend/origin_1"))["address"], "198.18.0.3");
}

TEST_F(CdnBackendsTest, UpdateChangesOnlyTheFieldsSent) {
  HttpResponse r = Put(draft_ + "/backend/origin_1",
                       "address=198.19.0.3&auto_loadbalance=1&shield=");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(last_call().committed);
  json b = Json(r);
  EXPECT_EQ(b["address"], "198.19.0.3");
  EXPECT_EQ(b["auto_loadbalance"], true);
  EXPECT_TRUE(b["shield"].is_null());  // empty clears a nullable field
  EXPECT_EQ(b["port"], 443);
  EXPECT_EQ(b["healthcheck"], "hc_root");
  EXPECT_EQ(Json(Get(draft_ + "/backend/origin_1")), b);
}

TEST_F(CdnBackendsTest, NameFieldRenames) {
  HttpResponse r = Put(draft_ + "/backend/legacy", "name=legacy_2&port=443");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["name"], "legacy_2");
  ExpectError(Get(draft_ + "/backend/legacy"), 404, "Record not found");
  // Renaming onto another backend's name is a duplicate.
  ExpectError(Put(draft_ + "/backend/legacy_2", "name=origin_1"), 409,
              "Duplicate record");
  EXPECT_EQ(Json(Get(draft_ + "/backend/legacy_2"))["name"], "legacy_2");
}

TEST_F(CdnBackendsTest, DeleteAnswersStatusOk) {
  HttpResponse r = Delete(draft_ + "/backend/legacy");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), json({{"status", "ok"}}));
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint,
            "DELETE /service/{sid}/version/{v}/backend/{name}");
  ExpectError(Get(draft_ + "/backend/legacy"), 404, "Record not found");
  // The active version still has it.
  EXPECT_EQ(Get("/service/" + sid_ + "/version/2/backend/legacy").status, 200);
}

TEST_F(CdnBackendsTest, ABackendADirectorNamesCannotBeDeleted) {
  std::string detail = ExpectError(Delete(draft_ + "/backend/origin_2"), 422,
                                   "Unprocessable Entity");
  EXPECT_NE(detail.find("director 'pool'"), std::string::npos) << detail;
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Get(draft_ + "/backend/origin_2").status, 200);
  // Out of the director first, then it can go.
  ASSERT_EQ(Delete(draft_ + "/director/pool/backend/origin_2").status, 200);
  EXPECT_EQ(Delete(draft_ + "/backend/origin_2").status, 200);
}

TEST_F(CdnBackendsTest, CreatingOverTheBackendLimitIs422) {
  // C-10007's service holds 3 backends and may hold 3.
  std::string t = TokenOf("C-10007");
  int v = CloneActive("C-10007");
  std::string path = VersionPath("C-10007", v) + "/backend";
  HttpResponse r = Post(path, "name=twin&address=2001%3Adb8%3Ab%3A%3A7", t);
  std::string detail = ExpectError(r, 422, "Unprocessable Entity");
  EXPECT_NE(detail.find("at most 3"), std::string::npos) << detail;
  EXPECT_FALSE(last_call().committed);
  EXPECT_EQ(Json(Get(path, t)).size(), 3u);
  // Changing an address is fine at the limit.
  EXPECT_EQ(Put(path + "/origin_1", "address=2001%3Adb8%3Ab%3A%3A7", t).status,
            200);
  // The limit is a setting per service.
  ASSERT_TRUE(
      api_->Configure({{"backend_limit", {{ServiceId("C-10007"), 4}}}}).ok());
  EXPECT_EQ(Post(path, "name=twin&address=2001%3Adb8%3Ab%3A%3A7", t).status,
            200);
  EXPECT_EQ(api_->Configure({{"backend_limit", {{"nope", 4}}}}).code(),
            Code::kInvalidArgument);
}

TEST_F(CdnBackendsTest, NamesWithEscapesInThePath) {
  HttpResponse r =
      Post(draft_ + "/backend", "name=a+b%2Fc%2Bd&address=198.19.0.3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["name"], "a b/c+d");
  HttpResponse g = Get(draft_ + "/backend/a%20b%2Fc+d");
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_EQ(Json(g)["name"], "a b/c+d");
}

TEST_F(CdnBackendsTest, Ipv6CustomerHasIpv6Backends) {
  std::string t = TokenOf("C-10007");
  json list = Json(Get(VersionPath("C-10007", 2) + "/backend", t));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["address"], "2001:db8:a::7");
  EXPECT_EQ(list[0]["ipv6"], "2001:db8:a::7");
  EXPECT_TRUE(list[0]["ipv4"].is_null());
  EXPECT_EQ(list[2]["address"].get<std::string>().rfind("2001:db8:ff::", 0),
            0u);
}

}  // namespace
}  // namespace renumber::cdnsim::testing
