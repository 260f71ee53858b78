// Test support for http_test: sizes the shared cpprest worker pool before
// any test touches the HTTP library (docs/stack.md #7). gtest runs global
// environments' SetUp after InitGoogleTest and before the first test.
#include <gtest/gtest.h>

#include "src/http/transport.h"

namespace renumber {
namespace {

class HttpRuntimeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { InitHttpRuntime(16); }
};

[[maybe_unused]] ::testing::Environment* const kHttpRuntime =
    ::testing::AddGlobalTestEnvironment(new HttpRuntimeEnvironment);

}  // namespace
}  // namespace renumber
