#include "src/vault/entry.h"

#include <gtest/gtest.h>

#include "src/vault/test_util.h"

namespace renumber::vault {
namespace {

using testing::MakeEntry;

const Timestamp kNow = Timestamp::FromUnixSeconds(1796000000);

TEST(EntryTest, BodyRoundTrip) {
  VaultBody body;
  body.vault_key = Secret(std::string(32, '\x07'));
  body.created_at = kNow;
  body.entries.push_back(
      MakeEntry("C-1", Service("ess"), kNow, kNow + Days(3)));
  body.entries.push_back(
      MakeEntry("C-2", Service("cdn"), kNow, kNow + Days(9)));
  body.entries[1].creds.ca_file = "/etc/ssl/extra.pem";
  Secret json = EncodeBody(body);
  auto back = DecodeBody(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->vault_key == body.vault_key);
  ASSERT_EQ(back->entries.size(), 2u);
  const VaultEntry& ess = back->entries[0];
  EXPECT_EQ(ess.creds.account.ToString(), "C-1/ess");
  EXPECT_EQ(ess.creds.field("username"), "admin@C-1.example.jp");
  EXPECT_EQ(ess.creds.secret("password").reveal(), "pw-C-1-secret");
  EXPECT_EQ(ess.ticket, "T-C-1");
  EXPECT_EQ(ess.expires_at, kNow + Days(3));
  const VaultEntry& cdn = back->entries[1];
  EXPECT_EQ(cdn.creds.secret("api_token").reveal(), "tok-C-2-secret");
  EXPECT_EQ(cdn.creds.ca_file, "/etc/ssl/extra.pem");
  EXPECT_EQ(cdn.created_by, "tester");
}

TEST(EntryTest, BodyWithWrongSchemaIsCorruption) {
  for (const char* text :
       {"not json", "[]", "{\"format\":\"x\",\"version\":1}",
        "{\"format\":\"renumber-vault-body\",\"version\":\"1\"}",
        "{\"format\":\"renumber-vault-body\",\"version\":1,"
        "\"vault_key\":\"zz\",\"created_at\":\"2026-01-01T00:00:00Z\","
        "\"entries\":[]}",
        "{\"format\":\"renumber-vault-body\",\"version\":1,\"vault_key\":"
        "\"0000000000000000000000000000000000000000000000000000000000000000\","
        "\"created_at\":\"2026-01-01T00:00:00Z\",\"entries\":[{\"customer\":"
        "5}]}"}) {
    EXPECT_TRUE(DecodeBody(Secret(text)).status().Is(Code::kCorruption))
        << text;
  }
}

// A body nested 200,000 levels deep (only a newer or broken writer, or one
// holding the passphrase, could seal one): corruption. The old decoder
// wiped the parsed document recursively and overflowed the stack.
TEST(EntryTest, DeeplyNestedBodyIsCorruption) {
  const std::string deep =
      "{\"format\":\"renumber-vault-body\",\"x\":" + std::string(200000, '[') +
      std::string(200000, ']') + "}";
  EXPECT_TRUE(DecodeBody(Secret(deep)).status().Is(Code::kCorruption));
}

TEST(EntryTest, ExpiryPolicy) {
  auto def = ChooseExpiry(kNow, std::nullopt, std::nullopt);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(*def, kNow + Days(14) + std::chrono::seconds(1));
  auto from_end = ChooseExpiry(kNow, std::nullopt, kNow + Days(30));
  ASSERT_TRUE(from_end.ok());
  EXPECT_EQ(*from_end, kNow + Days(44));
  auto given = ChooseExpiry(kNow, kNow + Days(90), std::nullopt);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(*given, kNow + Days(90));
  EXPECT_TRUE(ChooseExpiry(kNow, kNow + Days(91), std::nullopt)
                  .status()
                  .Is(Code::kInvalidArgument));
  EXPECT_TRUE(ChooseExpiry(kNow, std::nullopt, kNow + Days(80))
                  .status()
                  .Is(Code::kInvalidArgument));
  EXPECT_TRUE(ChooseExpiry(kNow, kNow, std::nullopt)
                  .status()
                  .Is(Code::kInvalidArgument));
  EXPECT_TRUE(ChooseExpiry(kNow, std::nullopt, kNow - Days(20))
                  .status()
                  .Is(Code::kInvalidArgument));
}

TEST(EntryTest, DropExpiredAndDaysLeft) {
  std::vector<VaultEntry> entries;
  entries.push_back(MakeEntry("C-1", Service("ess"), kNow, kNow - Days(1)));
  entries.push_back(MakeEntry("C-2", Service("ess"), kNow, kNow + Days(1)));
  entries.push_back(MakeEntry("C-3", Service("cdn"), kNow, kNow));
  auto dropped = DropExpired(&entries, kNow);
  ASSERT_EQ(dropped.size(), 2u);
  EXPECT_EQ(dropped[0].ToString(), "C-1/ess");
  EXPECT_EQ(dropped[1].ToString(), "C-3/cdn");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(FindEntry(entries, {"C-2", Service("ess")}), 0);
  EXPECT_EQ(FindEntry(entries, {"C-2", Service("cdn")}), -1);
  EXPECT_EQ(DaysLeft(kNow, kNow + Days(3) + std::chrono::hours(5)), 3);
  EXPECT_EQ(DaysLeft(kNow, kNow - std::chrono::hours(1)), -1);
}

}  // namespace
}  // namespace renumber::vault
