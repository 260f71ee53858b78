#include "src/vault/audit.h"

#include <gtest/gtest.h>

#include <thread>

#include "src/core/fs_fault.h"
#include "src/vault/test_util.h"

namespace renumber::vault {
namespace {

using testing::TempDir;

const Secret kVaultKey(std::string(32, '\x42'));

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("vault.audit.jsonl");
    log_ = std::make_unique<AuditLog>(PosixFileSystem(), &clock_, path_,
                                      "alice", "op-7");
    ASSERT_TRUE(log_->SetVaultKey(kVaultKey).ok());
    key_ = *AuditMacKey(kVaultKey);
  }
  void Write(int n) {
    for (int i = 0; i < n; ++i) {
      clock_.Advance(std::chrono::seconds(1));
      ASSERT_TRUE(log_->Append({"use", "C-" + std::to_string(i) + "/ess",
                                "C-" + std::to_string(i), "T-1", "ok",
                                "prepare plan-1"})
                      .ok());
    }
  }
  AuditVerdict Verify(const std::string& text) {
    auto v = VerifyAuditLog(text, key_);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  std::string Text() { return *PosixFileSystem()->ReadFile(path_); }

  TempDir dir_;
  FakeClock clock_;
  std::string path_;
  std::unique_ptr<AuditLog> log_;
  Secret key_;
};

TEST_F(AuditTest, IntactChainVerifiesAndFileIsPrivate) {
  Write(5);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_EQ(v.records, 5u);
  EXPECT_EQ(*PosixFileSystem()->Mode(path_), 0600u);
  auto records = ParseAuditLog(Text());
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[2].seq, 3u);
  EXPECT_EQ(records[2].os_user, "alice");
  EXPECT_EQ(records[2].operator_name, "op-7");
  EXPECT_EQ(records[2].action, "use");
  EXPECT_EQ(records[2].entry, "C-2/ess");
  EXPECT_EQ(records[2].detail, "prepare plan-1");
}

TEST_F(AuditTest, CatchesEditedRecord) {
  Write(5);
  auto lines = Lines(Text());
  size_t at = lines[2].find("T-1");
  ASSERT_NE(at, std::string::npos);
  lines[2].replace(at, 3, "T-9");
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 3u);
  EXPECT_NE(v.reason.find("MAC"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, CatchesDeletedRecord) {
  Write(5);
  auto lines = Lines(Text());
  lines.erase(lines.begin() + 2);
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 3u);
  EXPECT_NE(v.reason.find("deleted"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, CatchesReorderedRecords) {
  Write(5);
  auto lines = Lines(Text());
  std::swap(lines[1], lines[3]);
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 2u) << v.reason;
}

TEST_F(AuditTest, CatchesWrongKeyAndGarbage) {
  Write(2);
  auto other = VerifyAuditLog(Text(), *AuditMacKey(Secret(std::string(32, 1))));
  EXPECT_EQ(other->first_broken, 1u);
  AuditVerdict v = Verify(Text() + "{not json\n");
  EXPECT_EQ(v.first_broken, 3u);
}

TEST_F(AuditTest, FailedUnlockHasNoMacButIsChained) {
  AuditLog locked(PosixFileSystem(), &clock_, path_, "mallory", "");
  Write(1);
  ASSERT_TRUE(
      locked.Append({"failed unlock", "", "", "", "wrong passphrase", ""})
          .ok());
  EXPECT_FALSE(locked.Append({"reveal", "C-1/ess", "C-1", "", "ok", ""}).ok());
  Write(1);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_EQ(v.unauthenticated, 1u);
  // Editing the unkeyed record is caught by the next record's chain hash.
  auto lines = Lines(Text());
  size_t at = lines[1].find("mallory");
  lines[1].replace(at, 7, "someone");
  v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 3u);
  EXPECT_NE(v.reason.find("previous record"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, TornLineIsReportedAndLaterAppendsStillWork) {
  Write(2);
  std::string text = Text() + "{\"seq\":3,\"ti";
  testing::WriteTestFile(path_, text, 0600);
  Write(1);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 3u);
  EXPECT_EQ(Lines(Text()).size(), 4u);
}

TEST_F(AuditTest, ConcurrentWritersKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      AuditLog mine(PosixFileSystem(), &clock_, path_, "u" + std::to_string(t),
                    "");
      ASSERT_TRUE(mine.SetVaultKey(kVaultKey).ok());
      for (int i = 0; i < 25; ++i)
        ASSERT_TRUE(mine.Append({"use", "C-1/ess", "C-1", "", "ok", ""}).ok());
    });
  }
  for (auto& t : threads) t.join();
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_EQ(v.records, 100u);
}

TEST_F(AuditTest, AppendReportsSyncFailure) {
  FaultInjectionFileSystem faulty(PosixFileSystem());
  AuditLog log(&faulty, &clock_, path_, "alice", "");
  ASSERT_TRUE(log.SetVaultKey(kVaultKey).ok());
  faulty.FailNth(FaultInjectionFileSystem::Op::kSync, 1,
                 Status::Internal("disk full"));
  Status s = log.Append({"use", "C-1/ess", "C-1", "", "ok", ""});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("disk full"), std::string::npos);
}

TEST_F(AuditTest, AppendAllChainsLikeSingleAppendsWithOneSync) {
  Write(2);
  FaultInjectionFileSystem counting(PosixFileSystem());
  AuditLog log(&counting, &clock_, path_, "alice", "op-7");
  ASSERT_TRUE(log.SetVaultKey(kVaultKey).ok());
  std::vector<AuditEvent> events;
  for (int i = 0; i < 50; ++i)
    events.push_back({"purge", "C-" + std::to_string(i) + "/ess",
                      "C-" + std::to_string(i), "", "ok", "expired"});
  ASSERT_TRUE(log.AppendAll(events).ok());
  EXPECT_EQ(counting.Calls(FaultInjectionFileSystem::Op::kSync), 1);
  EXPECT_EQ(counting.Calls(FaultInjectionFileSystem::Op::kAppend), 1);
  Write(1);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_EQ(v.records, 53u);
  auto records = ParseAuditLog(Text());
  ASSERT_EQ(records.size(), 53u);
  EXPECT_EQ(records[2].entry, "C-0/ess");
  EXPECT_EQ(records[51].entry, "C-49/ess");
  EXPECT_EQ(records[52].seq, 53u);
  // A record inside the batch is chained like any other.
  auto lines = Lines(Text());
  lines.erase(lines.begin() + 20);
  EXPECT_EQ(Verify(Join(lines)).first_broken, 21u);
}

TEST_F(AuditTest, AppendAllAfterTornLineStartsANewLine) {
  Write(1);
  testing::WriteTestFile(path_, Text() + "{\"seq\":2,\"ti", 0600);
  ASSERT_TRUE(log_->AppendAll({{"use", "C-1/ess", "C-1", "", "ok", ""},
                               {"use", "C-2/ess", "C-2", "", "ok", ""}})
                  .ok());
  auto records = ParseAuditLog(Text());
  EXPECT_EQ(Lines(Text()).size(), 4u);
  EXPECT_EQ(Verify(Text()).first_broken, 2u);
  EXPECT_EQ(records.back().seq, 4u);
}

TEST(AuditPathTest, BesideTheVault) {
  EXPECT_EQ(AuditPathFor("/s/vault.bin"), "/s/vault.audit.jsonl");
  EXPECT_EQ(AuditPathFor("/s/my.vault"), "/s/my.vault.audit.jsonl");
}

}  // namespace
}  // namespace renumber::vault
