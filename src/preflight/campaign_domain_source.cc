#include "src/preflight/campaign_domain_source.h"

#include <map>

namespace renumber {
namespace {

class CampaignDomainSource : public DomainSource {
 public:
  explicit CampaignDomainSource(const CampaignResult& result) {
    for (const AccountReport& r : result.accounts) {
      const std::string key = r.row.target.account.ToString();
      if (r.result == AccountResult::kFailed || !r.held_by.empty())
        results_.emplace(key, Failed(r));
      else
        results_.emplace(key, r.domains);
    }
  }

  Result<std::vector<std::string>> Domains(const AccountKey& account) override {
    auto it = results_.find(account.ToString());
    if (it == results_.end())
      return Status::NotFound("no discovery of " + account.ToString() +
                              " in this run");
    return it->second;
  }

 private:
  // Whatever the account's error was, for preflight it means "the domains
  // could not be read": never kNotFound, which would pass for "no domains".
  static Status Failed(const AccountReport& r) {
    const std::string why = !r.error.ok()        ? r.error.message()
                            : !r.held_by.empty() ? "locked by " + r.held_by
                                                 : "not read";
    const std::string account = r.row.target.account.ToString();
    return Status::Unavailable(
        "domains not read: " +
        (why.rfind(account + ":", 0) == 0 ? why : account + ": " + why));
  }

  std::map<std::string, Result<std::vector<std::string>>> results_;
};

}  // namespace

std::unique_ptr<DomainSource> NewCampaignDomainSource(
    const CampaignResult& result) {
  return std::make_unique<CampaignDomainSource>(result);
}

}  // namespace renumber
