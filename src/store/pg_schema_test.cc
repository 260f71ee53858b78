// Versioned migrations against a real server.
#include "src/store/pg_schema.h"

#include <gtest/gtest.h>

#include <thread>

#include "src/engine/journal.h"
#include "src/store/pg_store.h"
#include "src/store/test_pg_server.h"

namespace renumber {
namespace {

class PgSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto spec = FreshTestDatabase();
    if (!spec.ok() && spec.status().Is(Code::kNotFound))
      GTEST_SKIP() << spec.status().message();
    ASSERT_TRUE(spec.ok()) << spec.status().message();
    spec_ = *spec;
  }
  std::unique_ptr<PgStore> Raw() {
    auto s = OpenPgStore(spec_, "", "renumber store", RealClock(),
                         /*check_schema=*/false);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return std::move(*s);
  }
  std::string spec_;
};

TEST_F(PgSchemaTest, AnEmptyDatabaseAsksForInit) {
  auto store = OpenPgStore(spec_, "", "renumber prepare", RealClock());
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(store.status().Is(Code::kPreconditionFailed));
  EXPECT_NE(store.status().message().find("renumber store init"),
            std::string::npos)
      << store.status().message();
  EXPECT_EQ(*SchemaVersion(Raw()->session()), 0);
}

TEST_F(PgSchemaTest, MigratesStepByStepKeepingTheRecords) {
  auto raw = Raw();
  auto first = MigrateSchema(raw->session(), 1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(*first, std::vector<int>{1});
  // A journal written at version 1 (an older renumber).
  nlohmann::json end = {{"type", "account-end"},      {"account", "C-1/ess"},
                        {"phase", "prepare"},         {"result", "done"},
                        {"state", "prepared"},        {"operator", "alice"},
                        {"t", "2026-12-01T10:00:00Z"}};
  std::string line = EncodeJournalLine(end);
  line.pop_back();
  ASSERT_TRUE(raw->session()
                  ->Exec("INSERT INTO renumber_journal (campaign, line, "
                         "account, type, operator) VALUES ('c', $1, "
                         "'C-1/ess', 'account-end', 'alice')",
                         {line})
                  .ok());
  auto old = OpenPgStore(spec_, "", "renumber prepare", RealClock());
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("renumber store migrate"),
            std::string::npos)
      << old.status().message();

  auto rest = MigrateSchema(raw->session());
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  EXPECT_EQ(*rest, (std::vector<int>{2, 3}));
  EXPECT_EQ(*SchemaVersion(raw->session()), LatestSchemaVersion());
  EXPECT_TRUE(MigrateSchema(raw->session())->empty()) << "nothing twice";
  auto store = OpenPgStore(spec_, "", "renumber prepare", RealClock());
  ASSERT_TRUE(store.ok()) << store.status().message();
  // Migration 2 filled the accounts table from the journal.
  auto accounts = (*store)->Accounts("c");
  ASSERT_EQ(accounts->size(), 1u);
  EXPECT_EQ((*accounts)[0].state, "prepared");
  EXPECT_EQ((*store)->ReadJournal("c")->records.size(), 1u);
  auto versions = raw->session()->Exec(
      "SELECT version, description FROM renumber_schema_version ORDER BY 1");
  ASSERT_EQ(versions->rows.size(), 3u);
}

TEST_F(PgSchemaTest, TwoMigratorsAtOnceApplyEachMigrationOnce) {
  auto a = Raw();
  auto b = Raw();
  Result<std::vector<int>> ra = std::vector<int>{}, rb = std::vector<int>{};
  std::thread ta([&] { ra = MigrateSchema(a->session()); });
  std::thread tb([&] { rb = MigrateSchema(b->session()); });
  ta.join();
  tb.join();
  ASSERT_TRUE(ra.ok()) << ra.status().message();
  ASSERT_TRUE(rb.ok()) << rb.status().message();
  EXPECT_EQ(ra->size() + rb->size(), PgMigrations().size());
  EXPECT_EQ(*SchemaVersion(a->session()), LatestSchemaVersion());
}

TEST_F(PgSchemaTest, ANewerSchemaIsRefused) {
  auto raw = Raw();
  ASSERT_TRUE(MigrateSchema(raw->session()).ok());
  ASSERT_TRUE(raw->session()
                  ->Exec("INSERT INTO renumber_schema_version (version, "
                         "description) VALUES (99, 'from the future')")
                  .ok());
  auto store = OpenPgStore(spec_, "", "renumber prepare", RealClock());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("upgrade renumber"),
            std::string::npos);
}

}  // namespace
}  // namespace renumber
