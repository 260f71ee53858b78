// Test support: the SetUp step every test on the shared PostgreSQL server
// (test_pg_server.h) takes. Header-only; for GoogleTest fixtures.
#ifndef RENUMBER_STORE_TEST_PG_SETUP_H_
#define RENUMBER_STORE_TEST_PG_SETUP_H_

#include <gtest/gtest.h>

#include "src/store/test_pg_server.h"

namespace renumber {

// In a fixture's SetUp: *server is the process's shared test server. When
// PostgreSQL is not installed the test is skipped with the reason; any
// other error fails it. Either way *server stays null and the caller
// returns: `UseSharedTestPgServer(&server_); if (!server_) return;`.
inline void UseSharedTestPgServer(TestPgServer** server) {
  *server = nullptr;
  auto shared = SharedTestPgServer();
  if (!shared.ok() && shared.status().Is(Code::kNotFound))
    GTEST_SKIP() << shared.status().message();
  ASSERT_TRUE(shared.ok()) << shared.status().message();
  *server = *shared;
}

}  // namespace renumber

#endif  // RENUMBER_STORE_TEST_PG_SETUP_H_
