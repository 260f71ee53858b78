// Test support shared by both vendor adapters' tests: the assertion that a
// call failed the way adapter.h promises, with a code and a message naming
// the account and the call ("C-10001/ess: GET /v1/...: 412 ..."). Header
// only; gtest/gmock assertions, so it may only be used inside a test.
#ifndef RENUMBER_ADAPTERS_TESTING_EXPECT_ERROR_H_
#define RENUMBER_ADAPTERS_TESTING_EXPECT_ERROR_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "src/core/status.h"

namespace renumber::testing {

// `s` failed with `code`, and its message holds `text`.
inline void ExpectNamedError(const Status& s, Code code,
                             const std::string& text) {
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code) << s.message();
  EXPECT_THAT(s.message(), ::testing::HasSubstr(text));
}

}  // namespace renumber::testing

#endif  // RENUMBER_ADAPTERS_TESTING_EXPECT_ERROR_H_
