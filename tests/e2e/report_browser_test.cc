// The HTML report, from a real campaign through the real binary, rendered
// in headless Chromium (Debian's `chromium`, installed by .ci/bootstrap):
// it loads with no console error (the page's Content-Security-Policy turns
// any fetch into one), shows the same totals as the JSON report, and draws
// the chart. The screenshot is kept in <build>/test-artifacts/.
#include <gtest/gtest.h>

#include "src/core/fs.h"
#include "tests/browser/browser.h"
#include "tests/e2e/e2e_env.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string ArtifactDir() { return RENUMBER_ARTIFACT_DIR; }

std::unique_ptr<Browser> Chromium(const E2eEnv& env) {
  ChromiumOptions o;
  o.work_dir = env.dir();
  return NewHeadlessChromium(o);
}

// The checks run in the page, in this order.
const std::vector<std::string> kExpressions = {
    // 0: the totals as shown
    "JSON.stringify(Object.fromEntries([...document.querySelectorAll("
    "'[data-total]')].map(e => [e.dataset.total, Number(e.textContent)])))",
    // 1: the chart's box on the page
    "JSON.stringify(document.getElementById('state-chart')"
    ".getBoundingClientRect())",
    // 2: each area: its state, final count and drawn width
    "JSON.stringify([...document.querySelectorAll('#state-chart path.area')]"
    ".map(p => ({state: p.dataset.state, final: Number(p.dataset.final), "
    "width: p.getBBox().width, height: p.getBBox().height})))",
    // 3: legend entries
    "document.querySelectorAll('#state-chart .legend-item').length",
    // 4: replies, Japanese and English
    "JSON.stringify([...document.querySelectorAll('article.reply')].map(a => "
    "[a.dataset.customer, a.querySelector('pre[lang=ja]').textContent.length,"
    " a.querySelector('pre[lang=en]').textContent.length]))",
    // 5: rows of the account table
    "document.querySelectorAll('#accounts tr').length - 1",
    // 6: the document's language
    "document.documentElement.lang",
};

TEST(ReportBrowserTest, HtmlReportRendersInHeadlessChromium) {
  E2eOptions o = Customers(5);
  o.maintenance_end =
      (RealClock()->Now() - std::chrono::hours(1)).ToRfc3339(540);
  E2eEnv env(o);
  // A campaign with some history: everything prepared, then two customers
  // cut over in a later run.
  ASSERT_EQ(env.Renumber("prepare", {"--yes", "--operator", "alice"}).exit_code,
            0);
  RunResult cut = env.Renumber("cutover", {"--only", "C-10001", "--only",
                                           "C-10002", "--yes", "--operator",
                                           "bob"});
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  const std::string html = env.dir() + "/report.html";
  std::vector<std::string> report = {"report",        "--plan",
                                     env.plan(),      "--credentials",
                                     env.credentials(), "--state-dir",
                                     env.state_dir(), "--hosts",
                                     env.hosts(),     "--live"};
  RunResult written = env.Run([&] {
    auto args = report;
    args.insert(args.end(), {"--format", "html", "-o", html, "--lang", "ja"});
    return args;
  }());
  ASSERT_NE(written.exit_code, 2) << written.err;
  ASSERT_NE(written.exit_code, 1) << written.err;
  RunResult as_json = env.Run([&] {
    auto args = report;
    args.insert(args.end(), {"--format", "json"});
    return args;
  }());
  ASSERT_EQ(as_json.exit_code, written.exit_code) << as_json.err;
  const json doc = json::parse(as_json.out);

  ASSERT_TRUE(PosixFileSystem()->CreateDirs(ArtifactDir(), 0755).ok());
  PageRequest page;
  page.file = html;
  page.expressions = kExpressions;
  page.screenshot = ArtifactDir() + "/report-chromium.png";
  ::unlink(page.screenshot.c_str());
  auto shown = Chromium(env)->Open(page);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  std::printf("chromium: loaded, checked and screenshot in %lld ms: %s\n",
              static_cast<long long>(shown->elapsed.count()),
              page.screenshot.c_str());

  EXPECT_TRUE(shown->console_errors.empty())
      << "console: " << ::testing::PrintToString(shown->console_errors);
  EXPECT_NE(shown->title.find("作業報告"), std::string::npos) << shown->title;
  const auto& v = shown->values;
  ASSERT_EQ(v.size(), kExpressions.size());
  // Totals on the page = totals of the JSON report.
  const json totals = json::parse(v[0].get<std::string>());
  const json& t = doc["totals"];
  EXPECT_EQ(totals["accounts"], t["accounts"]);
  EXPECT_EQ(totals["customers"], t["customers"]);
  EXPECT_EQ(totals["attention"], t["needs_attention"]);
  EXPECT_EQ(totals["dns-work"], t["dns_work"]);
  EXPECT_EQ(totals["hidden-origins"], t["hidden_origins"]);
  EXPECT_EQ(totals["customers"], 5);
  // The chart is drawn: a real box, one area per state that occurs, each
  // with width and height, the final counts adding up to every account.
  const json box = json::parse(v[1].get<std::string>());
  EXPECT_GT(box["width"].get<double>(), 500);
  EXPECT_GT(box["height"].get<double>(), 150);
  const json areas = json::parse(v[2].get<std::string>());
  ASSERT_GE(areas.size(), 2u) << areas.dump();
  int final_total = 0;
  std::set<std::string> states;
  for (const json& a : areas) {
    EXPECT_GT(a["width"].get<double>(), 100) << a.dump();
    EXPECT_GT(a["height"].get<double>(), 0) << a.dump();
    final_total += a["final"].get<int>();
    states.insert(a["state"]);
  }
  EXPECT_EQ(final_total, t["accounts"].get<int>());
  EXPECT_TRUE(states.count("prepared") && states.count("cut-over"))
      << areas.dump();
  EXPECT_EQ(v[3].get<size_t>(), areas.size()) << "a legend entry per area";
  const json replies = json::parse(v[4].get<std::string>());
  ASSERT_EQ(replies.size(), 5u);
  for (const json& r : replies) {
    EXPECT_GT(r[1].get<int>(), 100) << r.dump();
    EXPECT_GT(r[2].get<int>(), 100) << r.dump();
  }
  EXPECT_EQ(v[5], t["accounts"]);
  EXPECT_EQ(v[6], "ja");
  // The screenshot: a PNG of the whole page.
  auto png = PosixFileSystem()->ReadFile(page.screenshot);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_GT(png->size(), 20000u);
  EXPECT_GT(shown->page_height, 900);
}

// The same harness sees what it must catch: a fetch the page's policy
// blocks, a script error, a console.error.
TEST(ReportBrowserTest, TheHarnessSeesConsoleErrors) {
  E2eEnv env(Customers(1));
  const std::string bad = env.dir() + "/bad.html";
  ASSERT_TRUE(WriteFileAtomic(
                  PosixFileSystem(), bad,
                  "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                  "<meta http-equiv=\"Content-Security-Policy\" "
                  "content=\"default-src 'none'; script-src 'unsafe-inline'\">"
                  "<title>bad</title></head><body>"
                  "<img src=\"https://fonts.example.net/x.png\">"
                  "<script>console.error('boom'); undefinedThing();</script>"
                  "</body></html>",
                  0600)
                  .ok());
  PageRequest page;
  page.file = bad;
  page.expressions = {"1 + 1"};
  auto shown = Chromium(env)->Open(page);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  const std::string all = ::testing::PrintToString(shown->console_errors);
  EXPECT_EQ(shown->console_errors.size(), 3u) << all;
  EXPECT_NE(all.find("boom"), std::string::npos) << all;
  EXPECT_NE(all.find("undefinedThing"), std::string::npos) << all;
  EXPECT_NE(all.find("fonts.example.net"), std::string::npos) << all;
  EXPECT_EQ(shown->values[0], 2);
  EXPECT_EQ(shown->title, "bad");
}

}  // namespace
}  // namespace renumber
