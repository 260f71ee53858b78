#include "adapters/cdn/cdn_read.h"

#include <gtest/gtest.h>

#include "src/http/fake_transport.h"

namespace renumber::cdn {
namespace {

// Serves `total` services (ids S0, S1, ...) with no active version.
void ServeServices(FakeTransport* fake, int total, bool repeat_first = false) {
  fake->SetHandler([=](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse out;
    out.status = 200;
    const std::string path = r.url.substr(r.url.find("/service"));
    if (path.rfind("/service?", 0) == 0) {
      const int page = std::stoi(path.substr(path.find("page=") + 5));
      EXPECT_NE(path.find("per_page=100"), std::string::npos);
      nlohmann::json list = nlohmann::json::array();
      for (int i = (page - 1) * 100; i < std::min(total, page * 100); ++i)
        list.push_back({{"id", "S" + std::to_string(repeat_first ? 0 : i)},
                        {"name", "svc" + std::to_string(i)},
                        {"version", 0}});
      out.body = list.dump();
      return out;
    }
    out.body = R"({"active_version":null,"versions":[{"number":1}]})";
    return out;
  });
}

TEST(CdnReadTest, ReadsEveryPageUntilAShortOne) {
  FakeTransport fake;
  CdnClient client(&fake, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeServices(&fake, 201);
  auto all = ReadAccount(&client);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 201u);
  EXPECT_EQ(all->back().id, "S200");
  EXPECT_EQ(all->back().details.active, 0);
  int pages = 0;
  for (const auto& r : fake.requests())
    pages += r.url.find("/service?page=") != std::string::npos;
  EXPECT_EQ(pages, 3);
  // The snapshot round-trips for PlanPhase.
  auto back = SnapshotFromJson(SnapshotToJson(*all));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size(), 201u);
}

TEST(CdnReadTest, AServiceListedTwiceIsAnError) {
  FakeTransport fake;
  CdnClient client(&fake, "C-1/cdn", "http://127.0.0.1:9", Secret("t"));
  ServeServices(&fake, 2, /*repeat_first=*/true);
  auto all = ReadAccount(&client);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("C-1/cdn: GET /service?page=1"),
            std::string::npos);
  EXPECT_FALSE(SnapshotFromJson(nlohmann::json::object()).ok());
}

}  // namespace
}  // namespace renumber::cdn
