// The campaign-store contract (campaign_store.h) as tests every
// implementation passes: store_contract_test.cc runs them on the local
// state directory and the fake, pg_store_test.cc on a real PostgreSQL
// server.
#ifndef RENUMBER_STORE_STORE_CONTRACT_H_
#define RENUMBER_STORE_STORE_CONTRACT_H_

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "src/store/campaign_store.h"

namespace renumber {

// One store under test. Open() is a new client of the same store — another
// process, possibly on another machine.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  virtual std::unique_ptr<CampaignStore> Open() = 0;
};

struct StoreBackendParam {
  std::string name;
  // A fresh, empty store; an error whose code is kNotFound skips the test
  // with its message (no PostgreSQL installed).
  std::function<Result<std::unique_ptr<StoreBackend>>()> make;
};

class StoreContractTest : public ::testing::TestWithParam<StoreBackendParam> {
 protected:
  void SetUp() override;
  std::unique_ptr<StoreBackend> backend_;
};

std::string BackendName(const ::testing::TestParamInfo<StoreBackendParam>& p);

}  // namespace renumber

#endif  // RENUMBER_STORE_STORE_CONTRACT_H_
