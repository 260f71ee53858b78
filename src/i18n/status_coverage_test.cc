// Every error a user reads has a Japanese form: in the code users read
// from (src/ and adapters/, not the simulators, which answer like the
// vendors, nor test code), each Status is built with both messages —
// Status::X(en, ja), Status(code, en, ja), {Code::kX, en, ja} — and an
// Annotate whose context is words gives the context in both languages.
// A new `Status::InvalidArgument("…")` with English only fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace renumber {
namespace {

namespace fs = std::filesystem;

// Built English-only on purpose: not something a user can act on in any
// language, or a vendor's own answer.
const std::vector<std::pair<std::string, std::string>> kEnglishOnly = {
    {"src/core/status.h", "Result built from OK status"},  // a bug, aborts
    {"src/sim/host.cc", "StartSimHost: no API"},           // a bug
    {"src/sim/admin.cc", "the body is not valid JSON"},    // the sim's API
    // Only tells Activate to build the switch again; never returned.
    {"adapters/cdn/cdn_apply.cc", "Conflict(\"stale\")"},
    // A placeholder "no state dir" value, replaced or never read.
    {"src/cli/cmd_migrate.cc", "NotFound(\"\")"},
};

bool InScope(const fs::path& p) {
  const std::string s = p.generic_string();
  const std::string name = p.filename().string();
  if (p.extension() != ".cc" && p.extension() != ".h") return false;
  if (s.find("/simulator/") != std::string::npos) return false;
  // The DNS simulator answers like a name server, as the vendor simulators.
  if (name.rfind("dns_sim", 0) == 0) return false;
  // Test helpers (test_pg_server.cc, test_udp_responder.cc): tests read them.
  if (name.rfind("test_", 0) == 0) return false;
  for (const char* test : {"_test.cc", "test_util", "fake_", "_fixture",
                           "test_run", "test_server", "tls_test_certs"})
    if (name.find(test) != std::string::npos) return false;
  return true;
}

// `text` with comments blanked (string and character literals kept).
std::string WithoutComments(const std::string& text) {
  std::string out = text;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '"' || c == '\'') {
      for (++i; i < out.size() && out[i] != c; ++i)
        if (out[i] == '\\') ++i;
    } else if (c == 'R' && out.compare(i, 3, "R\"(") == 0) {
      i = out.find(")\"", i + 3);
      if (i == std::string::npos) break;
      ++i;
    } else if (out.compare(i, 2, "//") == 0) {
      for (; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
    }
  }
  return out;
}

// The top-level arguments of the call whose '(' or '{' is at `open`.
std::vector<std::string> Arguments(const std::string& s, size_t open) {
  std::vector<std::string> args;
  std::string cur;
  int depth = 0;
  for (size_t i = open + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || c == '\'') {
      const size_t start = i;
      for (++i; i < s.size() && s[i] != c; ++i)
        if (s[i] == '\\') ++i;
      cur += s.substr(start, i - start + 1);
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        args.push_back(cur);
        return args;
      }
      --depth;
    }
    if (c == ',' && depth == 0) {
      args.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  return args;
}

bool HasWordsLiteral(const std::string& arg) {
  static const std::regex words(R"re("[^"]*[A-Za-z]{2,} [A-Za-z][^"]*")re");
  return std::regex_search(arg, words);
}

std::vector<std::string> EnglishOnly(const fs::path& file,
                                     const std::string& relative) {
  std::ifstream in(file);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string s = WithoutComments(buf.str());
  static const std::regex call(
      R"((Status::(InvalidArgument|NotFound|Unauthorized|Forbidden|Conflict|)"
      R"(PreconditionFailed|RateLimited|Timeout|Unavailable|Corruption|)"
      R"(Internal)\()|([^\w:]Status\((?!\)))|(\{Code::k\w+\s*,)|(\.Annotate\())");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), call);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const size_t open = m[3].matched   ? m.position(3) + m.length(3) - 1
                        : m[4].matched ? m.position(4)
                                       : m.position(0) + m.length(0) - 1;
    const std::vector<std::string> a = Arguments(s, open);
    bool bad = false;
    if (m[1].matched) {
      bad = a.size() < 2;
    } else if (m[5].matched) {
      bad = a.size() < 2 && HasWordsLiteral(a.empty() ? "" : a[0]);
    } else {
      // Status(code, message[, ja]) or {Code::k, message[, ja]}; a
      // declaration (types, references, pointers) is not a construction.
      const std::string first = a.empty() ? "" : a[0];
      static const std::regex type_and_name(R"(^\s*[\w:<>]+\s+\w+\s*$)");
      const bool declaration = first.find("const ") != std::string::npos ||
                               first.find('&') != std::string::npos ||
                               first.find('*') != std::string::npos ||
                               std::regex_match(first, type_and_name);
      bad = !declaration && a.size() == 2;
    }
    if (!bad) continue;
    const std::string text = s.substr(m.position(0), 160);
    bool allowed = false;
    for (const auto& [f, snippet] : kEnglishOnly)
      allowed =
          allowed || (f == relative && text.find(snippet) != std::string::npos);
    if (allowed) continue;
    const size_t line = std::count(s.begin(), s.begin() + m.position(0), '\n');
    found.push_back(relative + ":" + std::to_string(line + 1) + ": " +
                    text.substr(0, text.find('\n')));
  }
  return found;
}

TEST(StatusCoverageTest, EveryErrorUsersReadHasJapanese) {
  const fs::path root = RENUMBER_SOURCE_DIR;
  std::vector<std::string> found;
  int files = 0;
  for (const char* top : {"src", "adapters"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / top)) {
      if (!e.is_regular_file() || !InScope(e.path())) continue;
      ++files;
      const std::string relative =
          fs::relative(e.path(), root).generic_string();
      for (std::string& f : EnglishOnly(e.path(), relative))
        found.push_back(std::move(f));
    }
  }
  EXPECT_GT(files, 100);
  std::string list;
  for (const std::string& f : found) list += "  " + f + "\n";
  EXPECT_TRUE(found.empty())
      << found.size()
      << " error(s) built with an English message only; give the Japanese "
         "too (Status::X(en, ja), Annotate(en, ja)):\n"
      << list;
}

// The scanner itself sees what it must.
TEST(StatusCoverageTest, TheScannerFindsEnglishOnlyErrors) {
  const fs::path tmp = fs::temp_directory_path() / "renumber-coverage.cc";
  std::ofstream(tmp) << R"(
    // Status::NotFound("in a comment") is fine
    Status a = Status::NotFound("no vault at " + path);
    Status b = Status::NotFound("no vault", "保管庫がありません");
    Status c = s.Annotate("read back");
    Status d = s.Annotate(account);
    Status e = s.Annotate("read back", "読み戻し");
    return {Code::kInternal, "boom"};
    return Status(code, text, ja);
    std::function<Status(const Change& c, int n)> f;
  )";
  const auto found = EnglishOnly(tmp, "x.cc");
  fs::remove(tmp);
  ASSERT_EQ(found.size(), 3u) << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find("x.cc:3:"), std::string::npos) << found[0];
  EXPECT_NE(found[1].find("read back"), std::string::npos) << found[1];
  EXPECT_NE(found[2].find("boom"), std::string::npos) << found[2];
}

}  // namespace
}  // namespace renumber
