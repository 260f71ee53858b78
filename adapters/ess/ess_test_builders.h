// Test-only builders of ESS snapshots and targets (header-only).
#ifndef RENUMBER_ADAPTERS_ESS_ESS_TEST_BUILDERS_H_
#define RENUMBER_ADAPTERS_ESS_ESS_TEST_BUILDERS_H_

#include <string>
#include <vector>

#include "adapters/ess/ess_read.h"
#include "src/model/model.h"

namespace renumber {
namespace ess_test {

inline constexpr const char* kOld = "198.18.0.1";
inline constexpr const char* kNew = "198.19.0.1";

inline Target MakeTarget(const char* old_ip = kOld, const char* new_ip = kNew) {
  Target t;
  t.account = AccountKey{"C-10001", Service("ess")};
  t.old_ip = IpAddress::Parse(old_ip).value();
  t.new_ip = IpAddress::Parse(new_ip).value();
  t.ticket = "ZL-2026-10001";
  return t;
}

class SnapshotBuilder {
 public:
  SnapshotBuilder() { s_.collections.push_back({"", "\"d1\"", {}}); }
  // Adds a route; `domain` creates its collection on first use.
  SnapshotBuilder& Route(const std::string& domain, const std::string& id,
                         const std::string& address, int port,
                         const std::string& role) {
    ess::RouteCollection* c = nullptr;
    for (auto& x : s_.collections)
      if (x.domain == domain) c = &x;
    if (!c) {
      s_.collections.push_back({domain, "\"" + domain + "1\"", {}});
      c = &s_.collections.back();
    }
    ess::Route r;
    r.id = id;
    r.address = address;
    r.port = port;
    r.role = role;
    r.order = static_cast<int>(c->routes.size()) + 1;
    c->routes.push_back(r);
    last_ = &c->routes.back();
    return *this;
  }
  // Marks the route added last as checked.
  SnapshotBuilder& Checked(Timestamp at, const std::string& result = "PASS") {
    last_->last_check = ess::LastCheck{at, result, "220 ok"};
    last_->can_promote = result == "PASS";
    return *this;
  }
  SnapshotBuilder& Outbound(const std::string& id, const std::string& address,
                            const std::string& note = "web01") {
    s_.outbound.servers.push_back({id, address, note});
    return *this;
  }
  SnapshotBuilder& Named(const std::string& name,
                         std::vector<std::string> route_ids) {
    s_.named.named.push_back({name, std::move(route_ids)});
    return *this;
  }
  ess::Snapshot Build() const { return s_; }

 private:
  ess::Snapshot s_;
  ess::Route* last_ = nullptr;
};

}  // namespace ess_test
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_TEST_BUILDERS_H_
