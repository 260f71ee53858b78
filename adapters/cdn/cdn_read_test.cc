#include "adapters/cdn/cdn_read.h"

#include <gtest/gtest.h>

#include "adapters/cdn/cdn_test_snapshots.h"
#include "src/http/fake_transport.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

// Serves `total` services (ids S0, S1, ...) with no active version, 30 a
// page whatever was asked (the server's cap), paged by Link headers.
void ServeServices(FakeTransport* fake, int total, bool repeat_first = false) {
  fake->SetHandler([=](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse out;
    out.status = 200;
    const std::string path = r.url.substr(r.url.find("/service"));
    if (path.rfind("/service?", 0) == 0) {
      const int page = std::stoi(path.substr(path.find("page=") + 5));
      json list = json::array();
      for (int i = (page - 1) * 30; i < std::min(total, page * 30); ++i)
        list.push_back({{"id", "S" + std::to_string(repeat_first ? 0 : i)},
                        {"name", "svc" + std::to_string(i)},
                        {"version", 0}});
      out.body = list.dump();
      if (page * 30 < total)
        out.headers.Set("Link", "<http://127.0.0.1:9/service?page=" +
                                    std::to_string(page + 1) +
                                    "&per_page=30>; rel=\"next\"");
      return out;
    }
    out.body = R"({"active_version":null,"versions":[{"number":1}]})";
    return out;
  });
}

TEST(CdnReadTest, FollowsTheLinkHeaderToTheLastPage) {
  FakeTransport fake;
  CdnClient client(&fake, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeServices(&fake, 61);
  auto all = ReadAccount(&client, testing::TestTarget());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 61u);
  EXPECT_EQ(all->back().id, "S60");
  int pages = 0;
  for (const auto& r : fake.requests())
    pages += r.url.find("/service?page=") != std::string::npos;
  EXPECT_EQ(pages, 3);
}

TEST(CdnReadTest, AServiceListedTwiceIsAnError) {
  FakeTransport fake;
  CdnClient client(&fake, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeServices(&fake, 2, /*repeat_first=*/true);
  auto all = ReadAccount(&client, testing::TestTarget());
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("C-1/cdn: GET /service?page=1"),
            std::string::npos);
}

TEST(CdnReadTest, StagedSwitchAndDraftsAreToldApart) {
  testing::RawService s;
  s.versions = {testing::VersionJ(1, false, true),
                testing::VersionJ(2, true, true),
                testing::VersionJ(3, false, false, testing::Staged(2)),
                testing::VersionJ(4, false, false, "customer's draft")};
  s.backends = json::array({testing::BackendJ("origin_1", "198.18.0.5")});
  s.staged_number = 3;
  s.staged_backends =
      json::array({testing::BackendJ("origin_1", "198.19.0.5")});
  auto snaps = testing::Snapshots({s});
  ASSERT_EQ(snaps.size(), 1u);
  ASSERT_EQ(snaps[0].staged.size(), 1u);
  EXPECT_EQ(snaps[0].staged[0].number, 3);
  EXPECT_EQ(snaps[0].staged[0].mark.base, 2);
  EXPECT_EQ(snaps[0].staged[0].backends[0].address, "198.19.0.5");
  EXPECT_NE(snaps[0].staged[0].diff.find("+  address: 198.19.0.5"),
            std::string::npos);
  EXPECT_EQ(snaps[0].PendingDraft(), 4);  // the customer's, not ours
  EXPECT_FALSE(snaps[0].ActiveMark().has_value());
}

// Serves one service, active version 2, with our switch staged as version
// 3 on it; every list empty but the backends, the diff one line.
void ServeStagedService(FakeTransport* fake) {
  fake->SetHandler([](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse out;
    out.status = 200;
    const std::string path = r.url.substr(r.url.find("/service"));
    if (path.rfind("/service?", 0) == 0) {
      out.body = R"([{"id":"S1","name":"site","version":2}])";
    } else if (path == "/service/S1/details") {
      out.body =
          json{{"id", "S1"},
               {"name", "site"},
               {"type", "vcl"},
               {"active_version", testing::VersionJ(2, true, true)},
               {"versions",
                {testing::VersionJ(2, true, true),
                 testing::VersionJ(3, false, false, testing::Staged(2))}}}
              .dump();
    } else if (path.find("/backend") != std::string::npos) {
      const bool staged = path.find("/version/3/") != std::string::npos;
      out.body =
          json::array({testing::BackendJ("origin_1",
                                         staged ? "198.19.0.5" : "198.18.0.5")})
              .dump();
    } else if (path.find("/diff/") != std::string::npos) {
      out.body = json{{"from", 2},
                      {"to", 3},
                      {"format", "text"},
                      {"diff",
                       "-  address: 198.18.0.5\n"
                       "+  address: 198.19.0.5\n"}}
                     .dump();
    } else {
      out.body = "[]";
    }
    return out;
  });
}

int DiffReads(const FakeTransport& fake) {
  int n = 0;
  for (const auto& r : fake.requests())
    n += r.url.find("/diff/from/2/to/3") != std::string::npos;
  return n;
}

// Verify and cut over show no diff: reading one would be a wasted GET per
// staged service (issue 15: reads per account against the minimum).
TEST(CdnReadTest, TheStagedDiffIsReadOnlyWhenAsked) {
  FakeTransport without;
  CdnClient a(&without, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeStagedService(&without);
  auto plain = ReadAccount(&a, testing::TestTarget());
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  ASSERT_EQ(plain->size(), 1u);
  ASSERT_EQ((*plain)[0].staged.size(), 1u);
  EXPECT_EQ((*plain)[0].staged[0].backends.at(0).address, "198.19.0.5");
  EXPECT_TRUE((*plain)[0].staged[0].diff.empty());
  EXPECT_EQ(DiffReads(without), 0);

  FakeTransport with;
  CdnClient b(&with, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeStagedService(&with);
  auto shown = ReadAccount(&b, testing::TestTarget(), /*staged_diffs=*/true);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ASSERT_EQ((*shown)[0].staged.size(), 1u);
  EXPECT_NE((*shown)[0].staged[0].diff.find("+  address: 198.19.0.5"),
            std::string::npos);
  EXPECT_EQ(DiffReads(with), 1);
  // Everything else was read alike.
  EXPECT_EQ(with.request_count(), without.request_count() + 1);
}

}  // namespace
}  // namespace renumber::cdn
