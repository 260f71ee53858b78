#include "src/model/credential_source.h"

#include <openssl/crypto.h>

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
      return Status::InvalidArgument(where + ": missing \"" + name + "\"");
    return std::string();
  }
  if (!it->is_string())
    return Status::InvalidArgument(where + ": \"" + name +
                                   "\" must be a string");
  return it->get<std::string>();
}

}  // namespace

Status CheckApiBase(const std::string& url) {
  // The transport parses every request URL with the same parser and rule,
  // so a base accepted here is one the transport will send to.
  auto parsed = ParseUrl(url);
  Status s = parsed.ok() ? CheckVendorUrl(*parsed) : parsed.status();
  if (s.ok()) return s;
  return Status::InvalidArgument("\"api_base\": " + s.message());
}

namespace {

Result<Credentials> ParseEntry(const json& e, const std::string& where) {
  if (!e.is_object())
    return Status::InvalidArgument(where + ": must be an object");
  Credentials c;
  RN_ASSIGN_OR_RETURN(c.account.customer, Field(e, "customer", true, where));
  RN_RETURN_IF_ERROR(ValidateCustomerId(c.account.customer).Annotate(where));
  RN_ASSIGN_OR_RETURN(std::string service, Field(e, "service", true, where));
  auto svc = ParseService(service);
  if (!svc.ok()) return svc.status().Annotate(where);
  c.account.service = *svc;
  std::string at = where + " (" + c.account.ToString() + ")";
  RN_ASSIGN_OR_RETURN(c.api_base, Field(e, "api_base", true, at));
  RN_ASSIGN_OR_RETURN(c.ca_file, Field(e, "ca_file", false, at));
  RN_RETURN_IF_ERROR(CheckApiBase(c.api_base).Annotate(at));
  if (c.account.service == Service::kEss) {
    RN_ASSIGN_OR_RETURN(c.username, Field(e, "username", true, at));
    RN_ASSIGN_OR_RETURN(std::string pw, Field(e, "password", true, at));
    if (c.username.empty() || pw.empty())
      return Status::InvalidArgument(at +
                                     ": username and password are required");
    AddScrubbedSecret(pw);
    c.password = Secret(std::move(pw));
  } else {
    RN_ASSIGN_OR_RETURN(std::string token, Field(e, "api_token", true, at));
    if (token.empty())
      return Status::InvalidArgument(at + ": \"api_token\" is empty");
    AddScrubbedSecret(token);
    c.api_token = Secret(std::move(token));
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
          "; the other accounts run (add it there and run again)");
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
    return Status::InvalidArgument(origin + ": not valid JSON (" +
                                   parsed.status().message() + ")");
  json doc = std::move(*parsed);
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != json(1))
    return Status::InvalidArgument(
        origin + ": expected {\"version\": 1, \"accounts\": [...]}");
  if (!doc.contains("accounts") || !doc["accounts"].is_array())
    return Status::InvalidArgument(origin + ": \"accounts\" must be a list");
  std::vector<Credentials> out;
  std::set<AccountKey> seen;
  for (size_t i = 0; i < doc["accounts"].size(); ++i) {
    std::string where = origin + ": accounts[" + std::to_string(i) + "]";
    RN_ASSIGN_OR_RETURN(Credentials c, ParseEntry(doc["accounts"][i], where));
    if (!seen.insert(c.account).second)
      return Status::InvalidArgument(where + ": duplicate account " +
                                     c.account.ToString());
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
