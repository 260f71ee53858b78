#include "src/model/credential_source.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "src/core/json_depth.h"
#include "src/core/url.h"
#include "src/log/log.h"

namespace renumber {
namespace {

using json = nlohmann::json;

Result<std::string> Field(const json& entry, const char* name, bool required,
                          const std::string& where) {
  auto it = entry.find(name);
  if (it == entry.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(where + ": missing \"" + name + "\"",
                                     where + ": \"" + name + "\" がありません");
    return std::string();
  }
  if (!it->is_string())
    return Status::InvalidArgument(
        where + ": \"" + name + "\" must be a string",
        where + ": \"" + name + "\" は文字列で指定してください");
  return it->get<std::string>();
}

}  // namespace

Status CheckApiBase(const std::string& url) {
  // The transport parses every request URL with the same parser and rule,
  // so a base accepted here is one the transport will send to.
  auto parsed = ParseUrl(url);
  Status s = parsed.ok() ? CheckVendorUrl(*parsed) : parsed.status();
  if (s.ok()) return s;
  return Status::InvalidArgument("\"api_base\": " + s.message(),
                                 "\"api_base\": " + s.Message(true));
}

const std::vector<std::string>& CredentialsFileKeys() {
  static const std::vector<std::string> kKeys = {"version", "accounts"};
  return kKeys;
}

const std::vector<std::string>& CredentialsEntryKeys(Service service) {
  static std::mutex mu;
  static auto* by_service = new std::map<std::string, std::vector<std::string>>;
  std::lock_guard<std::mutex> l(mu);
  std::vector<std::string>& keys = (*by_service)[service.name()];
  if (keys.empty()) {
    keys = {"customer", "service", "api_base"};
    for (const CredentialField& f : service.spec().credentials)
      keys.push_back(f.name);
    keys.push_back("ca_file");
  }
  return keys;
}

namespace {

// kInvalidArgument naming the first key of `object` not in `known`. Only
// the key is shown (printable ASCII, cut short), never a value.
Status RefuseUnknownKeys(const json& object,
                         const std::vector<std::string>& known,
                         const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string shown;
    for (char c : key.substr(0, 40)) shown += c >= 0x20 && c < 0x7f ? c : '?';
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    return Status::InvalidArgument(
        where + ": unknown field \"" + shown + "\" (known here: " + list + ")",
        where + ": 不明な項目 \"" + shown +
            "\" があります（ここで使える項目: " + list + "）");
  }
  return Status::Ok();
}

Result<Credentials> ParseEntry(const json& e, const std::string& where) {
  if (!e.is_object())
    return Status::InvalidArgument(
        where + ": must be an object",
        where + ": オブジェクト（{…}）で指定してください");
  Credentials c;
  RN_ASSIGN_OR_RETURN(c.account.customer, Field(e, "customer", true, where));
  RN_RETURN_IF_ERROR(ValidateCustomerId(c.account.customer).Annotate(where));
  RN_ASSIGN_OR_RETURN(std::string service, Field(e, "service", true, where));
  auto svc = ParseService(service);
  if (!svc.ok()) return svc.status().Annotate(where);
  c.account.service = *svc;
  std::string at = where + " (" + c.account.ToString() + ")";
  RN_RETURN_IF_ERROR(
      RefuseUnknownKeys(e, CredentialsEntryKeys(c.account.service), at));
  RN_ASSIGN_OR_RETURN(c.api_base, Field(e, "api_base", true, at));
  RN_ASSIGN_OR_RETURN(c.ca_file, Field(e, "ca_file", false, at));
  RN_RETURN_IF_ERROR(CheckApiBase(c.api_base).Annotate(at));
  for (const CredentialField& f : c.account.service.spec().credentials) {
    RN_ASSIGN_OR_RETURN(std::string value,
                        Field(e, f.name.c_str(), f.required, at));
    if (f.required && value.empty())
      return Status::InvalidArgument(at + ": \"" + f.name + "\" is empty",
                                     at + ": \"" + f.name + "\" が空です");
    if (value.empty()) continue;
    if (f.secret) {
      AddScrubbedSecret(value);
      c.secrets[f.name] = Secret(std::move(value));
    } else {
      c.fields[f.name] = std::move(value);
    }
  }
  return c;
}

class MemorySource : public CredentialSource {
 public:
  MemorySource(std::vector<Credentials> creds, std::string origin)
      : origin_(std::move(origin)) {
    for (auto& c : creds) by_key_[c.account] = std::move(c);
  }
  Result<Credentials> Get(const AccountKey& account,
                          const std::string&) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = by_key_.find(account);
    if (it == by_key_.end())
      return Status::NotFound(
          "no credentials for " + account.ToString() +
              (origin_.empty() ? "" : " in " + origin_) +
              "; the other accounts run (add it there and run again)",
          (origin_.empty() ? "" : origin_ + " に ") + account.ToString() +
              " の認証情報がありません。ほかのアカウントは実行します"
              "（追加してから再実行してください）");
    return it->second;
  }
  std::vector<AccountKey> Accounts() override {
    std::lock_guard<std::mutex> l(mu_);
    std::vector<AccountKey> out;
    for (const auto& [k, v] : by_key_) out.push_back(k);
    return out;
  }

 private:
  const std::string origin_;
  std::mutex mu_;
  std::map<AccountKey, Credentials> by_key_;
};

}  // namespace

Result<std::vector<Credentials>> ParseCredentialsJson(
    const std::string& text, const std::string& origin) {
  auto parsed = ParseBoundedJson(text);
  if (!parsed.ok())
    return Status::InvalidArgument(
        origin + ": not valid JSON (" + parsed.status().message() + ")",
        origin + ": JSON として正しくありません（" +
            parsed.status().Message(true) + "）");
  json doc = std::move(*parsed);
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != json(1))
    return Status::InvalidArgument(
        origin + ": expected {\"version\": 1, \"accounts\": [...]}",
        origin +
            ": {\"version\": 1, \"accounts\": [...]} の形で書いてください");
  if (!doc.contains("accounts") || !doc["accounts"].is_array())
    return Status::InvalidArgument(
        origin + ": \"accounts\" must be a list",
        origin + ": \"accounts\" はリスト（[…]）で指定してください");
  RN_RETURN_IF_ERROR(RefuseUnknownKeys(doc, CredentialsFileKeys(), origin));
  std::vector<Credentials> out;
  std::set<AccountKey> seen;
  for (size_t i = 0; i < doc["accounts"].size(); ++i) {
    std::string where = origin + ": accounts[" + std::to_string(i) + "]";
    RN_ASSIGN_OR_RETURN(Credentials c, ParseEntry(doc["accounts"][i], where));
    if (!seen.insert(c.account).second)
      return Status::InvalidArgument(
          where + ": duplicate account " + c.account.ToString(),
          where + ": アカウント " + c.account.ToString() + " が重複しています");
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::unique_ptr<CredentialSource>> OpenCredentialsFile(
    FileSystem* fs, const std::string& path) {
  RN_RETURN_IF_ERROR(CheckPrivateFile(fs, path));
  RN_ASSIGN_OR_RETURN(std::string text,
                      fs->ReadFile(path, kMaxCredentialsFileBytes));
  auto creds = ParseCredentialsJson(text, path);
  OPENSSL_cleanse(text.data(), text.size());
  if (!creds.ok()) return creds.status();
  return std::unique_ptr<CredentialSource>(
      new MemorySource(std::move(*creds), path));
}

std::unique_ptr<CredentialSource> NewMemoryCredentialSource(
    std::vector<Credentials> credentials) {
  return std::make_unique<MemorySource>(std::move(credentials), "");
}

}  // namespace renumber
