#include "src/engine/executor.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "src/core/fs_fault.h"

namespace renumber {
namespace {

using FaultOp = FaultInjectionFileSystem::Op;

// An adapter that only applies: at each Apply it keeps the file system
// calls seen so far (how far the journal had been written and fsynced).
class ProbeAdapter : public Adapter {
 public:
  explicit ProbeAdapter(FaultInjectionFileSystem* fs) : fs_(fs) {}
  Capabilities capabilities() const override { return {}; }
  Result<Discovery> Discover(const Target&) override {
    return Status::Internal("not used");
  }
  Result<Plan> PlanPhase(Phase, const Discovery&,
                         const PhaseContext&) override {
    return Status::Internal("not used");
  }
  Result<ApplyOutcome> Apply(const Change& change,
                             const PhaseContext&) override {
    events_at_apply.push_back(fs_->Events());
    applied.push_back(change.id);
    return ApplyOutcome{true, 1, {{"id", change.id}}};
  }
  Result<VerifyReport> Verify(const Target&, const VerifyOptions&) override {
    return Status::Internal("not used");
  }

  std::vector<std::vector<FaultInjectionFileSystem::Event>> events_at_apply;
  std::vector<std::string> applied;

 private:
  FaultInjectionFileSystem* fs_;
};

class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/renumber-executor-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/j.journal";
    auto w = JournalWriter::Open(&faulty_, path_);
    ASSERT_TRUE(w.ok()) << w.status().message();
    journal_ = std::move(w).value();
    plan_.phase = Phase::kPrepare;
    for (const char* id : {"add-new", "make-primary"}) {
      Change c;
      c.id = id;
      c.kind = id;
      plan_.changes.push_back(c);
    }
    ctx_.target.account = {"C-1", Service("ess")};
  }
  void TearDown() override {
    ASSERT_EQ(system(("rm -rf '" + dir_ + "'").c_str()), 0);
  }

  std::string dir_, path_;
  FaultInjectionFileSystem faulty_{PosixFileSystem()};
  std::unique_ptr<JournalWriter> journal_;
  Plan plan_;
  PhaseContext ctx_;
};

// "Journal before write": each change's intent is appended and fsynced
// before the vendor sees the change.
TEST_F(ExecutorTest, EachIntentIsSyncedBeforeItsVendorWrite) {
  ProbeAdapter adapter(&faulty_);
  auto exec =
      NewLiveExecutor(journal_.get(), {"run-1", "c", "prepare", "u", ""});
  ExecutionReport r = exec->Execute(adapter, plan_, ctx_);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(adapter.events_at_apply.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const auto& events = adapter.events_at_apply[i];
    // The last append before the write is this change's intent ...
    int last_append = -1;
    for (int at = 0; (at = FindEvent(events, FaultOp::kAppend, path_,
                                     last_append + 1)) >= 0;)
      last_append = at;
    ASSERT_GE(last_append, 0);
    // ... and it was fsynced before the write.
    EXPECT_GE(FindEvent(events, FaultOp::kSync, path_, last_append), 0)
        << "the intent of " << adapter.applied[i]
        << " was not fsynced before its vendor write";
  }
  // The intent really is what was appended last before each write: an
  // intent line per change, each before its outcome.
  auto contents = ReadJournal(PosixFileSystem(), path_);
  ASSERT_TRUE(contents.ok());
  ASSERT_EQ(contents->records.size(), 4u);
  EXPECT_EQ(contents->records[0]["type"], "intent");
  EXPECT_EQ(contents->records[1]["type"], "outcome");
  EXPECT_EQ(contents->records[2]["type"], "intent");
}

// An intent that cannot be made durable stops the change before the vendor
// sees it.
TEST_F(ExecutorTest, AFailedIntentSyncPreventsTheVendorWrite) {
  ProbeAdapter adapter(&faulty_);
  auto exec =
      NewLiveExecutor(journal_.get(), {"run-1", "c", "prepare", "u", ""});
  faulty_.FailNth(FaultOp::kSync, path_, 1, Status::Internal("EIO on fsync"));
  ExecutionReport r = exec->Execute(adapter, plan_, ctx_);
  EXPECT_EQ(r.status.code(), Code::kInternal) << r.status.message();
  EXPECT_TRUE(adapter.applied.empty()) << "wrote with an unsynced intent";
  EXPECT_EQ(r.writes, 0);
}

}  // namespace
}  // namespace renumber
