#include "adapters/cdn/cdn_discover.h"

#include <gtest/gtest.h>

#include "adapters/cdn/cdn_test_snapshots.h"

namespace renumber::cdn {
namespace {

using namespace testing;  // NOLINT

const Finding* FindNote(const Discovery& d, const std::string& object) {
  for (const Finding& f : d.findings)
    if (f.kind == Finding::Kind::kNote && f.object == object) return &f;
  return nullptr;
}

RawService WithBackends(const std::string& id,
                        const std::vector<std::string>& addresses) {
  RawService s;
  s.id = id;
  s.versions = {VersionJ(1, true, true)};
  for (size_t i = 0; i < addresses.size(); ++i)
    s.backends.push_back(
        BackendJ("origin_" + std::to_string(i + 1), addresses[i]));
  return s;
}

// A wrong old_ip in the plan: neither IP is an origin server, and the
// account says which ones its active versions use (five named, the rest
// counted; an address used twice named once), in both languages.
TEST(CdnDiscoverTest, AMissingAccountNamesTheOriginServersInUse) {
  auto services = Snapshots(
      {WithBackends("S1", {"203.0.113.1", "203.0.113.2", "203.0.113.3"}),
       WithBackends("S2", {"203.0.113.3", "203.0.113.4", "203.0.113.5",
                           "203.0.113.6", "origin.example.jp"})});
  ASSERT_EQ(services.size(), 2u);
  Discovery d = BuildDiscovery(services, TestTarget(), nullptr);
  EXPECT_EQ(d.state, AccountState::kMissing);
  const Finding* f = FindNote(d, "origin servers");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->text.en,
            "neither 198.18.0.5 nor 198.19.0.5 is an origin server of this "
            "account; it uses 203.0.113.1, 203.0.113.2, 203.0.113.3, "
            "203.0.113.4, 203.0.113.5, +2 (check old_ip in the plan)");
  EXPECT_NE(f->text.ja.find("オリジンサーバー: 203.0.113.1"),
            std::string::npos);
  EXPECT_NE(f->text.ja.find("計画ファイルの old_ip をご確認ください"),
            std::string::npos);
}

TEST(CdnDiscoverTest, AnAccountOnTheOldIpHasNoSuchNote) {
  auto services = Snapshots({WithBackends("S1", {"198.18.0.5"})});
  Discovery d = BuildDiscovery(services, TestTarget(), nullptr);
  EXPECT_EQ(d.state, AccountState::kNotStarted);
  EXPECT_EQ(FindNote(d, "origin servers"), nullptr);
}

// A service without any backend still gets the note, with "-".
TEST(CdnDiscoverTest, NoOriginServersAtAllIsADash) {
  auto services = Snapshots({WithBackends("S1", {})});
  Discovery d = BuildDiscovery(services, TestTarget(), nullptr);
  EXPECT_EQ(d.state, AccountState::kMissing);
  const Finding* f = FindNote(d, "origin servers");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->text.en.find("it uses - (check old_ip"), std::string::npos)
      << f->text.en;
}

}  // namespace
}  // namespace renumber::cdn
