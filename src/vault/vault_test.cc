#include "src/vault/vault.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "src/core/fs_fault.h"
#include "src/core/hardening.h"
#include "src/vault/crypto.h"
#include "src/vault/test_util.h"
#include "src/vault/vault_ops.h"

namespace renumber::vault {
namespace {

using testing::Contains;
using testing::MakeEntry;
using testing::TempDir;
using testing::TestOptions;

const char kPass[] = "correct horse battery staple";

class VaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("vault.bin");
    auto v = Vault::Create(Options(), Secret(kPass));
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    vault_ = std::move(*v);
  }
  VaultOptions Options() { return TestOptions(path_, &clock_); }
  Result<std::unique_ptr<Vault>> Reopen(const std::string& pass = kPass) {
    return Vault::Open(Options(), Secret(pass));
  }
  void Add(const std::string& customer, Service s, Days life = Days(10)) {
    Timestamp now = clock_.Now();
    ASSERT_TRUE(PutEntries(vault_.get(),
                           {MakeEntry(customer, s, now, now + life)}, false,
                           "add")
                    .ok());
  }
  std::string Raw() { return *PosixFileSystem()->ReadFile(path_); }
  // The decrypted body, for looking inside the file as an attacker with the
  // passphrase would.
  std::string Plain(const std::string& file) {
    auto h = ParseHeader(file);
    EXPECT_TRUE(h.ok());
    auto key = DeriveBodyKey(Secret(kPass), *h);
    auto plain = OpenFile(file, *key);
    EXPECT_TRUE(plain.ok());
    return plain.ok() ? plain->reveal() : "";
  }
  std::string AuditText() {
    return *PosixFileSystem()->ReadFile(AuditPathFor(path_));
  }

  TempDir dir_;
  FakeClock clock_;
  std::string path_;
  std::unique_ptr<Vault> vault_;
};

TEST_F(VaultTest, RoundTripThroughTheFile) {
  Add("C-1", Service("ess"));
  Add("C-2", Service("cdn"));
  auto again = Reopen();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto entries = (*again)->Entries();
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].creds.secret("password").reveal(), "pw-C-1-secret");
  EXPECT_EQ((*entries)[1].creds.secret("api_token").reveal(), "tok-C-2-secret");
  EXPECT_EQ(*PosixFileSystem()->Mode(path_), 0600u);
  EXPECT_EQ(*PosixFileSystem()->Mode(AuditPathFor(path_)), 0600u);
  std::string raw = Raw();
  EXPECT_FALSE(Contains(raw, "pw-C-1-secret"));
  EXPECT_FALSE(Contains(raw, "C-1"));
  EXPECT_EQ(raw.substr(0, 8), std::string(kMagic, 8));
  EXPECT_TRUE(CoreDumpsDisabled());
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

// A person who mistypes at the terminal types again: three tries, each
// failed one audited; a passphrase file is not asked again.
TEST_F(VaultTest, ThreeTriesAtTheTerminalEachAudited) {
  auto prompt = [](int left) { return "try, " + std::to_string(left); };
  testing::ScriptedPrompter second({"typo one", kPass});
  auto v = UnlockVaultWithTries(Options(), &second, "", prompt);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(second.prompts, (std::vector<std::string>{"try, 3", "try, 2"}));
  EXPECT_EQ(Count(AuditText(), "failed unlock"), 1u);

  testing::ScriptedPrompter never({"typo a", "typo b", "typo c", kPass});
  auto refused = UnlockVaultWithTries(Options(), &never, "", prompt);
  EXPECT_EQ(refused.status().message(), kWrongPassphrase);
  EXPECT_EQ(never.prompts.size(), 3u);
  EXPECT_EQ(Count(AuditText(), "failed unlock"), 4u);

  const std::string file = dir_.File("pass");
  testing::WriteTestFile(file, "not it\n", 0600);
  testing::ScriptedPrompter unused({kPass});
  auto from_file = UnlockVaultWithTries(Options(), &unused, file, prompt);
  EXPECT_EQ(from_file.status().message(), kWrongPassphrase);
  EXPECT_TRUE(unused.prompts.empty());
  EXPECT_EQ(Count(AuditText(), "failed unlock"), 5u);
}

TEST_F(VaultTest, CreateRefusesExistingAndOpenNeedsAVault) {
  EXPECT_TRUE(
      Vault::Create(Options(), Secret(kPass)).status().Is(Code::kConflict));
  VaultOptions missing = TestOptions(dir_.File("none.bin"), &clock_);
  EXPECT_TRUE(Vault::Open(missing, Secret(kPass)).status().Is(Code::kNotFound));
}

TEST_F(VaultTest, WrongPassphraseIsOneFixedErrorAndAudited) {
  for (const char* wrong : {"", "x", "correct horse battery stapl",
                            "correct horse battery staple "}) {
    Status s = Reopen(wrong).status();
    EXPECT_TRUE(s.Is(Code::kUnauthorized)) << wrong;
    EXPECT_EQ(s.message(), kWrongPassphrase);
  }
  std::string audit = AuditText();
  EXPECT_TRUE(Contains(audit, "failed unlock"));
  EXPECT_FALSE(Contains(audit, "correct horse battery stapl"));
  auto verdict = vault_->VerifyAudit();
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->first_broken, 0u) << verdict->reason;
  EXPECT_EQ(verdict->unauthenticated, 4u);
}

TEST_F(VaultTest, AnyFlippedByteTruncationOrAppendIsAnError) {
  Add("C-1", Service("ess"));
  const std::string good = Raw();
  const std::string copy = dir_.File("copy.bin");
  testing::NoSyncFileSystem no_sync;  // ~900 opens: skip fsync for speed
  VaultOptions opts = TestOptions(copy, &clock_);
  opts.fs = &no_sync;
  // The copy's audit log, so that the good copy opens at the end.
  testing::WriteTestFile(AuditPathFor(copy), AuditText(), 0600);
  auto expect_error = [&](const std::string& bytes, const std::string& what) {
    testing::WriteTestFile(copy, bytes, 0600);
    auto v = Vault::Open(opts, Secret(kPass));
    EXPECT_FALSE(v.ok()) << what;
    if (!v.ok()) {
      EXPECT_TRUE(v.status().Is(Code::kUnauthorized) ||
                  v.status().Is(Code::kCorruption))
          << what << ": " << v.status().ToString();
    }
  };
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(~bad[i]);
    expect_error(bad, "flip byte " + std::to_string(i));
    if (i < kHeaderBytes) {  // one-bit changes of every header field too
      bad[i] = static_cast<char>(good[i] ^ 0x01);
      expect_error(bad, "flip bit 0 of byte " + std::to_string(i));
    }
  }
  for (size_t len = 0; len < good.size(); ++len)
    expect_error(good.substr(0, len), "truncate at " + std::to_string(len));
  expect_error(good + '\0', "append 1 byte");
  expect_error(good + std::string(100, 'A'), "append 100 bytes");
  testing::WriteTestFile(copy, good, 0600);
  EXPECT_TRUE(Vault::Open(opts, Secret(kPass)).ok());
}

TEST_F(VaultTest, KdfParametersAboveCapsRefusedBeforeKdf) {
  std::string raw = Raw();
  raw[11] = 30;  // N = 2^30: 128 GiB with r = 8
  testing::WriteTestFile(path_, raw, 0600);
  uint64_t runs = ScryptRunsForTesting();
  Status s = Reopen().status();
  EXPECT_TRUE(s.Is(Code::kCorruption)) << s.ToString();
  EXPECT_NE(s.message().find("N = 2^30"), std::string::npos);
  EXPECT_EQ(ScryptRunsForTesting(), runs);
  raw[11] = 10;
  raw[12] = 0x40;  // r = 2^30
  testing::WriteTestFile(path_, raw, 0600);
  EXPECT_TRUE(Reopen().status().Is(Code::kCorruption));
  EXPECT_EQ(ScryptRunsForTesting(), runs);
}

TEST_F(VaultTest, EverySaveHasFreshSaltNonceAndCiphertext) {
  Add("C-1", Service("ess"));
  std::string first = Raw();
  ASSERT_TRUE(
      vault_
          ->Update([](std::vector<VaultEntry>*,
                      std::vector<AuditEvent>*) { return Status::Ok(); },
                   {"add", "", "", "", "", "no change"})
          .ok());
  std::string second = Raw();
  ASSERT_EQ(first.size(), second.size());
  EXPECT_EQ(first.substr(0, 20), second.substr(0, 20));  // magic..p
  EXPECT_NE(first.substr(20, kSaltBytes), second.substr(20, kSaltBytes));
  EXPECT_NE(first.substr(52, 12), second.substr(52, 12));
  EXPECT_NE(first.substr(kHeaderBytes), second.substr(kHeaderBytes));
  // The same entries; only the audit log's anchor moved on.
  auto a = nlohmann::json::parse(Plain(first));
  auto b = nlohmann::json::parse(Plain(second));
  EXPECT_EQ(a["audit"]["records"].get<int>() + 1,
            b["audit"]["records"].get<int>());
  a.erase("audit");
  b.erase("audit");
  EXPECT_EQ(a, b);
}

TEST_F(VaultTest, ExpiredEntriesAreNeverUsedAndArePurged) {
  const std::string canary = "C-CANARY-7731";
  Add(canary, Service("ess"), Days(1));
  Add("C-2", Service("cdn"), Days(30));
  AccountKey key{canary, Service("ess")};
  ASSERT_TRUE(vault_->Use(key, "prepare", "T-1").ok());
  clock_.Advance(Days(2));
  Status use = vault_->Use(key, "prepare", "T-1").status();
  EXPECT_TRUE(use.Is(Code::kPreconditionFailed));
  EXPECT_NE(use.message().find("expired on"), std::string::npos);
  EXPECT_TRUE(vault_->Reveal(key, "T-1", "check")
                  .status()
                  .Is(Code::kPreconditionFailed));
  EXPECT_TRUE(Contains(AuditText(), "refused: expired"));
  EXPECT_TRUE(Contains(Plain(Raw()), canary));  // still stored until a write
  auto purged = PurgeEntries(vault_.get(), false, clock_.Now(), "T-9");
  ASSERT_TRUE(purged.ok());
  ASSERT_EQ(purged->size(), 1u);
  EXPECT_EQ((*purged)[0].ToString(), canary + "/ess");
  // Gone from the file, decrypted or not, and from every file but the log.
  EXPECT_FALSE(Contains(Plain(Raw()), canary));
  std::vector<std::string> names = *PosixFileSystem()->ListDir(dir_.path());
  for (const std::string& name : names) {
    if (name.find("audit") != std::string::npos) continue;
    std::string bytes = *PosixFileSystem()->ReadFile(dir_.File(name));
    EXPECT_FALSE(Contains(bytes, canary)) << name;
    EXPECT_FALSE(Contains(bytes, "pw-" + canary)) << name;
  }
  EXPECT_TRUE(Contains(Plain(Raw()), "C-2"));
  EXPECT_TRUE(vault_->Use(key, "prepare", "").status().Is(Code::kNotFound));
}

TEST_F(VaultTest, ExpiredEntriesAreDroppedOnEveryWrite) {
  Add("C-OLD", Service("ess"), Days(1));
  clock_.Advance(Days(3));
  Add("C-NEW", Service("ess"));
  std::string plain = Plain(Raw());
  EXPECT_FALSE(Contains(plain, "C-OLD"));
  EXPECT_TRUE(Contains(plain, "C-NEW"));
  EXPECT_TRUE(Contains(AuditText(), "dropped on write"));
}

TEST_F(VaultTest, UseIsAuditedBeforeTheSecretIsReturned) {
  Add("C-1", Service("ess"));
  auto e = vault_->Use({"C-1", Service("ess")}, "prepare plan-7", "");
  ASSERT_TRUE(e.ok());
  auto records = ParseAuditLog(AuditText());
  const AuditRecord& last = records.back();
  EXPECT_EQ(last.action, "use");
  EXPECT_EQ(last.entry, "C-1/ess");
  EXPECT_EQ(last.ticket, "T-C-1");  // the entry's ticket by default
  EXPECT_EQ(last.detail, "prepare plan-7");
  EXPECT_EQ(last.operator_name, "op-1");
  EXPECT_FALSE(Contains(AuditText(), "pw-C-1-secret"));

  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  faulty.FailNth(FaultInjectionFileSystem::Op::kSync, 1,
                 Status::Internal("disk full"));
  auto denied = (*v)->Reveal({"C-1", Service("ess")}, "T-1", "why");
  EXPECT_FALSE(denied.ok());
  EXPECT_NE(denied.status().message().find("nothing was revealed"),
            std::string::npos);
}

// Team mode: every audit record is copied once it is on disk; when the
// copy cannot be made (the campaign store is down) no secret comes out.
TEST_F(VaultTest, AuditRecordsAreCopiedAndAFailedCopyRefusesTheSecret) {
  Add("C-1", Service("ess"));
  std::vector<std::string> copies;
  bool store_up = true;
  VaultOptions opts = Options();
  opts.audit_copy = [&](const std::vector<std::string>& lines) {
    if (!store_up) return Status::Unavailable("campaign store: lost");
    copies.insert(copies.end(), lines.begin(), lines.end());
    return Status::Ok();
  };
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE((*v)->Use({"C-1", Service("ess")}, "prepare plan-7", "").ok());
  ASSERT_EQ(copies.size(), 1u);
  std::string text = AuditText();
  EXPECT_EQ(copies[0] + "\n",
            text.substr(text.rfind('\n', text.size() - 2) + 1));
  store_up = false;
  auto denied = (*v)->Use({"C-1", Service("ess")}, "prepare plan-7", "");
  EXPECT_FALSE(denied.ok());
  EXPECT_TRUE(denied.status().Is(Code::kUnavailable))
      << denied.status().message();
  auto hidden = (*v)->Reveal({"C-1", Service("ess")}, "T-1", "why");
  EXPECT_FALSE(hidden.ok());
  // The local log still has both records.
  EXPECT_EQ(ParseAuditLog(AuditText()).back().action, "reveal");
}

TEST_F(VaultTest, RekeyKeepsEntriesAndAuditChain) {
  Add("C-1", Service("ess"));
  ASSERT_TRUE(vault_->Rekey(Secret("a brand new passphrase")).ok());
  EXPECT_TRUE(Reopen().status().Is(Code::kUnauthorized));
  auto v = Reopen("a brand new passphrase");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ((*v)->Entries()->size(), 1u);
  ASSERT_TRUE((*v)->Use({"C-1", Service("ess")}, "p", "").ok());
  auto verdict = (*v)->VerifyAudit();
  EXPECT_EQ(verdict->first_broken, 0u) << verdict->reason;
  EXPECT_TRUE(Contains(AuditText(), "\"rekey\""));
}

TEST_F(VaultTest, FailedRenameLeavesOldVaultIntact) {
  Add("C-1", Service("ess"));
  std::string before = Raw();
  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  faulty.FailNth(FaultInjectionFileSystem::Op::kRename, 1,
                 Status::Internal("injected"));
  Timestamp now = clock_.Now();
  EXPECT_FALSE(
      PutEntries(v->get(),
                 {MakeEntry("C-2", Service("ess"), now, now + Days(5))}, false,
                 "add")
          .ok());
  EXPECT_EQ(Raw(), before);
  EXPECT_TRUE(Contains(AuditText(), "error: injected"));
}

using FaultOp = FaultInjectionFileSystem::Op;

// A save is WriteFileAtomic: the new file's data fsynced before the rename,
// the directory fsynced after it, for every save an operation makes.
TEST_F(VaultTest, EverySaveSyncsTheDataBeforeTheRenameAndTheDirectoryAfter) {
  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  Timestamp now = clock_.Now();
  ASSERT_TRUE(PutEntries(v->get(),
                         {MakeEntry("C-2", Service("ess"), now, now + Days(5))},
                         false, "add")
                  .ok());
  ASSERT_TRUE((*v)->Use({"C-2", Service("ess")}, "prepare plan-7", "").ok());
  Status durable = CheckDurableRenames(faulty.Events(), path_);
  EXPECT_TRUE(durable.ok()) << durable.message();
}

TEST_F(VaultTest, AFailedDataSyncOfASaveLeavesTheOldVault) {
  std::string before = Raw();
  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  std::string tmp = path_ + ".tmp." + std::to_string(::getpid());
  faulty.FailNth(FaultOp::kSync, tmp, 1, Status::Internal("EIO on fsync"));
  Timestamp now = clock_.Now();
  EXPECT_FALSE(
      PutEntries(v->get(),
                 {MakeEntry("C-2", Service("ess"), now, now + Days(5))}, false,
                 "add")
          .ok());
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, tmp), 1) << "the save never synced";
  EXPECT_EQ(Raw(), before);
}

TEST_F(VaultTest, AFailedDirectorySyncOfASaveIsReported) {
  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  faulty.FailNth(FaultOp::kSyncDir, DirName(path_), 1,
                 Status::Internal("EIO on dir"));
  Timestamp now = clock_.Now();
  EXPECT_FALSE(
      PutEntries(v->get(),
                 {MakeEntry("C-2", Service("ess"), now, now + Days(5))}, false,
                 "add")
          .ok());
  EXPECT_EQ(faulty.Calls(FaultOp::kSyncDir, DirName(path_)), 1);
}

// The audit record of a use or a reveal is fsynced before the secret comes
// out: when exactly that fsync fails, nothing comes out.
TEST_F(VaultTest, NoSecretComesOutUnlessItsAuditRecordIsSynced) {
  Add("C-1", Service("ess"));
  FaultInjectionFileSystem faulty(PosixFileSystem());
  VaultOptions opts = Options();
  opts.fs = &faulty;
  auto v = Vault::Open(opts, Secret(kPass));
  ASSERT_TRUE(v.ok());
  const std::string audit = AuditPathFor(path_);
  faulty.FailNth(FaultOp::kSync, audit, 1, Status::Internal("EIO"));
  EXPECT_FALSE((*v)->Use({"C-1", Service("ess")}, "prepare plan-7", "").ok());
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, audit), 1);
  faulty.FailNth(FaultOp::kSync, audit, 1, Status::Internal("EIO"));
  EXPECT_FALSE((*v)->Reveal({"C-1", Service("ess")}, "T-1", "why").ok());
  EXPECT_EQ(faulty.Calls(FaultOp::kSync, audit), 2);
  EXPECT_TRUE((*v)->Use({"C-1", Service("ess")}, "prepare plan-7", "").ok())
      << "works again once the disk does";
}

TEST_F(VaultTest, GroupReadableVaultIsRefused) {
  ASSERT_TRUE(PosixFileSystem()->Chmod(path_, 0644).ok());
  EXPECT_TRUE(Reopen().status().Is(Code::kInvalidArgument));
}

TEST_F(VaultTest, AddRefusesDuplicatesUnlessReplace) {
  Add("C-1", Service("ess"));
  Timestamp now = clock_.Now();
  VaultEntry e = MakeEntry("C-1", Service("ess"), now, now + Days(3));
  e.creds.secrets["password"] = Secret("new-password");
  EXPECT_TRUE(PutEntries(vault_.get(), {e}, false, "add").Is(Code::kConflict));
  ASSERT_TRUE(PutEntries(vault_.get(), {e}, true, "add").ok());
  auto got = vault_->Use({"C-1", Service("ess")}, "p", "");
  EXPECT_EQ(got->creds.secret("password").reveal(), "new-password");
  EXPECT_TRUE(RemoveEntry(vault_.get(), {"C-1", Service("ess")}, "T").ok());
  EXPECT_TRUE(RemoveEntry(vault_.get(), {"C-1", Service("ess")}, "T")
                  .Is(Code::kNotFound));
}

// An audit log cut short (the "reveal" at its end dropped) or deleted: the
// vault's anchor no longer matches. Every unlock refuses; `vault audit`
// (inspect) opens and reports; nothing is used until the log is back.
// (The old vault opened, used and verified such a log as intact.)
TEST_F(VaultTest, AuditLogCutShortOrDeletedIsFoundAtEveryUnlock) {
  Add("C-1", Service("ess"));
  ASSERT_TRUE(vault_->Use({"C-1", Service("ess")}, "prepare", "T").ok());
  ASSERT_TRUE(vault_->Use({"C-1", Service("ess")}, "verify", "T").ok());
  ASSERT_TRUE(vault_->Reveal({"C-1", Service("ess")}, "T", "why").ok());
  const std::string full = AuditText();
  ASSERT_EQ(std::count(full.begin(), full.end(), '\n'), 5);
  std::string cut = full.substr(0, full.find('\n', full.find('\n') + 1) + 1);
  testing::WriteTestFile(AuditPathFor(path_), cut, 0600);
  auto v = Reopen();
  ASSERT_EQ(v.status().code(), Code::kCorruption);
  EXPECT_TRUE(Contains(v.status().message(), "records 3-5 were removed"))
      << v.status().message();
  EXPECT_EQ(vault_->Use({"C-1", Service("ess")}, "p", "T").status().code(),
            Code::kCorruption)
      << "an open vault refuses too";
  VaultOptions inspect = Options();
  inspect.inspect_broken_audit = true;
  auto seen = Vault::Open(inspect, Secret(kPass));
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  auto verdict = (*seen)->VerifyAudit();
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->first_broken, 3u) << verdict->reason;
  EXPECT_EQ((*seen)->Reveal({"C-1", Service("ess")}, "T", "r").status().code(),
            Code::kCorruption);
  EXPECT_EQ(AuditText(), cut) << "nothing appended to a damaged log";

  ASSERT_TRUE(PosixFileSystem()->Remove(AuditPathFor(path_)).ok());
  v = Reopen();
  ASSERT_EQ(v.status().code(), Code::kCorruption);
  EXPECT_TRUE(Contains(v.status().message(), "deleted"))
      << v.status().message();
  testing::WriteTestFile(AuditPathFor(path_), full, 0600);
  v = Reopen();
  ASSERT_TRUE(v.ok()) << "the log restored from a backup";
  EXPECT_TRUE((*v)->VerifyAudit()->intact());
}

// Whoever kept a copy of the vault file and its old passphrase (a staff
// member who left) can still derive the MAC key the copy knows. A rekey
// starts a new key, so what they sign after it is found; before, the key
// stayed the same across rekeys and such a record verified.
TEST_F(VaultTest, RekeyStartsANewAuditMacKey) {
  Add("C-1", Service("ess"));
  const std::string old_copy = Raw();
  ASSERT_TRUE(vault_->Rekey(Secret("a brand new passphrase")).ok());
  // The old copy and the log as it is now, side by side.
  std::string old_path = dir_.File("old.bin");
  testing::WriteTestFile(old_path, old_copy, 0600);
  testing::WriteTestFile(AuditPathFor(old_path), AuditText(), 0600);
  auto old = Vault::Open(TestOptions(old_path, &clock_), Secret(kPass));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_TRUE((*old)->Use({"C-1", Service("ess")}, "forged", "T").ok());
  std::string forged_log = *PosixFileSystem()->ReadFile(AuditPathFor(old_path));
  std::string forged = forged_log.substr(AuditText().size());
  ASSERT_FALSE(forged.empty());
  testing::WriteTestFile(AuditPathFor(path_), AuditText() + forged, 0600);
  auto now = Reopen("a brand new passphrase");
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  auto verdict = (*now)->VerifyAudit();
  ASSERT_TRUE(verdict.ok());
  EXPECT_NE(verdict->first_broken, 0u) << "the forged record verified";
  EXPECT_TRUE(Contains(verdict->reason, "MAC")) << verdict->reason;
}

TEST(ParseAccountTest, Forms) {
  EXPECT_EQ(ParseAccount("C-10001/ess")->ToString(), "C-10001/ess");
  EXPECT_EQ(ParseAccount("C-10001/cdn")->service, Service("cdn"));
  EXPECT_FALSE(ParseAccount("C-10001").ok());
  EXPECT_FALSE(ParseAccount("/ess").ok());
  EXPECT_FALSE(ParseAccount("C-1/mail").ok());
}

}  // namespace
}  // namespace renumber::vault
