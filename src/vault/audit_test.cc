#include "src/vault/audit.h"

#include <gtest/gtest.h>

#include <thread>

#include "src/core/fs_fault.h"
#include "src/vault/crypto.h"
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
    keys_ = {{1, *AuditMacKey(kVaultKey)}};
    log_->SetKeys(keys_);
    // Every log begins with the vault's init record (line 1).
    ASSERT_TRUE(log_->Append({"init", "", "", "", "ok", ""}).ok());
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
  AuditVerdict Verify(const std::string& text,
                      std::optional<AuditAnchor> anchor = std::nullopt) {
    auto v = VerifyAuditLog(text, keys_, anchor);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  std::string Text() { return *PosixFileSystem()->ReadFile(path_); }

  TempDir dir_;
  FakeClock clock_;
  std::string path_;
  std::unique_ptr<AuditLog> log_;
  AuditKeys keys_;
};

TEST_F(AuditTest, IntactChainVerifiesAndFileIsPrivate) {
  Write(5);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.records, 6u);
  EXPECT_EQ(*PosixFileSystem()->Mode(path_), 0600u);
  auto records = ParseAuditLog(Text());
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[3].seq, 4u);
  EXPECT_EQ(records[3].os_user, "alice");
  EXPECT_EQ(records[3].operator_name, "op-7");
  EXPECT_EQ(records[3].action, "use");
  EXPECT_EQ(records[3].entry, "C-2/ess");
  EXPECT_EQ(records[3].detail, "prepare plan-1");
}

TEST_F(AuditTest, CatchesEditedRecord) {
  Write(5);
  auto lines = Lines(Text());
  size_t at = lines[3].find("T-1");
  ASSERT_NE(at, std::string::npos);
  lines[3].replace(at, 3, "T-9");
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 4u);
  EXPECT_NE(v.reason.find("MAC"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, CatchesDeletedRecord) {
  Write(5);
  auto lines = Lines(Text());
  lines.erase(lines.begin() + 3);
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 4u);
  EXPECT_NE(v.reason.find("deleted"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, CatchesReorderedRecords) {
  Write(5);
  auto lines = Lines(Text());
  std::swap(lines[2], lines[4]);
  AuditVerdict v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 3u) << v.reason;
}

TEST_F(AuditTest, CatchesWrongKeyAndGarbage) {
  Write(2);
  auto other = VerifyAuditLog(
      Text(), {{1, *AuditMacKey(Secret(std::string(32, 1)))}}, std::nullopt);
  EXPECT_EQ(other->first_broken, 1u);
  AuditVerdict v = Verify(Text() + "{not json\n");
  EXPECT_EQ(v.first_broken, 4u);
}

// A line nested 200,000 levels deep (someone with write access to the
// log): broken, like any line that is not a record, and printable. The old
// verifier copied it to check its MAC and overflowed the stack.
TEST_F(AuditTest, DeeplyNestedLineIsBrokenNotACrash) {
  Write(1);
  const std::string deep =
      "{\"action\":\"use\",\"mac\":\"x\",\"x\":" + std::string(200000, '[') +
      std::string(200000, ']') + "}";
  testing::WriteTestFile(path_, Text() + deep + "\n", 0600);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 3u);
  auto records = ParseAuditLog(Text());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].action, "<unreadable>");
  EXPECT_TRUE(log_->Append({"use", "C-1/ess", "C-1", "", "ok", ""}).ok());
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
  EXPECT_EQ(v.unauthenticated_lines, std::vector<size_t>{3});
  EXPECT_FALSE(v.intact()) << "unverified, never intact";
  // Editing the unkeyed record is caught by the next record's chain hash.
  auto lines = Lines(Text());
  size_t at = lines[2].find("mallory");
  lines[2].replace(at, 7, "someone");
  v = Verify(Join(lines));
  EXPECT_EQ(v.first_broken, 4u);
  EXPECT_NE(v.reason.find("previous record"), std::string::npos) << v.reason;
}

TEST_F(AuditTest, TornLineIsReportedAndLaterAppendsStillWork) {
  Write(2);
  std::string text = Text() + "{\"seq\":4,\"ti";
  testing::WriteTestFile(path_, text, 0600);
  Write(1);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 4u);
  EXPECT_EQ(Lines(Text()).size(), 5u);
}

TEST_F(AuditTest, ConcurrentWritersKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      AuditLog mine(PosixFileSystem(), &clock_, path_, "u" + std::to_string(t),
                    "");
      mine.SetKeys(keys_);
      for (int i = 0; i < 25; ++i)
        ASSERT_TRUE(mine.Append({"use", "C-1/ess", "C-1", "", "ok", ""}).ok());
    });
  }
  for (auto& t : threads) t.join();
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_EQ(v.records, 101u);
}

TEST_F(AuditTest, AppendReportsSyncFailure) {
  FaultInjectionFileSystem faulty(PosixFileSystem());
  AuditLog log(&faulty, &clock_, path_, "alice", "");
  log.SetKeys(keys_);
  faulty.FailNth(FaultInjectionFileSystem::Op::kSync, 1,
                 Status::Internal("disk full"));
  Status s = log.Append({"use", "C-1/ess", "C-1", "", "ok", ""}).status();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("disk full"), std::string::npos);
}

// Each append is fsynced; a new log's directory too, once it is created.
TEST_F(AuditTest, AppendsAreSyncedAndANewLogsDirectoryIsSynced) {
  using Op = FaultInjectionFileSystem::Op;
  FaultInjectionFileSystem faulty(PosixFileSystem());
  const std::string fresh = dir_.File("new.audit.jsonl");
  AuditLog log(&faulty, &clock_, fresh, "alice", "");
  log.SetKeys(keys_);
  ASSERT_TRUE(log.Append({"init", "", "", "", "ok", ""}).ok());
  auto events = faulty.Events();
  int append = FindEvent(events, Op::kAppend, fresh);
  ASSERT_GE(append, 0);
  EXPECT_GE(FindEvent(events, Op::kSync, fresh, append), 0)
      << "the first record was not fsynced";
  EXPECT_GE(FindEvent(events, Op::kSyncDir, dir_.path(), append), 0)
      << "the new log's directory was not fsynced";
  size_t before = events.size();
  ASSERT_TRUE(log.Append({"use", "C-1/ess", "C-1", "", "ok", ""}).ok());
  events = faulty.Events();
  append = FindEvent(events, Op::kAppend, fresh, before);
  ASSERT_GE(append, 0);
  EXPECT_GE(FindEvent(events, Op::kSync, fresh, append), 0)
      << "the second record was not fsynced";
}

TEST_F(AuditTest, AFailedDirectorySyncOfANewLogFailsTheAppend) {
  FaultInjectionFileSystem faulty(PosixFileSystem());
  AuditLog log(&faulty, &clock_, dir_.File("new.audit.jsonl"), "alice", "");
  log.SetKeys(keys_);
  faulty.FailNth(FaultInjectionFileSystem::Op::kSyncDir, dir_.path(), 1,
                 Status::Internal("EIO on dir"));
  Status s = log.Append({"init", "", "", "", "ok", ""}).status();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("EIO on dir"), std::string::npos) << s.message();
}

TEST_F(AuditTest, AppendAllChainsLikeSingleAppendsWithOneSync) {
  Write(2);
  FaultInjectionFileSystem counting(PosixFileSystem());
  AuditLog log(&counting, &clock_, path_, "alice", "op-7");
  log.SetKeys(keys_);
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
  EXPECT_EQ(v.records, 54u);
  auto records = ParseAuditLog(Text());
  ASSERT_EQ(records.size(), 54u);
  EXPECT_EQ(records[3].entry, "C-0/ess");
  EXPECT_EQ(records[52].entry, "C-49/ess");
  EXPECT_EQ(records[53].seq, 54u);
  // A record inside the batch is chained like any other.
  auto lines = Lines(Text());
  lines.erase(lines.begin() + 20);
  EXPECT_EQ(Verify(Join(lines)).first_broken, 21u);
}

TEST_F(AuditTest, AppendAllAfterTornLineStartsANewLine) {
  Write(1);
  testing::WriteTestFile(path_, Text() + "{\"seq\":3,\"ti", 0600);
  auto anchor = log_->AppendAll({{"use", "C-1/ess", "C-1", "", "ok", ""},
                                 {"use", "C-2/ess", "C-2", "", "ok", ""}});
  ASSERT_TRUE(anchor.ok());
  auto records = ParseAuditLog(Text());
  EXPECT_EQ(Lines(Text()).size(), 5u);
  EXPECT_EQ(anchor->records, 5u);
  EXPECT_EQ(Verify(Text()).first_broken, 3u);
  EXPECT_EQ(records.back().seq, 5u);
}

// Records cut from the end of the log, or the whole log deleted, leave a
// valid shorter chain: found only by comparing with the anchor the vault
// keeps. (The old verifier called 4 of 7 lines "intact".)
TEST_F(AuditTest, TruncationAndDeletionAreFoundByTheAnchor) {
  Write(5);
  ASSERT_TRUE(log_->Append({"reveal", "C-9/ess", "C-9", "T", "ok", ""}).ok());
  const AuditAnchor anchor = AnchorOf(Text());
  EXPECT_EQ(anchor.records, 7u);
  EXPECT_TRUE(Verify(Text(), anchor).intact());
  auto lines = Lines(Text());
  lines.resize(4);
  const std::string cut = Join(lines);
  EXPECT_TRUE(Verify(cut).intact()) << "without an anchor nothing shows";
  AuditVerdict v = Verify(cut, anchor);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.first_broken, 5u);
  EXPECT_NE(v.reason.find("records 5-7 were removed"), std::string::npos)
      << v.reason;
  EXPECT_EQ(CheckAuditAnchor(cut, anchor).code(), Code::kCorruption);
  v = Verify("", anchor);
  EXPECT_EQ(v.first_broken, 1u);
  EXPECT_NE(v.reason.find("deleted"), std::string::npos) << v.reason;
  // A rewritten line at the anchor (a record swapped for another with a
  // valid MAC from elsewhere) is found too; a longer log is fine.
  lines = Lines(Text());
  lines[6] = lines[5];
  EXPECT_EQ(CheckAuditAnchor(Join(lines), anchor).code(), Code::kCorruption);
  Write(1);
  v = Verify(Text(), anchor);
  EXPECT_TRUE(v.intact()) << v.reason;
  EXPECT_EQ(v.after_anchor, 1u);
}

// A log must start with init: a log replaced by a fresh chain (seq 1 on)
// of other records is not the vault's.
TEST_F(AuditTest, RecordOneMustBeInit) {
  std::string other = dir_.File("other.jsonl");
  AuditLog fresh(PosixFileSystem(), &clock_, other, "alice", "");
  fresh.SetKeys(keys_);
  ASSERT_TRUE(fresh.Append({"use", "C-1/ess", "C-1", "", "ok", ""}).ok());
  AuditVerdict v = Verify(*PosixFileSystem()->ReadFile(other));
  EXPECT_EQ(v.first_broken, 1u);
  EXPECT_NE(v.reason.find("init"), std::string::npos) << v.reason;
}

// A hand-made record without a MAC passes for a "failed unlock" and the
// next record's hash then covers it: the old verifier called such a log
// intact. It is "unverified" now, with its line named.
TEST_F(AuditTest, AHandMadeRecordWithoutAMacIsUnverified) {
  Write(1);
  auto lines = Lines(Text());
  std::string forged =
      "{\"action\":\"failed unlock\",\"customer\":\"\","
      "\"detail\":\"\",\"entry\":\"\",\"mac\":\"\","
      "\"operator\":\"bob\",\"os_user\":\"bob\",\"prev\":\"" +
      ToHex(Sha256(lines.back())) +
      "\",\"result\":\"wrong passphrase\",\"seq\":3,"
      "\"ticket\":\"\",\"time\":\"2026-12-01T00:00:00Z\"}";
  testing::WriteTestFile(path_, Text() + forged + "\n", 0600);
  Write(1);
  AuditVerdict v = Verify(Text());
  EXPECT_EQ(v.first_broken, 0u) << v.reason;
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.unauthenticated_lines, std::vector<size_t>{3});
}

// After a rekey a new key signs from its first record on: a record signed
// with the old key there is forged.
TEST_F(AuditTest, ARotatedKeySignsFromItsFirstRecord) {
  Write(2);  // lines 1-3
  AuditKeys rotated = keys_;
  rotated.push_back({4, Secret(std::string(32, '\x17'))});
  log_->SetKeys(rotated);
  Write(2);  // lines 4-5, new key
  auto v = VerifyAuditLog(Text(), rotated, std::nullopt);
  EXPECT_TRUE(v->intact()) << v->reason;
  v = VerifyAuditLog(Text(), keys_, std::nullopt);
  EXPECT_EQ(v->first_broken, 4u) << "the old key does not sign line 4";
  log_->SetKeys(keys_);  // someone who only knows the old key
  Write(1);
  v = VerifyAuditLog(Text(), rotated, std::nullopt);
  EXPECT_EQ(v->first_broken, 6u);
  EXPECT_NE(v->reason.find("MAC"), std::string::npos);
}

TEST(AuditPathTest, BesideTheVault) {
  EXPECT_EQ(AuditPathFor("/s/vault.bin"), "/s/vault.audit.jsonl");
  EXPECT_EQ(AuditPathFor("/s/my.vault"), "/s/my.vault.audit.jsonl");
}

}  // namespace
}  // namespace renumber::vault
