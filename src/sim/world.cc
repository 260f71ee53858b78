#include "src/sim/world.h"

#include <cstdio>

#include "src/core/ip.h"
#include "src/core/random.h"
#include "src/sim/sim_hash.h"
#include "src/sim/sim_vendor.h"

namespace renumber {

// Seeded from the purpose only (FNV-1a), so credentials depend on the
// customer id and the purpose, never on the process.
std::string SimDerivedHex(const std::string& purpose, size_t bytes) {
  FakeRandom rng(sim::Fnv1a("renumber-sim|" + purpose));
  return rng.Hex(bytes);
}

bool SimCustomer::Has(const std::string& service) const {
  for (const SimService& s : services)
    if (s.name == service) return true;
  return false;
}

std::string SimCustomer::Credential(const std::string& service,
                                    const std::string& field) const {
  for (const SimService& s : services) {
    if (s.name != service) continue;
    auto it = s.credentials.find(field);
    return it == s.credentials.end() ? "" : it->second;
  }
  return "";
}

namespace {

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

SimCustomer MakeCustomer(int i, const std::string& maintenance_end,
                         const std::vector<SimVendorSpec>& vendors) {
  SimCustomer c;
  const int number = 10001 + i;
  c.id = "C-" + std::to_string(number);
  c.index = i;
  if (i % 6 == 5) {
    c.old_ip = V6("a", i);
    c.new_ip = V6("b", i);
  } else {
    c.old_ip = V4(18, i);
    c.new_ip = V4(19, i);
  }
  c.maintenance_end = maintenance_end;
  c.ticket = "ZL-2026-" + std::to_string(number);
  for (const SimVendorSpec& v : vendors)
    if (v.holds(i)) c.services.push_back({v.service, v.credentials(c)});
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

Status MustBeObject(const nlohmann::json& e, const std::string& where) {
  if (e.is_object()) return Status::Ok();
  return Status::InvalidArgument(where + ": not an object",
                                 where + ": オブジェクトではありません");
}

Result<SimService> ServiceFromJson(const nlohmann::json& e,
                                   const std::string& where) {
  RN_RETURN_IF_ERROR(MustBeObject(e, where));
  SimService s;
  RN_ASSIGN_OR_RETURN(s.name, StringField(e, "name", where));
  auto creds = e.find("credentials");
  if (creds == e.end() || !creds->is_object())
    return Status::InvalidArgument(
        where + ": \"credentials\" must be an object",
        where + ": \"credentials\" はオブジェクトで指定してください");
  for (auto it = creds->begin(); it != creds->end(); ++it) {
    if (!it->is_string())
      return Status::InvalidArgument(
          where + ": credential \"" + it.key() + "\" must be a string",
          where + ": 認証情報 \"" + it.key() + "\" は文字列で指定してください");
    s.credentials[it.key()] = it->get<std::string>();
  }
  return s;
}

Status ServicesFromJson(const nlohmann::json& e, const std::string& where,
                        SimCustomer* c) {
  auto services = e.find("services");
  if (services == e.end() || !services->is_array())
    return Status::InvalidArgument(
        where + ": \"services\" must be an array",
        where + ": \"services\" は配列で指定してください");
  for (size_t i = 0; i < services->size(); ++i) {
    const std::string at = where + ".services[" + std::to_string(i) + "]";
    RN_ASSIGN_OR_RETURN(SimService s, ServiceFromJson((*services)[i], at));
    if (c->Has(s.name))
      return Status::InvalidArgument(
          at + ": service " + s.name + " listed twice",
          at + ": サービス " + s.name + " が重複しています");
    c->services.push_back(std::move(s));
  }
  return Status::Ok();
}

Result<SimCustomer> CustomerFromJson(const nlohmann::json& e, size_t n) {
  const std::string where = "customers[" + std::to_string(n) + "]";
  RN_RETURN_IF_ERROR(MustBeObject(e, where));
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
  RN_ASSIGN_OR_RETURN(c.maintenance_end,
                      StringField(e, "maintenance_end", where));
  RN_ASSIGN_OR_RETURN(c.ticket, StringField(e, "ticket", where));
  RN_RETURN_IF_ERROR(ServicesFromJson(e, where, &c));
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

std::vector<SimCustomer> SeedCustomers(
    int n, const std::string& maintenance_end,
    const std::vector<SimVendorSpec>& vendors) {
  std::vector<SimCustomer> out;
  for (int i = 0; i < n; ++i)
    out.push_back(MakeCustomer(i, maintenance_end, vendors));
  return out;
}

nlohmann::json CustomersToJson(const std::vector<SimCustomer>& customers) {
  nlohmann::json out = nlohmann::json::array();
  for (const SimCustomer& c : customers) {
    nlohmann::json services = nlohmann::json::array();
    for (const SimService& s : c.services)
      services.push_back({{"name", s.name}, {"credentials", s.credentials}});
    out.push_back({{"id", c.id},
                   {"index", c.index},
                   {"old_ip", c.old_ip},
                   {"new_ip", c.new_ip},
                   {"maintenance_end", c.maintenance_end},
                   {"ticket", c.ticket},
                   {"services", services}});
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
  for (const SimCustomer& c : customers)
    for (const SimService& s : c.services)
      out += c.id + "," + s.name + "," + c.old_ip + "," + c.new_ip + "," +
             c.maintenance_end + "," + c.ticket + "\n";
  return out;
}

nlohmann::json CredentialsJson(
    const std::vector<SimCustomer>& customers,
    const std::map<std::string, std::string>& api_bases) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const SimCustomer& c : customers) {
    for (const SimService& s : c.services) {
      auto base = api_bases.find(s.name);
      if (base == api_bases.end()) continue;
      nlohmann::json a = {
          {"customer", c.id}, {"service", s.name}, {"api_base", base->second}};
      for (const auto& [field, value] : s.credentials) a[field] = value;
      accounts.push_back(std::move(a));
    }
  }
  return {{"version", 1}, {"accounts", accounts}};
}

}  // namespace renumber
