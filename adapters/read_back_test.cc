#include "adapters/read_back.h"

#include <gtest/gtest.h>

#include <deque>

namespace renumber {
namespace {

VendorReply Reply(VendorReply::Kind kind, int status = 0) {
  VendorReply r;
  r.kind = kind;
  r.http_status = status;
  if (kind == VendorReply::Kind::kOk)
    r.body = {{"id", 1}};
  else
    r.error = Status(Code::kUnavailable, "C-1/test: PUT /x: 503", "503");
  return r;
}

class ReadBackTest : public ::testing::Test {
 protected:
  Result<nlohmann::json> Run(std::set<int> read_back_on = {}) {
    return WriteReadingBack(
        [&] {
          ++sends_;
          VendorReply r = replies_.front();
          replies_.pop_front();
          return r;
        },
        [&]() -> Result<bool> {
          ++reads_;
          bool p = present_.front();
          present_.pop_front();
          return p;
        },
        read_back_on, policy_);
  }
  std::deque<VendorReply> replies_;
  std::deque<bool> present_;
  int sends_ = 0;
  int reads_ = 0;
  FakeClock clock_;
  ReadBackPolicy policy_{4, std::chrono::milliseconds(250), &clock_};
};

TEST_F(ReadBackTest, AnAnsweredWriteIsNotReadBack) {
  replies_ = {Reply(VendorReply::Kind::kOk)};
  auto r = Run();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["id"], 1);
  EXPECT_EQ(sends_, 1);
  EXPECT_EQ(reads_, 0);
}

TEST_F(ReadBackTest, ALostAnswerWhoseEffectIsPresentIsNotRepeated) {
  replies_ = {Reply(VendorReply::Kind::kUnknown, 503)};
  present_ = {true};
  auto r = Run();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (nlohmann::json{{"read_back", true}}));
  EXPECT_EQ(sends_, 1);
  EXPECT_EQ(reads_, 1);
}

TEST_F(ReadBackTest, ALostAnswerWithoutEffectIsRepeatedAfterAGrowingWait) {
  const auto start = clock_.Steady();
  replies_ = {Reply(VendorReply::Kind::kUnknown, 503),
              Reply(VendorReply::Kind::kUnknown, 503),
              Reply(VendorReply::Kind::kOk)};
  present_ = {false, false};
  auto r = Run();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sends_, 3);
  EXPECT_EQ(reads_, 2);
  EXPECT_EQ(clock_.Steady() - start, std::chrono::milliseconds(250 + 500));
}

TEST_F(ReadBackTest, GivesUpAfterMaxSendsSayingTheEffectIsAbsent) {
  for (int i = 0; i < 4; ++i)
    replies_.push_back(Reply(VendorReply::Kind::kUnknown, 503));
  present_ = {false, false, false, false};
  auto r = Run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("read back: not applied; 4 writes"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(sends_, 4);
}

TEST_F(ReadBackTest, ARefusalIsReadBackOnlyWhenAsked) {
  replies_ = {Reply(VendorReply::Kind::kRefused, 409)};
  EXPECT_FALSE(Run().ok());
  EXPECT_EQ(reads_, 0);

  replies_ = {Reply(VendorReply::Kind::kRefused, 409)};
  present_ = {true};
  auto found = Run({409});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(reads_, 1);

  replies_ = {Reply(VendorReply::Kind::kRefused, 409)};
  present_ = {false};
  EXPECT_FALSE(Run({409}).ok());
  EXPECT_EQ(sends_, 3);  // a refusal is never repeated
}

TEST_F(ReadBackTest, AFailedReadIsReturned) {
  replies_ = {Reply(VendorReply::Kind::kUnknown, 503)};
  auto r = WriteReadingBack(
      [&] { return replies_.front(); },
      []() -> Result<bool> { return Status::Timeout("read timed out"); }, {},
      policy_);
  EXPECT_EQ(r.status().code(), Code::kTimeout);
}

}  // namespace
}  // namespace renumber
