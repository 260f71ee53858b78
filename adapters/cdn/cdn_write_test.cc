#include "adapters/cdn/cdn_write.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace renumber::cdn
