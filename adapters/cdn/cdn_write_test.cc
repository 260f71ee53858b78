#include "adapters/cdn/cdn_write.h"

#include <gtest/gtest.h>

#include <map>

#include "src/http/fake_transport.h"

namespace renumber::cdn {
namespace {

class WriteConfirmedTest : public ::testing::Test {
 protected:
  FakeTransport fake_;
  FakeClock clock_;
  CdnClient client_{&fake_, "C-1/cdn", "http://127.0.0.1:9", Secret("t"),
                    &clock_};
  int reads_ = 0;
  bool present_ = false;
  ReadBack read_back_ = [this]() -> Result<bool> {
    ++reads_;
    return present_;
  };
};

TEST_F(WriteConfirmedTest, OkNeedsNoReadBack) {
  fake_.PushResponse(200, R"({"name":"x"})");
  auto r = WriteConfirmed(&client_, "POST", "/b", {}, read_back_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["name"], "x");
  EXPECT_EQ(reads_, 0);
}

TEST_F(WriteConfirmedTest, LostAnswerThatCommittedIsNotRepeated) {
  fake_.PushResponse(500, R"({"msg":"Internal"})");
  present_ = true;
  auto r = WriteConfirmed(&client_, "POST", "/b", {}, read_back_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["read_back"], true);
  EXPECT_EQ(client_.writes(), 1);
  EXPECT_EQ(reads_, 1);
}

TEST_F(WriteConfirmedTest, LostAnswerNotCommittedIsRepeatedBounded) {
  fake_.Push(Status::Unavailable("connection reset"));
  fake_.PushResponse(200, "{}");
  auto r = WriteConfirmed(&client_, "POST", "/b", {}, read_back_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(client_.writes(), 2);
  for (int i = 0; i < 4; ++i) fake_.PushResponse(503, "");
  auto bad = WriteConfirmed(&client_, "POST", "/b", {}, read_back_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kUnavailable);
  EXPECT_NE(bad.status().message().find("C-1/cdn: POST /b: 503"),
            std::string::npos);
  EXPECT_NE(bad.status().message().find("read back: not applied"),
            std::string::npos);
  EXPECT_EQ(client_.writes(), 6);
  // Each repeat waited longer (through the clock): 250, 500, 750 ms after
  // the three unapplied sends of the second write, 250 after the first's.
  std::vector<std::chrono::microseconds> waits = clock_.sleeps();
  ASSERT_EQ(waits.size(), 4u);
  EXPECT_EQ(waits[0], std::chrono::milliseconds(250));
  EXPECT_EQ(waits[3], std::chrono::milliseconds(750));
}

TEST_F(WriteConfirmedTest, RejectionReadsBackOnlyWhenAsked) {
  fake_.PushResponse(409, R"({"msg":"Duplicate record"})");
  present_ = true;
  EXPECT_TRUE(
      WriteConfirmed(&client_, "POST", "/b", {}, read_back_, {409}).ok());
  fake_.PushResponse(409, R"({"msg":"Duplicate record"})");
  present_ = false;
  auto dup = WriteConfirmed(&client_, "POST", "/b", {}, read_back_, {409});
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  fake_.PushResponse(400, R"({"msg":"Bad request"})");
  present_ = true;
  EXPECT_FALSE(
      WriteConfirmed(&client_, "POST", "/b", {}, read_back_, {409}).ok());
  EXPECT_EQ(reads_, 2);
  EXPECT_EQ(client_.writes(), 3);
}

TEST(TwinFormTest, CopiesEverySettingButIdentityAndAddress) {
  auto old = ParseBackend(nlohmann::json::parse(R"({
    "name": "origin_1", "address": "198.18.0.5", "port": 443,
    "use_ssl": true, "override_host": "www.a.jp",
    "ssl_cert_hostname": "www.a.jp", "ssl_sni_hostname": "www.a.jp",
    "ssl_check_cert": true, "healthcheck": null, "auto_loadbalance": false,
    "weight": 50, "shield": null, "request_condition": "is_api",
    "connect_timeout": 1500, "first_byte_timeout": 20000,
    "between_bytes_timeout": 9000, "max_conn": 300, "comment": "main",
    "ipv4": "198.18.0.5", "service_id": "SU1", "version": 3,
    "min_tls_version": "1.2"})"))
                 .value();
  Form form = TwinForm(old, IpAddress::Parse("198.19.0.5").value(), "hc_x");
  std::map<std::string, std::string> m(form.begin(), form.end());
  EXPECT_EQ(m.size(), form.size()) << "a field was sent twice";
  EXPECT_EQ(m["name"], "origin_1_renumber_new");
  EXPECT_EQ(m["address"], "198.19.0.5");
  EXPECT_EQ(m["port"], "443");
  EXPECT_EQ(m["use_ssl"], "true");
  EXPECT_EQ(m["override_host"], "www.a.jp");
  EXPECT_EQ(m["ssl_sni_hostname"], "www.a.jp");
  EXPECT_EQ(m["ssl_check_cert"], "true");
  EXPECT_EQ(m["weight"], "50");
  EXPECT_EQ(m["request_condition"], "is_api");
  EXPECT_EQ(m["first_byte_timeout"], "20000");
  EXPECT_EQ(m["max_conn"], "300");
  EXPECT_EQ(m["min_tls_version"], "1.2");
  EXPECT_EQ(m["healthcheck"], "hc_x");
  EXPECT_EQ(m["auto_loadbalance"], "true");
  EXPECT_EQ(m.count("shield"), 0u);  // null: left at its default (none)
  EXPECT_EQ(m.count("ipv4"), 0u);
  EXPECT_EQ(m.count("service_id"), 0u);
  EXPECT_EQ(m.count("version"), 0u);
  auto marker = DecodeTwinComment(m["comment"]);
  ASSERT_TRUE(marker.has_value());
  EXPECT_EQ(marker->of, "origin_1");
  EXPECT_FALSE(marker->auto_loadbalance);
  EXPECT_EQ(marker->healthcheck, "");
  EXPECT_EQ(marker->comment, "main");
}

TEST(HasSettingsTest, TreatsNullHealthcheckAsEmpty) {
  auto b = ParseBackend(nlohmann::json::parse(
                            R"({"name":"a","address":"x","healthcheck":null,
                                "auto_loadbalance":true,"comment":""})"))
               .value();
  EXPECT_TRUE(
      HasSettings(b, {{"healthcheck", ""}, {"auto_loadbalance", true}}));
  EXPECT_FALSE(HasSettings(b, {{"healthcheck", "hc"}}));
  EXPECT_FALSE(HasSettings(b, {{"auto_loadbalance", false}}));
  EXPECT_TRUE(HasSettings(b, nlohmann::json::object()));
}

}  // namespace
}  // namespace renumber::cdn
