// The store contract on the local state directory and on the fake.
#include <stdlib.h>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/store/fake_store.h"
#include "src/store/fault_store.h"
#include "src/store/local_store.h"
#include "src/store/store_contract.h"

namespace renumber {
namespace {

class LocalBackend : public StoreBackend {
 public:
  LocalBackend() {
    char tmpl[] = "/tmp/renumber-store-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  ~LocalBackend() override { (void)!system(("rm -rf '" + dir_ + "'").c_str()); }
  // Each client opens its own files: flock locks of two clients conflict
  // as those of two processes do.
  std::unique_ptr<CampaignStore> Open() override {
    return NewLocalStore(PosixFileSystem(), RealClock(), dir_);
  }

 private:
  std::string dir_;
};

class FakeBackend : public StoreBackend {
 public:
  // Clients share the fake through non-owning wrappers.
  std::unique_ptr<CampaignStore> Open() override {
    return std::make_unique<FaultInjectionStore>(&fake_);
  }

 private:
  FakeCampaignStore fake_{RealClock()};
};

INSTANTIATE_TEST_SUITE_P(
    Stores, StoreContractTest,
    ::testing::Values(
        StoreBackendParam{"Local",
                          []() -> Result<std::unique_ptr<StoreBackend>> {
                            return std::unique_ptr<StoreBackend>(
                                new LocalBackend);
                          }},
        StoreBackendParam{"Fake",
                          []() -> Result<std::unique_ptr<StoreBackend>> {
                            return std::unique_ptr<StoreBackend>(
                                new FakeBackend);
                          }}),
    BackendName);

TEST(LocalStoreTest, KeepsTheJournalWhereRenumberAlwaysDid) {
  LocalBackend backend;
  auto store = backend.Open();
  auto sink = store->OpenJournal("plan-2026-12");
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE(
      (*sink)->Append({{"type", "intent"}, {"account", "C-1/ess"}}).ok());
  const std::string path = store->Where() + "/journal/plan-2026-12.journal";
  auto text = PosixFileSystem()->ReadFile(path);
  ASSERT_TRUE(text.ok()) << path;
  EXPECT_EQ(*PosixFileSystem()->Mode(path), 0600u);
  // The same bytes the journal writer has always written.
  auto direct = ReadJournal(PosixFileSystem(), path);
  ASSERT_EQ(direct->records.size(), 1u);
  EXPECT_EQ(*text, EncodeJournalLine(direct->records[0]));
  EXPECT_FALSE(store->Shared());
  EXPECT_TRUE(store->HeldLocks()->empty());
}

TEST(FakeStoreTest, ACorruptRecordIsSkippedAndReported) {
  FakeCampaignStore fake(RealClock());
  auto sink = fake.OpenJournal("c");
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE((*sink)->Append({{"type", "intent"}, {"n", i}}).ok());
  std::string line = fake.Lines("c")[1];
  line[line.size() - 2] ^= 1;  // one bit of the JSON
  fake.ReplaceLine("c", 1, line);
  auto read = fake.ReadJournal("c");
  ASSERT_EQ(read->records.size(), 2u);
  EXPECT_EQ(read->corrupt_lines, std::vector<int>{2});
}

}  // namespace
}  // namespace renumber
