#include "src/sim/world.h"

#include <cstdio>

#include "src/core/ip.h"
#include "src/core/random.h"

namespace renumber {
namespace {

// A stable 64-bit seed from a string (FNV-1a), so credentials depend only on
// the customer id and the purpose, never on the process.
uint64_t SeedOf(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string DerivedHex(const std::string& purpose, size_t bytes) {
  FakeRandom rng(SeedOf("renumber-sim|" + purpose));
  return rng.Hex(bytes);
}

std::string V4(int second_octet, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "198.%d.%d.%d", second_octet, i / 240,
                i % 240 + 10);
  return buf;
}

std::string V6(const char* block, int i) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2001:db8:%s::%x", block, i + 1);
  auto ip = IpAddress::Parse(buf);
  return ip.ok() ? ip->ToString() : std::string(buf);
}

SimCustomer MakeCustomer(int i, const std::string& maintenance_end) {
  SimCustomer c;
  const int number = 10001 + i;
  c.id = "C-" + std::to_string(number);
  c.index = i;
  // Services by index: both, ESS only, CDN only, both, ...
  c.has_ess = i % 4 != 2;
  c.has_cdn = i % 4 == 0 || i % 4 == 2 || i % 4 == 3;
  if (i % 6 == 5) {
    c.old_ip = V6("a", i);
    c.new_ip = V6("b", i);
  } else {
    c.old_ip = V4(18, i);
    c.new_ip = V4(19, i);
  }
  c.maintenance_end = maintenance_end;
  c.ticket = "ZL-2026-" + std::to_string(number);
  if (c.has_ess) {
    c.ess_username = "admin@c" + std::to_string(number) + ".example.jp";
    c.ess_password = "sim-ess-" + DerivedHex("ess|" + c.id, 8);
  }
  if (c.has_cdn) c.cdn_token = "sim-cdn-" + DerivedHex("cdn|" + c.id, 16);
  return c;
}

Result<std::string> StringField(const nlohmann::json& e, const char* key,
                                const std::string& where) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_string())
    return Status::InvalidArgument(
        where + ": \"" + key + "\" must be a string",
        where + ": \"" + key + "\" は文字列で指定してください");
  return it->get<std::string>();
}

Result<bool> BoolField(const nlohmann::json& e, const char* key,
                       const std::string& where) {
  auto it = e.find(key);
  if (it == e.end() || !it->is_boolean())
    return Status::InvalidArgument(
        where + ": \"" + key + "\" must be true or false",
        where + ": \"" + key + "\" は true か false で指定してください");
  return it->get<bool>();
}

Result<SimCustomer> CustomerFromJson(const nlohmann::json& e, size_t n) {
  const std::string where = "customers[" + std::to_string(n) + "]";
  if (!e.is_object())
    return Status::InvalidArgument(where + ": not an object",
                                   where + ": オブジェクトではありません");
  SimCustomer c;
  RN_ASSIGN_OR_RETURN(c.id, StringField(e, "id", where));
  auto index = e.find("index");
  if (index == e.end() || !index->is_number_integer())
    return Status::InvalidArgument(
        where + ": \"index\" must be an integer",
        where + ": \"index\" は整数で指定してください");
  c.index = index->get<int>();
  RN_ASSIGN_OR_RETURN(c.old_ip, StringField(e, "old_ip", where));
  RN_ASSIGN_OR_RETURN(c.new_ip, StringField(e, "new_ip", where));
  RN_ASSIGN_OR_RETURN(c.has_ess, BoolField(e, "has_ess", where));
  RN_ASSIGN_OR_RETURN(c.has_cdn, BoolField(e, "has_cdn", where));
  RN_ASSIGN_OR_RETURN(c.maintenance_end,
                      StringField(e, "maintenance_end", where));
  RN_ASSIGN_OR_RETURN(c.ticket, StringField(e, "ticket", where));
  RN_ASSIGN_OR_RETURN(c.ess_username, StringField(e, "ess_username", where));
  RN_ASSIGN_OR_RETURN(c.ess_password, StringField(e, "ess_password", where));
  RN_ASSIGN_OR_RETURN(c.cdn_token, StringField(e, "cdn_token", where));
  auto old_ip = IpAddress::Parse(c.old_ip);
  auto new_ip = IpAddress::Parse(c.new_ip);
  if (!old_ip.ok() || !new_ip.ok() ||
      old_ip->EffectiveFamily() != new_ip->EffectiveFamily())
    return Status::InvalidArgument(
        where + ": old_ip and new_ip must be IPs of one family",
        where + ": old_ip と new_ip は同じファミリーの IP にしてください");
  if (c.id.empty())
    return Status::InvalidArgument(where + ": empty id",
                                   where + ": id が空です");
  return c;
}

}  // namespace

std::vector<SimCustomer> SeedCustomers(int n,
                                       const std::string& maintenance_end) {
  std::vector<SimCustomer> out;
  for (int i = 0; i < n; ++i) out.push_back(MakeCustomer(i, maintenance_end));
  return out;
}

nlohmann::json CustomersToJson(const std::vector<SimCustomer>& customers) {
  nlohmann::json out = nlohmann::json::array();
  for (const SimCustomer& c : customers) {
    out.push_back({{"id", c.id},
                   {"index", c.index},
                   {"old_ip", c.old_ip},
                   {"new_ip", c.new_ip},
                   {"has_ess", c.has_ess},
                   {"has_cdn", c.has_cdn},
                   {"maintenance_end", c.maintenance_end},
                   {"ticket", c.ticket},
                   {"ess_username", c.ess_username},
                   {"ess_password", c.ess_password},
                   {"cdn_token", c.cdn_token}});
  }
  return out;
}

Result<std::vector<SimCustomer>> CustomersFromJson(const nlohmann::json& j) {
  if (!j.is_array())
    return Status::InvalidArgument("customers: must be a JSON array",
                                   "customers: JSON の配列で指定してください");
  std::vector<SimCustomer> out;
  for (size_t i = 0; i < j.size(); ++i) {
    RN_ASSIGN_OR_RETURN(SimCustomer c, CustomerFromJson(j[i], i));
    for (const SimCustomer& prev : out) {
      if (prev.id == c.id)
        return Status::InvalidArgument(
            "customers: duplicate id " + c.id,
            "customers: id " + c.id + " が重複しています");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string PlanCsv(const std::vector<SimCustomer>& customers) {
  std::string out = "customer,service,old_ip,new_ip,maintenance_end,ticket\n";
  auto row = [&out](const SimCustomer& c, const char* service) {
    out += c.id + "," + service + "," + c.old_ip + "," + c.new_ip + "," +
           c.maintenance_end + "," + c.ticket + "\n";
  };
  for (const SimCustomer& c : customers) {
    if (c.has_ess) row(c, "ess");
    if (c.has_cdn) row(c, "cdn");
  }
  return out;
}

nlohmann::json CredentialsJson(const std::vector<SimCustomer>& customers,
                               const std::string& ess_base,
                               const std::string& cdn_base) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const SimCustomer& c : customers) {
    if (c.has_ess) {
      accounts.push_back({{"customer", c.id},
                          {"service", "ess"},
                          {"api_base", ess_base},
                          {"username", c.ess_username},
                          {"password", c.ess_password}});
    }
    if (c.has_cdn) {
      accounts.push_back({{"customer", c.id},
                          {"service", "cdn"},
                          {"api_base", cdn_base},
                          {"api_token", c.cdn_token}});
    }
  }
  return {{"version", 1}, {"accounts", accounts}};
}

}  // namespace renumber
