#include "src/store/store_contract.h"

#include <thread>

namespace renumber {

using json = nlohmann::json;

void StoreContractTest::SetUp() {
  auto backend = GetParam().make();
  if (!backend.ok() && backend.status().Is(Code::kNotFound))
    GTEST_SKIP() << backend.status().message();
  ASSERT_TRUE(backend.ok()) << backend.status().message();
  backend_ = std::move(*backend);
}

std::string BackendName(const ::testing::TestParamInfo<StoreBackendParam>& p) {
  return p.param.name;
}

namespace {

LockHolder Holder(const std::string& op, const std::string& host) {
  return LockHolder{op, op, "prepare", "plan-2026-12", 4242, host, ""};
}

json Record(const std::string& type, const std::string& account, int n) {
  return {{"type", type},         {"run", "r1"},        {"campaign", "c"},
          {"command", "prepare"}, {"account", account}, {"phase", "prepare"},
          {"operator", "alice"},  {"user", "alice"},    {"n", n}};
}

TEST_P(StoreContractTest, RecordsComeBackInOrderToEveryClient) {
  auto a = backend_->Open();
  auto sink = a->OpenJournal("plan-2026-12");
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE((*sink)->Append(Record("intent", "C-1/ess", i)).ok());
  auto b = backend_->Open();  // another machine
  auto read = b->ReadJournal("plan-2026-12");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->records.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(read->records[i]["n"], i);
    EXPECT_FALSE(read->records[i].value("t", "").empty());
  }
  EXPECT_TRUE(read->corrupt_lines.empty());
}

// A migration run reads its journal trimmed (issue 15: memory): every
// store drops what runs never read and keeps what they do.
TEST_P(StoreContractTest, ARunsReadKeepsOnlyWhatRunsRead) {
  auto a = backend_->Open();
  auto sink = a->OpenJournal("c");
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  json intent = Record("intent", "C-1/ess", 1);
  intent["change"] = {{"id", "ch-1"},
                      {"kind", "add-route"},
                      {"params", {{"address", "198.51.100.20"}}},
                      {"description", {{"en", "Add"}, {"ja", "追加"}}}};
  ASSERT_TRUE((*sink)->Append(intent).ok());
  auto read = backend_->Open()->ReadJournal("c", JournalRead::kWhatRunsRead);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->records.size(), 1u);
  const json& r = read->records[0];
  EXPECT_EQ(r["account"], "C-1/ess");
  EXPECT_EQ(r["change"]["params"]["address"], "198.51.100.20");
  EXPECT_FALSE(r["change"].contains("description"));
  EXPECT_FALSE(r.contains("operator"));
  EXPECT_TRUE(backend_->Open()->ReadJournal("c")->records[0]["change"].contains(
      "description"));
}

TEST_P(StoreContractTest, CampaignsAreSeparateAndAllAreListed) {
  auto a = backend_->Open();
  ASSERT_TRUE(
      (*a->OpenJournal("one"))->Append(Record("intent", "C-1/ess", 1)).ok());
  ASSERT_TRUE(
      (*a->OpenJournal("two"))->Append(Record("intent", "C-2/cdn", 2)).ok());
  ASSERT_TRUE(
      (*a->OpenJournal("two"))->Append(Record("intent", "C-3/cdn", 3)).ok());
  EXPECT_EQ(a->ReadJournal("one")->records.size(), 1u);
  EXPECT_EQ(a->ReadJournal("two")->records.size(), 2u);
  EXPECT_TRUE(a->ReadJournal("never")->records.empty());
  auto all = backend_->Open()->ReadJournals();
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].campaign, "one");
  EXPECT_EQ((*all)[1].campaign, "two");
  EXPECT_EQ((*all)[1].contents.records.size(), 2u);
}

TEST_P(StoreContractTest, ALockedAccountIsRefusedToAnotherClientWithItsHolder) {
  auto a = backend_->Open();
  auto b = backend_->Open();
  auto alice = a->Locks(Holder("alice", "ws-alice"));
  auto bob = b->Locks(Holder("bob", "ws-bob"));
  ASSERT_TRUE(alice.ok() && bob.ok());
  AccountKey acct{"C-1", Service("ess")};
  auto held = (*alice)->Acquire(acct, std::chrono::milliseconds(0));
  ASSERT_TRUE(held.ok()) << held.status().message();
  Text who;
  auto refused = (*bob)->Acquire(acct, std::chrono::milliseconds(0), &who);
  const std::string& holder = who.en;
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().Is(Code::kPreconditionFailed));
  EXPECT_NE(holder.find("alice"), std::string::npos) << holder;
  EXPECT_NE(holder.find("ws-alice"), std::string::npos) << holder;
  EXPECT_NE(holder.find("prepare"), std::string::npos) << holder;
  EXPECT_NE(holder.find("4242"), std::string::npos) << holder;
  // Another account is free.
  EXPECT_TRUE((*bob)->Acquire({"C-1", Service("cdn")}, {}).ok());
  held->reset();  // alice is done
  EXPECT_TRUE((*bob)->Acquire(acct, std::chrono::milliseconds(0)).ok());
}

TEST_P(StoreContractTest, AWaitingClientGetsTheLockWhenTheHolderLetsGo) {
  auto a = backend_->Open();
  auto b = backend_->Open();
  auto alice = a->Locks(Holder("alice", "ws-alice"));
  auto bob = b->Locks(Holder("bob", "ws-bob"));
  AccountKey acct{"C-7", Service("cdn")};
  auto held = (*alice)->Acquire(acct, {});
  ASSERT_TRUE(held.ok()) << held.status().message();
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    held->reset();
  });
  auto waited = (*bob)->Acquire(acct, std::chrono::seconds(20));
  release.join();
  EXPECT_TRUE(waited.ok()) << waited.status().message();
}

TEST_P(StoreContractTest, AccountsKeepTheirLastStateFromAccountEnds) {
  auto a = backend_->Open();
  auto sink = a->OpenJournal("plan-2026-12");
  json end = Record("account-end", "C-1/ess", 1);
  end["result"] = "done";
  end["state"] = "prepared";
  ASSERT_TRUE((*sink)->Append(end).ok());
  end["phase"] = "rollback-prepare";
  end["state"] = "not-started";
  end["operator"] = "bob";
  ASSERT_TRUE((*sink)->Append(end).ok());
  json refused = end;
  refused["result"] = "refused";
  refused["phase"] = "prepare";
  refused.erase("state");
  refused["operator"] = "carol";
  ASSERT_TRUE((*sink)->Append(refused).ok());  // held elsewhere: no change
  json other = Record("account-end", "C-2/cdn", 2);
  other["result"] = "failed";
  ASSERT_TRUE((*sink)->Append(other).ok());
  ASSERT_TRUE((*sink)->Append(Record("intent", "C-3/ess", 3)).ok());
  auto accounts = backend_->Open()->Accounts("plan-2026-12");
  ASSERT_TRUE(accounts.ok()) << accounts.status().message();
  ASSERT_EQ(accounts->size(), 2u);
  const StoredAccount& c1 = (*accounts)[0];
  EXPECT_EQ(c1.account, "C-1/ess");
  EXPECT_EQ(c1.phase, "rollback-prepare");
  EXPECT_EQ(c1.state, "not-started");
  EXPECT_EQ(c1.operator_name, "bob");
  EXPECT_EQ((*accounts)[1].result, "failed");
  EXPECT_TRUE(a->Accounts("other")->empty());
}

TEST_P(StoreContractTest, ParallelAppendersLoseNothing) {
  auto a = backend_->Open();
  auto sink = a->OpenJournal("c");
  ASSERT_TRUE(sink.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        EXPECT_TRUE(
            (*sink)
                ->Append(Record("intent", "C-" + std::to_string(t) + "/ess", i))
                .ok());
    });
  for (auto& t : threads) t.join();
  auto read = backend_->Open()->ReadJournal("c");
  ASSERT_EQ(read->records.size(), 100u);
  // Each writer's records stay in its order.
  std::map<std::string, int> next;
  for (const json& r : read->records) {
    int& n = next[r["account"].get<std::string>()];
    EXPECT_EQ(r["n"], n);
    ++n;
  }
}

}  // namespace
}  // namespace renumber
