#include "src/sim/dns_sim.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "src/sim/dns_sim_wire.h"

namespace renumber {
namespace {

using dns_sim::Query;
using dns_sim::ResourceRecord;
using dns_sim::Response;

Result<std::string> Rdata(const SimDnsRecord& r) {
  switch (r.type) {
    case dns_type::kA:
      return dns_sim::RdataAddress(r.value, false);
    case dns_type::kAaaa:
      return dns_sim::RdataAddress(r.value, true);
    case dns_type::kNs:
    case dns_type::kPtr:
      return dns_sim::RdataName(r.value);
    case dns_type::kMx:
      return dns_sim::RdataMx(r.value);
    case dns_type::kTxt:
      return dns_sim::RdataTxt(r.value);
    default:
      return Status::InvalidArgument("record type " + std::to_string(r.type) +
                                     " is not simulated");
  }
}

bool Below(const std::string& name, const std::string& zone) {
  return name == zone ||
         (name.size() > zone.size() &&
          name.compare(name.size() - zone.size(), zone.size(), zone) == 0 &&
          name[name.size() - zone.size() - 1] == '.');
}

}  // namespace

Status SimDns::Load(std::vector<SimDnsZone> zones) {
  for (const SimDnsZone& z : zones) {
    RN_ASSIGN_OR_RETURN(soa_[z.origin], dns_sim::RdataSoa(z.origin));
    for (const SimDnsRecord& r : z.records) {
      if (!Below(r.name, z.origin))
        return Status::InvalidArgument(r.name + " is outside zone " + z.origin);
      RN_ASSIGN_OR_RETURN(std::string rdata, Rdata(r));
      rrs_[r.name].push_back({r.type, std::move(rdata)});
    }
  }
  return Status::Ok();
}

std::string SimDns::Answer(const std::string& packet) const {
  uint16_t id = 0;
  auto q = dns_sim::ReadQuery(packet, &id);
  if (!q.ok())
    return packet.size() >= dns_sim::kHeaderSize ? dns_sim::WriteFormErr(id)
                                                 : "";
  Response r;
  // The most specific zone served that holds the name.
  std::string zone;
  for (const auto& [origin, soa] : soa_)
    if (Below(q->name, origin) && origin.size() >= zone.size()) zone = origin;
  if (zone.empty() || q->klass != 1) {
    r.rcode = dns_sim::kRefused;
    r.authoritative = false;
    return dns_sim::WriteResponse(*q, r);
  }
  auto at = rrs_.find(q->name);
  if (at != rrs_.end())
    for (const auto& [type, rdata] : at->second)
      if (type == q->type || q->type == 255)
        r.answers.push_back({q->name, type, 300, rdata});
  if (r.answers.empty()) {
    // An empty non-terminal (a name with records below it) exists too.
    bool exists = at != rrs_.end();
    for (auto it = rrs_.lower_bound(""); !exists && it != rrs_.end(); ++it)
      exists = Below(it->first, q->name);
    if (!exists) r.rcode = dns_sim::kNxDomain;
    r.authority.push_back({zone, dns_type::kSoa, 300, soa_.at(zone)});
  }
  return dns_sim::WriteResponse(*q, r);
}

Result<std::unique_ptr<SimDns>> SimDns::Start(std::vector<SimDnsZone> zones,
                                              const SimDnsOptions& o) {
  std::unique_ptr<SimDns> s(new SimDns);
  RN_RETURN_IF_ERROR(s->Load(std::move(zones)));
  sockaddr_storage addr{};
  socklen_t len = 0;
  const bool v6 = o.host.find(':') != std::string::npos;
  if (v6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(static_cast<uint16_t>(o.port));
    if (inet_pton(AF_INET6, o.host.c_str(), &a->sin6_addr) != 1)
      return Status::InvalidArgument("DNS simulator: bad host " + o.host);
    len = sizeof *a;
  } else {
    auto* a = reinterpret_cast<sockaddr_in*>(&addr);
    a->sin_family = AF_INET;
    a->sin_port = htons(static_cast<uint16_t>(o.port));
    if (inet_pton(AF_INET, o.host.c_str(), &a->sin_addr) != 1)
      return Status::InvalidArgument("DNS simulator: bad host " + o.host);
    len = sizeof *a;
  }
  s->host_ = o.host;
  s->fd_ = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  s->stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (s->fd_ < 0 || s->stop_fd_ < 0 ||
      bind(s->fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      getsockname(s->fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return Status::Unavailable("DNS simulator: cannot listen on " + o.host +
                               ":" + std::to_string(o.port) + ": " +
                               strerror(errno));
  s->port_ = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                      : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  s->thread_ = std::thread([p = s.get()] { p->Serve(); });
  return s;
}

void SimDns::Serve() {
  while (true) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    char buf[1500];
    sockaddr_storage from{};
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(fd_, buf, sizeof buf, 0,
                         reinterpret_cast<sockaddr*>(&from), &len);
    if (n <= 0) continue;
    ++queries_;
    std::string answer = Answer(std::string(buf, static_cast<size_t>(n)));
    if (!answer.empty())
      sendto(fd_, answer.data(), answer.size(), 0,
             reinterpret_cast<sockaddr*>(&from), len);
  }
}

void SimDns::Stop() {
  if (thread_.joinable()) {
    uint64_t one = 1;
    (void)!write(stop_fd_, &one, sizeof one);
    thread_.join();
  }
}

SimDns::~SimDns() {
  Stop();
  if (fd_ >= 0) close(fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
}

std::string SimDns::address() const {
  return (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_) +
         ":" + std::to_string(port_);
}

}  // namespace renumber
