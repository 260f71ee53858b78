#include "src/store/pg_conninfo.h"

#include <gtest/gtest.h>

#include "src/store/open_store.h"

namespace renumber {
namespace {

bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(PgConnInfoTest, VerifiesTheServerByDefault) {
  auto info = PreparePgConnInfo("postgresql://alice@db.example:5433/renumber",
                                "", "renumber prepare alice@ws1");
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_TRUE(info->tls);
  EXPECT_TRUE(Has(info->conninfo, "sslmode='verify-full'")) << info->conninfo;
  EXPECT_TRUE(Has(info->conninfo, "sslrootcert='/")) << info->conninfo;
  EXPECT_TRUE(Has(info->conninfo, "connect_timeout='10'"));
  EXPECT_TRUE(Has(info->conninfo, "tcp_user_timeout="));
  EXPECT_TRUE(
      Has(info->conninfo, "application_name='renumber prepare alice@ws1'"));
  EXPECT_EQ(info->where, "postgresql://alice@db.example:5433/renumber");
}

TEST(PgConnInfoTest, ACaFileBecomesTheRootCertificate) {
  auto info =
      PreparePgConnInfo("postgresql://db.example/r", "/etc/team-ca.pem", "");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(Has(info->conninfo, "sslrootcert='/etc/team-ca.pem'"));
  auto own = PreparePgConnInfo("postgresql://db.example/r?sslrootcert=/own.pem",
                               "/etc/team-ca.pem", "");
  EXPECT_TRUE(Has(own->conninfo, "sslrootcert='/own.pem'"));
}

TEST(PgConnInfoTest, RefusesAPasswordInTheString) {
  for (const char* spec : {"postgresql://alice:s3cret@db.example/renumber",
                           "host=db.example dbname=r password=s3cret"}) {
    auto info = PreparePgConnInfo(spec, "", "");
    ASSERT_FALSE(info.ok()) << spec;
    EXPECT_TRUE(info.status().Is(Code::kInvalidArgument));
    EXPECT_TRUE(Has(info.status().message(), ".pgpass"));
    EXPECT_FALSE(Has(info.status().message(), "s3cret"));
  }
}

TEST(PgConnInfoTest, RefusesModesThatDoNotVerifyTheServer) {
  for (const char* mode :
       {"disable", "allow", "prefer", "require", "verify-ca"}) {
    auto info = PreparePgConnInfo(
        std::string("postgresql://db.example/r?sslmode=") + mode, "", "");
    ASSERT_FALSE(info.ok()) << mode;
    EXPECT_TRUE(info.status().Is(Code::kInvalidArgument));
    EXPECT_TRUE(Has(info.status().message(), "verify")) << mode;
  }
}

TEST(PgConnInfoTest, AUnixSocketNeedsNoTls) {
  auto info =
      PreparePgConnInfo("host=/var/run/postgresql dbname=renumber", "", "");
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_FALSE(info->tls);
  EXPECT_FALSE(Has(info->conninfo, "sslmode"));
}

TEST(PgConnInfoTest, QuotesValues) {
  auto info = PreparePgConnInfo("host=/tmp/it's dbname=r", "", "");
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_TRUE(Has(info->conninfo, "host='/tmp/it\\'s'")) << info->conninfo;
}

TEST(PgConnInfoTest, RefusesGarbage) {
  auto info =
      PreparePgConnInfo("postgresql://db.example:notaport/x?bogus=1", "", "");
  EXPECT_FALSE(info.ok());
  EXPECT_TRUE(info.status().Is(Code::kInvalidArgument));
}

TEST(StoreSpecTest, LocalUnlessAPostgresStringIsGiven) {
  EXPECT_TRUE(ValidateStoreSpec("").ok());
  EXPECT_TRUE(ValidateStoreSpec("local").ok());
  EXPECT_TRUE(ValidateStoreSpec("postgresql://db.example/renumber").ok());
  EXPECT_TRUE(ValidateStoreSpec("postgres://db.example/renumber").ok());
  EXPECT_TRUE(ValidateStoreSpec("host=db.example dbname=renumber").ok());
  auto bad = ValidateStoreSpec("mysql://db.example/renumber");
  EXPECT_TRUE(bad.Is(Code::kInvalidArgument));
  EXPECT_TRUE(
      ValidateStoreSpec("/var/lib/renumber").Is(Code::kInvalidArgument));
}

TEST(StoreSpecTest, TheFlagWinsOverTheEnvironment) {
  setenv("RENUMBER_STORE", "postgresql://env/x", 1);
  EXPECT_EQ(ChosenStoreSpec("postgresql://flag/x"), "postgresql://flag/x");
  EXPECT_EQ(ChosenStoreSpec(""), "postgresql://env/x");
  unsetenv("RENUMBER_STORE");
  EXPECT_EQ(ChosenStoreSpec(""), "");
}

}  // namespace
}  // namespace renumber
