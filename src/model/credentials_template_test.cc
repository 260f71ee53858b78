// credentials-template/ cannot rot: the example file and every JSON block
// of its READMEs parse with the tool's own parser; the fields the READMEs
// document are exactly the keys the parser reads; and each of those keys
// is really read (taking it away changes what the parser returns).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "src/model/credential_source.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string Read(const std::string& name) {
  auto text = PosixFileSystem()->ReadFile(std::string(RENUMBER_SOURCE_DIR) +
                                          "/credentials-template/" + name);
  EXPECT_TRUE(text.ok()) << name << ": " << text.status().ToString();
  return text.ok() ? *text : "";
}

// The fields a README's field table shows: the first cells (`name`) of the
// table rows in the section headed `heading`.
std::set<std::string> DocumentedFields(const std::string& readme,
                                       const std::string& heading) {
  std::set<std::string> out;
  std::istringstream in(readme);
  bool inside = false;
  const std::regex row("^\\| `([a-z_]+)` \\|");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line == "## " + heading;
    std::smatch m;
    if (inside && std::regex_search(line, m, row)) out.insert(m[1]);
  }
  return out;
}

std::vector<std::string> JsonBlocks(const std::string& readme) {
  std::vector<std::string> out;
  const std::regex block("```json\n([\\s\\S]*?)```");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), block);
       it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

std::set<std::string> KeysTheToolReads() {
  std::set<std::string> keys(CredentialsFileKeys().begin(),
                             CredentialsFileKeys().end());
  for (Service s : {Service("ess"), Service("cdn")})
    keys.insert(CredentialsEntryKeys(s).begin(), CredentialsEntryKeys(s).end());
  return keys;
}

TEST(CredentialsTemplateTest, ExampleAndReadmeBlocksParse) {
  auto example = ParseCredentialsJson(Read("credentials.example.json"),
                                      "credentials.example.json");
  ASSERT_TRUE(example.ok()) << example.status().ToString();
  EXPECT_EQ(example->size(), 2u);
  for (const char* readme : {"README.md", "README.ja.md"}) {
    const auto blocks = JsonBlocks(Read(readme));
    ASSERT_FALSE(blocks.empty()) << readme << " shows no example";
    for (const std::string& b : blocks) {
      auto parsed = ParseCredentialsJson(b, readme);
      EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << b;
    }
  }
}

TEST(CredentialsTemplateTest, ReadmesDocumentExactlyTheKeysTheToolReads) {
  const std::set<std::string> keys = KeysTheToolReads();
  EXPECT_EQ(DocumentedFields(Read("README.md"), "Fields"), keys);
  EXPECT_EQ(DocumentedFields(Read("README.ja.md"), "項目"), keys);
}

// Each key the parser lists is one it reads: without it, the parse fails
// (a required key) or gives something else (an optional one).
TEST(CredentialsTemplateTest, EveryListedKeyIsRead) {
  const json example = json::parse(Read("credentials.example.json"));
  json full = example;
  full["accounts"][0]["ca_file"] = "/etc/ssl/extra-ca.pem";
  auto parse = [](const json& doc) {
    return ParseCredentialsJson(doc.dump(), "test");
  };
  auto baseline = parse(full);
  ASSERT_TRUE(baseline.ok()) << baseline.status().ToString();
  for (const std::string& key : CredentialsFileKeys()) {
    json doc = full;
    doc.erase(key);
    EXPECT_FALSE(parse(doc).ok()) << key;
  }
  for (size_t i = 0; i < 2; ++i) {
    const Service service = (*baseline)[i].account.service;
    for (const std::string& key : CredentialsEntryKeys(service)) {
      ASSERT_TRUE(full["accounts"][i].contains(key)) << key;
      json doc = full;
      doc["accounts"][i].erase(key);
      auto without = parse(doc);
      // Every optional key of an entry is ca_file; the others are required.
      const bool differs =
          !without.ok() || (*without)[i].ca_file != (*baseline)[i].ca_file;
      EXPECT_TRUE(differs) << ServiceName(service) << " entry: \"" << key
                           << "\" is listed but changes nothing";
    }
  }
}

TEST(CredentialsTemplateTest, KeysTheToolDoesNotReadAreRefused) {
  json doc = json::parse(Read("credentials.example.json"));
  doc["accounts"][0]["ca_fiel"] = "/tmp/x.pem";
  auto typo = ParseCredentialsJson(doc.dump(), "creds.json");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("unknown field \"ca_fiel\""),
            std::string::npos)
      << typo.status().message();
  EXPECT_NE(typo.status().message().find("C-10001/ess"), std::string::npos);
  doc = json::parse(Read("credentials.example.json"));
  doc["accounts"][1]["password"] = "pw-not-for-a-cdn-entry";
  auto other = ParseCredentialsJson(doc.dump(), "creds.json");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().message().find("pw-not-for"), std::string::npos)
      << "a key is named, never its value";
  doc = json::parse(Read("credentials.example.json"));
  doc["comment"] = "x";
  EXPECT_FALSE(ParseCredentialsJson(doc.dump(), "creds.json").ok());
}

}  // namespace
}  // namespace renumber
