// EssSim: domains, outbound servers and the change log (docs/ess-contract.md,
// "Calls").
#include "adapters/ess/simulator/ess_sim.h"
#include "adapters/ess/simulator/ess_wire.h"

namespace renumber::ess_sim {
namespace {

constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 100;

// A positive decimal integer query parameter; `dflt` when absent,
// nullopt when malformed or out of [lo, hi].
std::optional<int> QueryInt(const ServerRequest& r, const char* key, int dflt,
                            int lo, int hi) {
  auto it = r.query_params.find(key);
  if (it == r.query_params.end()) return dflt;
  const std::string& v = it->second;
  if (v.empty() || v.size() > 9) return std::nullopt;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int n = std::stoi(v);
  if (n < lo || n > hi) return std::nullopt;
  return n;
}

}  // namespace

ServerResponse EssSim::ListDomains(Req& r) {
  auto page = QueryInt(r.http, "page", 1, 1, 1000000000);
  if (!page)
    return Failure(400, "INVALID_ARGUMENT", "page must be an integer >= 1");
  auto per_page = QueryInt(r.http, "per_page", kDefaultPerPage, 1, kMaxPerPage);
  if (!per_page)
    return Failure(400, "INVALID_ARGUMENT", "per_page must be 1-100");
  const auto& all = r.account->domains;  // sorted by name
  nlohmann::json domains = nlohmann::json::array();
  size_t first =
      static_cast<size_t>(*page - 1) * static_cast<size_t>(*per_page);
  for (size_t i = first; i < all.size() && i < first + *per_page; ++i)
    domains.push_back(
        {{"name", all[i].name}, {"route_mode", all[i].route_mode}});
  return Success(200, {{"page", *page},
                       {"per_page", *per_page},
                       {"total", all.size()},
                       {"domains", domains}});
}

ServerResponse EssSim::ListOutbound(Req& r) {
  nlohmann::json servers = nlohmann::json::array();
  for (const Outbound& o : r.account->outbound.servers)
    servers.push_back(OutboundJson(o));
  const std::string& etag = r.account->outbound.etag;
  return Success(200, {{"etag", etag}, {"servers", servers}}, etag);
}

ServerResponse EssSim::AddOutbound(Req& r) {
  auto address = r.body.find("address");
  if (address == r.body.end() || !address->is_string())
    return Failure(400, "INVALID_ARGUMENT", "address is required");
  auto normalized = NormalizeOutboundAddress(address->get<std::string>());
  if (!normalized)
    return Failure(400, "INVALID_ARGUMENT",
                   "address must be an IPv4/IPv6 address or a CIDR block");
  std::string note;
  if (auto n = r.body.find("note"); n != r.body.end() && !n->is_null()) {
    if (!n->is_string() || n->get<std::string>().size() > 255)
      return Failure(400, "INVALID_ARGUMENT",
                     "note must be a string of at most 255 characters");
    note = n->get<std::string>();
  }
  OutboundSet& set = r.account->outbound;
  if (auto err = CheckIfMatch(r, set.etag)) return *err;
  for (const Outbound& o : set.servers) {
    if (SameAddress(o.address, *normalized))
      return Failure(409, "DUPLICATE",
                     *normalized + " is already an outbound server");
  }
  Outbound server{NewOutboundId(*r.account), *normalized, note};
  set.servers.push_back(server);
  set.etag = NextEtag(*r.account, kOutboundCollection);
  Log(r, "add", "outbound-server:" + server.id, server.address, "", note);
  r.call->committed = true;
  return Success(201, {{"server", OutboundJson(server)}, {"etag", set.etag}},
                 set.etag);
}

ServerResponse EssSim::DeleteOutbound(Req& r) {
  OutboundSet& set = r.account->outbound;
  auto it = std::find_if(set.servers.begin(), set.servers.end(),
                         [&](const Outbound& o) { return o.id == r.segs[1]; });
  if (it == set.servers.end())
    return Failure(404, "NOT_FOUND", "no outbound server " + r.segs[1]);
  DeletionBody del = ParseDeletion(r.body);
  if (del.error) return *del.error;
  if (auto err = CheckIfMatch(r, set.etag)) return *err;
  if (set.servers.size() == 1)
    return Failure(409, "LAST_SERVER",
                   "outbound server " + it->id + " is the last one");
  Outbound gone = *it;
  set.servers.erase(it);
  set.etag = NextEtag(*r.account, kOutboundCollection);
  Log(r, "delete", "outbound-server:" + gone.id, gone.address, del.reason,
      del.note, del.ticket);
  r.call->committed = true;
  return Success(200, {{"etag", set.etag}}, set.etag);
}

ServerResponse EssSim::ChangeLog(Req& r) {
  std::optional<Timestamp> since;
  if (auto it = r.http.query_params.find("since");
      it != r.http.query_params.end()) {
    auto t = Timestamp::ParseRfc3339(it->second);
    if (!t.ok())
      return Failure(400, "INVALID_ARGUMENT",
                     "since must be an RFC 3339 time, e.g. "
                     "2026-12-01T00:00:00Z");
    since = *t;
  }
  nlohmann::json entries = nlohmann::json::array();
  for (const Change& c : r.account->log) {
    if (!since || c.at >= *since) entries.push_back(ChangeJson(c));
  }
  return Success(200, {{"entries", entries}});
}

}  // namespace renumber::ess_sim
