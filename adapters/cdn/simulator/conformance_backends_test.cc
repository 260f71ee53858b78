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

TEST_F(CdnBackendsTest, ListAndGetShowEveryContractField) {
  json list = Json(Get(draft_ + "/backend"));
  ASSERT_EQ(list.size(), 2u);
  json expected = {{"name", "origin_1"},
                   {"address", "198.18.0.3"},
                   {"port", 443},
                   {"use_ssl", true},
                   {"override_host", "www.c10003.example.jp"},
                   {"ssl_cert_hostname", "www.c10003.example.jp"},
                   {"ssl_sni_hostname", "www.c10003.example.jp"},
                   {"ssl_check_cert", true},
                   {"healthcheck", "hc_root"},
                   {"auto_loadbalance", false},
                   {"weight", 100},
                   {"shield", "tyo-tokyo-jp"},
                   {"request_condition", ""},
                   {"connect_timeout", 1000},
                   {"first_byte_timeout", 15000},
                   {"between_bytes_timeout", 10000},
                   {"max_conn", 200},
                   {"comment", ""},
                   {"service_id", sid_},
                   {"version", 4}};
  EXPECT_EQ(list[0], expected);
  HttpResponse one = Get(draft_ + "/backend/origin_1");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Json(one), expected);
  EXPECT_EQ(last_call().endpoint,
            "GET /service/{sid}/version/{v}/backend/{name}");
  EXPECT_EQ(list[1]["name"], "static_1");
  EXPECT_EQ(list[1]["address"], "203.0.113.17");
  EXPECT_EQ(list[1]["request_condition"], "is_static");
  EXPECT_TRUE(list[1]["shield"].is_null());
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
  HttpResponse r = Post(draft_ + "/backend", "name=twin&address=198.19.0.3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint, "POST /service/{sid}/version/{v}/backend");
  json expected = {{"name", "twin"},
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
                   {"connect_timeout", 1000},
                   {"first_byte_timeout", 15000},
                   {"between_bytes_timeout", 10000},
                   {"max_conn", 200},
                   {"comment", ""},
                   {"service_id", sid_},
                   {"version", 4}};
  EXPECT_EQ(Json(r), expected);
  EXPECT_EQ(Json(Get(draft_ + "/backend/twin")), expected);
  EXPECT_EQ(Json(Get(draft_ + "/backend")).size(), 3u);
}

TEST_F(CdnBackendsTest, CreateSetsEveryFieldAndDecodesTheForm) {
  std::string body =
      "name=origin_1_new&address=198.19.0.3&port=443&use_ssl=1"
      "&override_host=www.c10003.example.jp"
      "&ssl_cert_hostname=www.c10003.example.jp"
      "&ssl_sni_hostname=www.c10003.example.jp&ssl_check_cert=false"
      "&healthcheck=hc_root&auto_loadbalance=true&weight=50"
      "&shield=tyo-tokyo-jp&request_condition=is_static"
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
  EXPECT_EQ(b["request_condition"], "is_static");
  EXPECT_EQ(b["override_host"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_cert_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["ssl_sni_hostname"], "www.c10003.example.jp");
  EXPECT_EQ(b["connect_timeout"], 2000);
  EXPECT_EQ(b["first_byte_timeout"], 30000);
  EXPECT_EQ(b["between_bytes_timeout"], 20000);
  EXPECT_EQ(b["max_conn"], 300);
  EXPECT_EQ(b["comment"], "twin of origin_1 (\xE6\x96\xB0)&more");
  EXPECT_FALSE(b.contains("unknown_field"));
  EXPECT_FALSE(b.contains("ipv4"));
}

TEST_F(CdnBackendsTest, AddressesOfEveryKindAreAccepted) {
  for (const char* address :
       {"198.19.0.3", "2001:db8:b::3", "2001%3Adb8%3A%3A1",
        "origin.c10003.example.jp", "localhost"}) {
    std::string name = "b" + std::to_string(std::hash<std::string>()(address));
    HttpResponse r =
        Post(draft_ + "/backend", "name=" + name + "&address=" + address);
    EXPECT_EQ(r.status, 200) << address << " " << r.body;
  }
  HttpResponse v6 = Get(draft_ + "/backend");
  EXPECT_EQ(Json(v6).size(), 7u);
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
  EXPECT_EQ(Json(Get(draft_ + "/backend")).size(), 2u);
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
  ASSERT_EQ(Post(draft_ + "/backend", "name=twin&address=198.19.0.3").status,
            200);
  ASSERT_EQ(Delete(draft_ + "/backend/origin_1").status, 200);
  HttpResponse r = Put(draft_ + "/backend/twin", "name=origin_1&port=443");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["name"], "origin_1");
  EXPECT_EQ(Json(Get(draft_ + "/backend/origin_1"))["address"], "198.19.0.3");
  ExpectError(Get(draft_ + "/backend/twin"), 404, "Record not found");
  // Renaming onto another backend's name is a duplicate.
  ExpectError(Put(draft_ + "/backend/static_1", "name=origin_1"), 409,
              "Duplicate record");
  EXPECT_EQ(Json(Get(draft_ + "/backend/static_1"))["name"], "static_1");
}

TEST_F(CdnBackendsTest, DeleteAnswersStatusOk) {
  HttpResponse r = Delete(draft_ + "/backend/static_1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), json({{"status", "ok"}}));
  EXPECT_TRUE(last_call().committed);
  EXPECT_EQ(last_call().endpoint,
            "DELETE /service/{sid}/version/{v}/backend/{name}");
  ExpectError(Get(draft_ + "/backend/static_1"), 404, "Record not found");
  // The active version still has it.
  EXPECT_EQ(Get("/service/" + sid_ + "/version/3/backend/static_1").status,
            200);
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
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["address"], "2001:db8:a::7");
  EXPECT_EQ(list[0]["shield"], "tyo-tokyo-jp");
  json api = Json(Get(VersionPath("C-10007", 1, 1) + "/backend", t));
  ASSERT_EQ(api.size(), 2u);
  EXPECT_EQ(api[0]["address"], "2001:db8:a::7");
  EXPECT_EQ(api[1]["address"].get<std::string>().rfind("2001:db8:ff::", 0), 0u);
  int v = CloneActive("C-10007");
  HttpResponse r = Post(VersionPath("C-10007", v) + "/backend",
                        "name=twin&address=2001%3Adb8%3Ab%3A%3A7&port=443", t);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["address"], "2001:db8:b::7");
}

}  // namespace
}  // namespace renumber::cdnsim::testing
