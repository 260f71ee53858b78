#include "src/sim/cluster.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "src/core/fs.h"
#include "src/core/ip.h"
#include "src/core/json_depth.h"
#include "src/core/random.h"
#include "src/sim/sim_vendors.h"

namespace renumber {
namespace {

constexpr int kStateVersion = 1;

Result<nlohmann::json> ReadState(const std::string& path) {
  RN_ASSIGN_OR_RETURN(std::string text, PosixFileSystem()->ReadFile(path));
  auto parsed = ParseBoundedJson(text);
  nlohmann::json j = parsed.ok() ? std::move(*parsed) : nlohmann::json();
  if (!j.is_object() || j.value("version", 0) != kStateVersion ||
      !j.contains("customers"))
    return Status::InvalidArgument(
        "'" + path + "' is not a renumber simulator state file",
        "'" + path +
            "' は renumber のシミュレーターの状態ファイルではありません");
  return j;
}

bool HasState(const SimClusterOptions& o) {
  return !o.state_file.empty() && PosixFileSystem()->Exists(o.state_file);
}

Result<std::unique_ptr<SimHost>> StartHost(std::unique_ptr<SimApi> api,
                                           const std::string& listen,
                                           const std::string& token,
                                           const FaultConfig& faults) {
  RN_ASSIGN_OR_RETURN(ListenAddress addr, ParseListenAddress(listen));
  SimHostOptions o;
  o.host = addr.host;
  o.port = addr.port;
  o.admin_token = token;
  o.faults = faults;
  return StartSimHost(std::move(api), o);
}

}  // namespace

Result<ListenAddress> ParseListenAddress(const std::string& text) {
  ListenAddress out;
  std::string port;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() ||
        text[close + 1] != ':')
      return Status::InvalidArgument(
          "listen address '" + text + "': use [IPv6]:PORT",
          "待ち受けアドレス '" + text +
              "': [IPv6]:PORT の形で指定してください");
    out.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || text.find(':') != colon)
      return Status::InvalidArgument(
          "listen address '" + text + "': use HOST:PORT, e.g. 127.0.0.1:18025",
          "待ち受けアドレス '" + text +
              "': HOST:PORT の形（例: 127.0.0.1:18025）で指定してください");
    out.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  bool digits = !port.empty() && port.size() <= 5;
  for (char c : port) digits = digits && c >= '0' && c <= '9';
  if (!digits || std::atoi(port.c_str()) > 65535)
    return Status::InvalidArgument(
        "listen address '" + text + "': the port must be 0-65535",
        "待ち受けアドレス '" + text +
            "': ポートは 0〜65535 で指定してください");
  out.port = std::atoi(port.c_str());
  return out;
}

Result<std::string> BaseUrlFor(const std::string& listen) {
  RN_ASSIGN_OR_RETURN(ListenAddress a, ParseListenAddress(listen));
  if (a.port == 0)
    return Status::InvalidArgument(
        "listen address '" + listen + "': port 0 has no URL before it starts",
        "待ち受けアドレス '" + listen +
            "': ポート 0 では起動前に URL が決まりません");
  std::string host =
      a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host;
  return "http://" + host + ":" + std::to_string(a.port);
}

Result<std::vector<SimCustomer>> LoadOrSeedCustomers(
    const SimClusterOptions& options) {
  if (HasState(options)) {
    RN_ASSIGN_OR_RETURN(nlohmann::json state, ReadState(options.state_file));
    auto customers = CustomersFromJson(state["customers"]);
    if (!customers.ok())
      return customers.status().Annotate("'" + options.state_file + "'");
    return customers;
  }
  if (!options.customers.empty()) return options.customers;
  if (options.seed < 0 || options.seed > 100000)
    return Status::InvalidArgument("the number of customers must be 0-100000",
                                   "お客様の数は 0〜100000 で指定してください");
  if (!Timestamp::ParseRfc3339(options.maintenance_end).ok())
    return Status::InvalidArgument(
        "maintenance_end '" + options.maintenance_end +
            "' is not an RFC 3339 time",
        "maintenance_end '" + options.maintenance_end +
            "' は RFC 3339 形式の日時ではありません");
  return SeedCustomers(options.seed, options.maintenance_end);
}

Status WritePlanFile(const std::vector<SimCustomer>& customers,
                     const std::string& path) {
  return WriteFileAtomic(PosixFileSystem(), path, PlanCsv(customers), 0644);
}

Status WriteCredentialsFile(const std::vector<SimCustomer>& customers,
                            const std::map<std::string, std::string>& api_bases,
                            const std::string& path) {
  std::string text =
      CredentialsJson(customers, api_bases)
          .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
      "\n";
  return WriteFileAtomic(PosixFileSystem(), path, text, 0600);
}

Result<std::unique_ptr<SimCluster>> SimCluster::Start(
    const SimClusterOptions& options) {
  std::unique_ptr<SimCluster> c(new SimCluster);
  RN_ASSIGN_OR_RETURN(c->customers_, LoadOrSeedCustomers(options));
  Clock* clock = options.clock ? options.clock : RealClock();
  for (const auto& [service, listen] : options.listen) {
    (void)listen;
    if (!FindSimVendor(service))
      return Status::InvalidArgument(
          "no simulator for service '" + service + "'",
          "サービス '" + service + "' のシミュレーターはありません");
  }
  std::optional<nlohmann::json> state;
  if (HasState(options)) {
    RN_ASSIGN_OR_RETURN(state, ReadState(options.state_file));
  }
  std::string token = options.admin_token.empty() ? SystemRandom()->Hex(16)
                                                  : options.admin_token;
  for (const SimVendorSpec& v : SimVendors()) {
    std::unique_ptr<SimApi> api = v.make(c->customers_, clock);
    if (state) {
      RN_RETURN_IF_ERROR(
          api->LoadState(state->value(v.service, nlohmann::json()))
              .Annotate("'" + options.state_file + "'"));
    }
    auto listen = options.listen.find(v.service);
    RN_ASSIGN_OR_RETURN(
        std::unique_ptr<SimHost> host,
        StartHost(
            std::move(api),
            listen == options.listen.end() ? "127.0.0.1:0" : listen->second,
            token, options.faults));
    c->hosts_.push_back({&v, std::move(host)});
  }
  if (options.origins) {
    OriginFarmOptions o = options.origin_options;
    if (!o.clock) o.clock = options.clock;
    if (o.maintenance_end == Timestamp()) {
      auto end = Timestamp::ParseRfc3339(options.maintenance_end);
      if (end.ok()) o.maintenance_end = *end;
    }
    std::vector<SimOrigin> origins;
    for (const Running& r : c->hosts_) {
      if (!r.vendor->origins) continue;
      for (SimOrigin& origin : r.vendor->origins(r.host->api()->SaveState()))
        origins.push_back(std::move(origin));
    }
    RN_ASSIGN_OR_RETURN(c->origins_,
                        OriginFarm::Start(c->customers_, origins, o));
  }
  return c;
}

SimCluster::~SimCluster() { Stop(); }

Status SimCluster::WritePlan(const std::string& path) const {
  return WritePlanFile(customers_, path);
}

Status SimCluster::WriteCredentials(const std::string& path) const {
  return WriteCredentialsFile(customers_, base_urls(), path);
}

SimHost* SimCluster::host(const std::string& service) const {
  for (const Running& r : hosts_)
    if (r.vendor->service == service) return r.host.get();
  std::fprintf(stderr, "SimCluster: no simulator for service '%s'\n",
               service.c_str());
  std::abort();
}

std::vector<SimHost*> SimCluster::hosts() const {
  std::vector<SimHost*> out;
  for (const Running& r : hosts_) out.push_back(r.host.get());
  return out;
}

std::map<std::string, std::string> SimCluster::base_urls() const {
  std::map<std::string, std::string> out;
  for (const Running& r : hosts_) out[r.vendor->service] = r.host->base_url();
  return out;
}

namespace {

// Adds "<old ip> <name>" when `address` is a host name (not an IP
// literal).
void AddHostName(const std::string& address, const std::string& old_ip,
                 std::set<std::string>* lines) {
  if (!address.empty() && !IpAddress::Parse(address).ok() &&
      address.find('/') == std::string::npos)
    lines->insert(old_ip + " " + address);
}

}  // namespace

Status SimCluster::WriteHostsFile(const std::string& path) const {
  std::map<std::string, std::string> old_ip;
  for (const SimCustomer& c : customers_) old_ip[c.id] = c.old_ip;
  std::set<std::string> lines;
  for (const Running& r : hosts_) {
    if (!r.vendor->addresses) continue;
    for (const auto& [customer, address] :
         r.vendor->addresses(r.host->api()->SaveState()))
      AddHostName(address, old_ip[customer], &lines);
  }
  std::string text =
      "# Host names seeded by the renumber simulators, at each customer's "
      "old IP.\n";
  for (const std::string& l : lines) text += l + "\n";
  return WriteFileAtomic(PosixFileSystem(), path, text, 0644);
}

Status SimCluster::WriteConnectTo(const std::string& path) const {
  if (!origins_)
    return Status::InvalidArgument(
        "the cluster runs no simulated origins",
        "シミュレーターのオリジンサーバーを起動していません");
  return WriteFileAtomic(PosixFileSystem(), path,
                         origins_->connect_to().ToText(), 0644);
}

std::map<std::string, std::vector<std::string>> SimCluster::AccountDomains()
    const {
  std::map<std::string, std::vector<std::string>> out;
  for (const Running& r : hosts_) {
    if (!r.vendor->domains) continue;
    for (const auto& [customer, name] :
         r.vendor->domains(r.host->api()->SaveState())) {
      std::vector<std::string>& names = out[customer + "/" + r.vendor->service];
      if (!name.empty() &&
          std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
    }
  }
  return out;
}

Status SimCluster::SaveState(const std::string& path) const {
  nlohmann::json state = {{"version", kStateVersion},
                          {"customers", CustomersToJson(customers_)}};
  for (const Running& r : hosts_)
    state[r.vendor->service] = r.host->api()->SaveState();
  return WriteFileAtomic(
      PosixFileSystem(), path,
      state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
          "\n",
      0600);
}

void SimCluster::Stop() {
  if (origins_) origins_->Stop();
  for (Running& r : hosts_) r.host->Stop();
}

}  // namespace renumber
