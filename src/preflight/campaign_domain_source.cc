#include "src/preflight/campaign_domain_source.h"

#include <map>

namespace renumber {
namespace {

class CampaignDomainSource : public DomainSource {
 public:
  explicit CampaignDomainSource(const CampaignResult& result) {
    for (const AccountReport& r : result.accounts) {
      const std::string key = r.row.target.account.ToString();
      if (r.result == AccountResult::kFailed || !r.held_by.en.empty())
        results_.emplace(key, Failed(r));
      else
        results_.emplace(key, r.domains);
    }
  }

  Result<std::vector<std::string>> Domains(const AccountKey& account) override {
    auto it = results_.find(account.ToString());
    if (it == results_.end())
      return Status::NotFound(
          "no discovery of " + account.ToString() + " in this run",
          "今回の実行では " + account.ToString() +
              " の設定を読み取っていません");
    return it->second;
  }

 private:
  // Whatever the account's error was, for preflight it means "the domains
  // could not be read": never kNotFound, which would pass for "no domains".
  static Status Failed(const AccountReport& r) {
    const bool held = !r.held_by.en.empty();
    const std::string why = !r.error.ok() ? r.error.message()
                            : held        ? "locked by " + r.held_by.en
                                          : "not read";
    const std::string why_ja =
        !r.error.ok() ? r.error.Message(true)
        : held        ? "別の renumber が作業中です: " + r.held_by.ja
                      : "読み取っていません";
    const std::string account = r.row.target.account.ToString();
    auto with_account = [&account](const std::string& text) {
      return text.rfind(account + ":", 0) == 0 ? text : account + ": " + text;
    };
    return Status::Unavailable(
        "domains not read: " + with_account(why),
        "ドメイン名を読み取れませんでした: " + with_account(why_ja));
  }

  std::map<std::string, Result<std::vector<std::string>>> results_;
};

}  // namespace

std::unique_ptr<DomainSource> NewCampaignDomainSource(
    const CampaignResult& result) {
  return std::make_unique<CampaignDomainSource>(result);
}

}  // namespace renumber
