#include "src/vault/entry.h"

#include <openssl/crypto.h>

#include <nlohmann/json.hpp>

#include "src/core/json_depth.h"
#include "src/log/log.h"
#include "src/vault/crypto.h"

namespace renumber::vault {
namespace {

using json = nlohmann::json;
constexpr const char* kBodyFormat = "renumber-vault-body";

// Overwrites every string in `j` before it is freed (passwords, tokens, the
// vault key). The JSON library keeps no other copy once parsing is done.
void WipeJson(json* j) {
  if (j->is_string()) {
    auto& s = j->get_ref<std::string&>();
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  } else if (j->is_structured()) {
    for (auto& v : *j) WipeJson(&v);
  }
}

struct JsonWiper {
  json* j;
  ~JsonWiper() { WipeJson(j); }
};

json EntryJson(const VaultEntry& e) {
  json j = {{"customer", e.creds.account.customer},
            {"service", ServiceName(e.creds.account.service)},
            {"api_base", e.creds.api_base},
            {"ticket", e.ticket},
            {"created_at", e.created_at.ToRfc3339()},
            {"created_by", e.created_by},
            {"expires_at", e.expires_at.ToRfc3339()}};
  for (const auto& [name, value] : e.creds.fields)
    if (!value.empty()) j[name] = value;
  for (const auto& [name, value] : e.creds.secrets)
    if (!value.empty()) j[name] = value.reveal();
  if (!e.creds.ca_file.empty()) j["ca_file"] = e.creds.ca_file;
  return j;
}

Result<std::string> Str(const json& j, const char* name, bool required,
                        const std::string& where) {
  auto it = j.find(name);
  if (it == j.end()) {
    if (required)
      return Status::Corruption(where + ": missing \"" + name + "\"",
                                where + ": \"" + name + "\" がありません");
    return std::string();
  }
  if (!it->is_string())
    return Status::Corruption(
        where + ": \"" + name + "\" is not a string",
        where + ": \"" + name + "\" が文字列ではありません");
  return it->get<std::string>();
}

Result<Timestamp> Time(const json& j, const char* name,
                       const std::string& where) {
  RN_ASSIGN_OR_RETURN(std::string text, Str(j, name, true, where));
  auto t = Timestamp::ParseRfc3339(text);
  if (!t.ok())
    return Status::Corruption(
        where + ": bad \"" + name + "\"",
        where + ": \"" + name + "\" の値が正しくありません");
  return *t;
}

Result<Secret> LoadSecret(const json& j, const char* name,
                          const std::string& where) {
  RN_ASSIGN_OR_RETURN(std::string value, Str(j, name, true, where));
  if (value.empty())
    return Status::Corruption(where + ": \"" + name + "\" is empty",
                              where + ": \"" + name + "\" が空です");
  AddScrubbedSecret(value);
  Secret s(std::move(value));
  return s;
}

Result<VaultEntry> ParseEntry(const json& j, size_t index) {
  std::string where = "vault body: entries[" + std::to_string(index) + "]";
  if (!j.is_object())
    return Status::Corruption(where + ": not an object",
                              where + ": オブジェクトではありません");
  VaultEntry e;
  RN_ASSIGN_OR_RETURN(e.creds.account.customer,
                      Str(j, "customer", true, where));
  if (!ValidateCustomerId(e.creds.account.customer).ok())
    return Status::Corruption(where + ": bad \"customer\"",
                              where + ": \"customer\" の値が正しくありません");
  RN_ASSIGN_OR_RETURN(std::string service, Str(j, "service", true, where));
  auto svc = ParseService(service);
  if (!svc.ok())
    return Status::Corruption(where + ": bad \"service\"",
                              where + ": \"service\" の値が正しくありません");
  e.creds.account.service = *svc;
  RN_ASSIGN_OR_RETURN(e.creds.api_base, Str(j, "api_base", true, where));
  RN_ASSIGN_OR_RETURN(e.creds.ca_file, Str(j, "ca_file", false, where));
  RN_ASSIGN_OR_RETURN(e.ticket, Str(j, "ticket", true, where));
  RN_ASSIGN_OR_RETURN(e.created_by, Str(j, "created_by", true, where));
  RN_ASSIGN_OR_RETURN(e.created_at, Time(j, "created_at", where));
  RN_ASSIGN_OR_RETURN(e.expires_at, Time(j, "expires_at", where));
  for (const CredentialField& f : e.creds.account.service.spec().credentials) {
    if (f.secret) {
      if (!f.required && !j.contains(f.name)) continue;
      RN_ASSIGN_OR_RETURN(e.creds.secrets[f.name],
                          LoadSecret(j, f.name.c_str(), where));
    } else {
      RN_ASSIGN_OR_RETURN(std::string value,
                          Str(j, f.name.c_str(), f.required, where));
      if (!value.empty()) e.creds.fields[f.name] = std::move(value);
    }
  }
  return e;
}

json AuditJson(const VaultBody& body) {
  json keys = json::array();
  for (const AuditKey& k : body.audit_keys)
    keys.push_back({{"from", k.from}, {"key", ToHex(k.key.reveal())}});
  json audit = {{"keys", keys}};
  if (body.audit_anchor) {
    audit["records"] = body.audit_anchor->records;
    audit["last_hash"] = body.audit_anchor->last_hash;
  }
  return audit;
}

Status ParseAudit(const json& doc, VaultBody* body) {
  auto it = doc.find("audit");
  if (it == doc.end()) {  // written before keys and anchors were kept
    RN_ASSIGN_OR_RETURN(Secret first, AuditMacKey(body->vault_key));
    body->audit_keys = {{1, std::move(first)}};
    return Status::Ok();
  }
  const Status bad =
      Status::Corruption("vault body: bad \"audit\"",
                         "保管庫の本体: \"audit\" が正しくありません");
  if (!it->is_object() || !it->contains("keys") || !(*it)["keys"].is_array())
    return bad;
  uint64_t last_from = 0;
  for (const json& k : (*it)["keys"]) {
    if (!k.is_object() || !k.contains("from") ||
        !k["from"].is_number_unsigned() || !k.contains("key") ||
        !k["key"].is_string())
      return bad;
    uint64_t from = k["from"].get<uint64_t>();
    auto key = FromHex(k["key"].get_ref<const std::string&>());
    if (!key.ok() || key->size() != kKeyBytes || from <= last_from ||
        (last_from == 0 && from != 1))
      return bad;
    body->audit_keys.push_back({from, Secret(std::move(*key))});
    last_from = from;
  }
  if (body->audit_keys.empty()) return bad;
  if (it->contains("records")) {
    const json& n = (*it)["records"];
    auto h = it->find("last_hash");
    if (!n.is_number_unsigned() || h == it->end() || !h->is_string())
      return bad;
    body->audit_anchor = AuditAnchor{n.get<uint64_t>(), h->get<std::string>()};
  }
  return Status::Ok();
}

Result<VaultBody> ParseBody(const json& doc) {
  if (!doc.is_object() || doc.find("format") == doc.end() ||
      doc["format"] != json(kBodyFormat) || doc.find("version") == doc.end() ||
      doc["version"] != json(1))
    return Status::Corruption("vault body: unknown format or version",
                              "保管庫の本体: 形式またはバージョンが不明です");
  VaultBody body;
  RN_ASSIGN_OR_RETURN(std::string key_hex,
                      Str(doc, "vault_key", true, "vault body"));
  auto key = FromHex(key_hex);
  Wipe(&key_hex);
  if (!key.ok() || key->size() != kKeyBytes)
    return Status::Corruption("vault body: bad \"vault_key\"",
                              "保管庫の本体: \"vault_key\" が正しくありません");
  body.vault_key = Secret(std::move(*key));
  RN_ASSIGN_OR_RETURN(body.created_at, Time(doc, "created_at", "vault body"));
  auto it = doc.find("entries");
  if (it == doc.end() || !it->is_array())
    return Status::Corruption(
        "vault body: \"entries\" is not a list",
        "保管庫の本体: \"entries\" がリストではありません");
  for (size_t i = 0; i < it->size(); ++i) {
    RN_ASSIGN_OR_RETURN(VaultEntry e, ParseEntry((*it)[i], i));
    body.entries.push_back(std::move(e));
  }
  RN_RETURN_IF_ERROR(ParseAudit(doc, &body));
  return body;
}

}  // namespace

Secret EncodeBody(const VaultBody& body) {
  json doc = {{"format", kBodyFormat},
              {"version", 1},
              {"vault_key", ToHex(body.vault_key.reveal())},
              {"created_at", body.created_at.ToRfc3339()},
              {"entries", json::array()}};
  JsonWiper wiper{&doc};
  for (const VaultEntry& e : body.entries)
    doc["entries"].push_back(EntryJson(e));
  if (!body.audit_keys.empty()) doc["audit"] = AuditJson(body);
  return Secret(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<VaultBody> DecodeBody(const Secret& json_text) {
  // Bounded: wiping and reading the document recurse once per level.
  auto parsed = ParseBoundedJson(json_text.reveal());
  if (!parsed.ok())
    return Status::Corruption("vault body: not JSON",
                              "保管庫の本体: JSON ではありません");
  json doc = std::move(*parsed);
  JsonWiper wiper{&doc};
  try {
    return ParseBody(doc);
  } catch (const json::exception& e) {  // the library's boundary
    return Status::Corruption(std::string("vault body: ") + e.what(),
                              std::string("保管庫の本体: ") + e.what());
  }
}

int FindEntry(const std::vector<VaultEntry>& entries,
              const AccountKey& account) {
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].creds.account == account) return static_cast<int>(i);
  return -1;
}

std::vector<AccountKey> DropExpired(std::vector<VaultEntry>* entries,
                                    Timestamp now) {
  std::vector<AccountKey> dropped;
  std::vector<VaultEntry> kept;
  for (VaultEntry& e : *entries) {
    if (e.ExpiredAt(now)) {
      dropped.push_back(e.creds.account);
    } else {
      kept.push_back(std::move(e));
    }
  }
  *entries = std::move(kept);
  return dropped;
}

Result<Timestamp> ChooseExpiry(
    Timestamp now, const std::optional<Timestamp>& expires,
    const std::optional<Timestamp>& maintenance_end) {
  // The default is rounded up to a whole second.
  Timestamp chosen = expires ? *expires
                     : maintenance_end
                         ? *maintenance_end + kDefaultGrace
                         : Timestamp::FromUnixSeconds(
                               (now + kDefaultGrace).unix_seconds() + 1);
  const char* from = expires           ? "--expires"
                     : maintenance_end ? "--maintenance-end + 14 days"
                                       : "now + 14 days";
  const std::string from_ja = expires           ? "--expires"
                              : maintenance_end ? "--maintenance-end + 14 日"
                                                : "現在 + 14 日";
  if (chosen <= now)
    return Status::InvalidArgument("the expiry " + chosen.ToRfc3339() + " (" +
                                       from + ") is not in the future",
                                   "有効期限 " + chosen.ToRfc3339() + "（" +
                                       from_ja + "）が過去の日時です");
  if (chosen > now + kMaxLifetime)
    return Status::InvalidArgument(
        "the expiry " + chosen.ToRfc3339() + " (" + from +
            ") is more than 90 days ahead; credentials for proxy work are kept "
            "at most 90 days: pass --expires before " +
            (now + kMaxLifetime).ToRfc3339(),
        "有効期限 " + chosen.ToRfc3339() + "（" + from_ja +
            "）が 90 日より先です。作業代行の認証情報の保管は最長 90 日です。" +
            (now + kMaxLifetime).ToRfc3339() +
            " より前の --expires を指定してください");
  return chosen;
}

int64_t DaysLeft(Timestamp now, Timestamp expires_at) {
  int64_t us = (expires_at - now).count();
  int64_t day = int64_t{86400} * 1000000;
  return us >= 0 ? us / day : -((-us + day - 1) / day);
}

}  // namespace renumber::vault
