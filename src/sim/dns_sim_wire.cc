#include "src/sim/dns_sim_wire.h"

#include <arpa/inet.h>

#include <cstdlib>

namespace renumber::dns_sim {
namespace {

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}

void Put32(std::string* out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v >> 16));
  Put16(out, static_cast<uint16_t>(v & 0xffff));
}

uint16_t Get16(const std::string& p, size_t at) {
  return static_cast<uint16_t>((static_cast<uint8_t>(p[at]) << 8) |
                               static_cast<uint8_t>(p[at + 1]));
}

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

void PutRecord(std::string* out, const ResourceRecord& rr) {
  auto name = WireName(rr.name);
  *out += name.ok() ? *name : std::string(1, '\0');
  Put16(out, rr.type);
  Put16(out, 1);  // IN
  Put32(out, rr.ttl);
  Put16(out, static_cast<uint16_t>(rr.rdata.size()));
  *out += rr.rdata;
}

// Header: id, flags (QR, opcode 0, AA, TC, RD echoed, RA 0, rcode),
// counts.
std::string Header(uint16_t id, bool aa, bool tc, bool rd, Rcode rcode,
                   uint16_t qd, uint16_t an, uint16_t ns) {
  std::string h;
  Put16(&h, id);
  uint16_t flags = 0x8000 | (aa ? 0x0400 : 0) | (tc ? 0x0200 : 0) |
                   (rd ? 0x0100 : 0) | rcode;
  Put16(&h, flags);
  Put16(&h, qd);
  Put16(&h, an);
  Put16(&h, ns);
  Put16(&h, 0);
  return h;
}

}  // namespace

Result<Query> ReadQuery(const std::string& p, uint16_t* id_out) {
  if (p.size() < kHeaderSize)
    return Status::InvalidArgument("shorter than a DNS header");
  Query q;
  q.id = Get16(p, 0);
  *id_out = q.id;
  const uint16_t flags = Get16(p, 2);
  if (flags & 0x8000) return Status::InvalidArgument("a response, not a query");
  if ((flags >> 11) & 0xf) return Status::InvalidArgument("not a QUERY");
  q.recursion_desired = flags & 0x0100;
  if (Get16(p, 4) != 1 || Get16(p, 6) != 0 || Get16(p, 8) != 0)
    return Status::InvalidArgument("expected one question and no answers");
  size_t at = kHeaderSize, total = 0;
  while (true) {
    if (at >= p.size()) return Status::InvalidArgument("truncated name");
    const uint8_t len = static_cast<uint8_t>(p[at++]);
    if (len == 0) break;
    if (len > 63) return Status::InvalidArgument("label over 63 bytes");
    if (at + len > p.size()) return Status::InvalidArgument("truncated label");
    total += len + 1;
    if (total > 255) return Status::InvalidArgument("name over 255 bytes");
    if (!q.name.empty()) q.name += '.';
    for (size_t i = 0; i < len; ++i) q.name += Lower(p[at + i]);
    at += len;
  }
  if (at + 4 > p.size()) return Status::InvalidArgument("truncated question");
  q.type = Get16(p, at);
  q.klass = Get16(p, at + 2);
  at += 4;
  q.question = p.substr(kHeaderSize, at - kHeaderSize);
  return q;
}

std::string WriteResponse(const Query& q, const Response& r) {
  std::string body = q.question;
  for (const ResourceRecord& rr : r.answers) PutRecord(&body, rr);
  for (const ResourceRecord& rr : r.authority) PutRecord(&body, rr);
  if (kHeaderSize + body.size() > kMaxUdpAnswer)
    return Header(q.id, r.authoritative, true, q.recursion_desired, r.rcode, 1,
                  0, 0) +
           q.question;
  return Header(q.id, r.authoritative, false, q.recursion_desired, r.rcode, 1,
                static_cast<uint16_t>(r.answers.size()),
                static_cast<uint16_t>(r.authority.size())) +
         body;
}

std::string WriteFormErr(uint16_t id) {
  return Header(id, false, false, false, kFormErr, 0, 0, 0);
}

Result<std::string> WireName(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (start < name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    const size_t len = dot - start;
    if (len == 0 || len > 63)
      return Status::InvalidArgument("bad label in '" + name + "'");
    out.push_back(static_cast<char>(len));
    out += name.substr(start, len);
    start = dot + 1;
  }
  out.push_back('\0');
  if (out.size() > 255) return Status::InvalidArgument("name too long");
  return out;
}

Result<std::string> RdataAddress(const std::string& ip, bool v6) {
  unsigned char buf[16];
  if (inet_pton(v6 ? AF_INET6 : AF_INET, ip.c_str(), buf) != 1)
    return Status::InvalidArgument("bad address '" + ip + "'");
  return std::string(reinterpret_cast<char*>(buf), v6 ? 16 : 4);
}

Result<std::string> RdataName(const std::string& host) {
  return WireName(host);
}

Result<std::string> RdataMx(const std::string& preference_host) {
  size_t space = preference_host.find(' ');
  if (space == std::string::npos)
    return Status::InvalidArgument("MX value must be 'PREFERENCE HOST'");
  std::string out;
  Put16(&out, static_cast<uint16_t>(
                  std::atoi(preference_host.substr(0, space).c_str())));
  auto host = WireName(preference_host.substr(space + 1));
  if (!host.ok()) return host.status();
  return out + *host;
}

std::string RdataTxt(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() || i == 0; i += 255) {
    std::string part = text.substr(i, 255);
    out.push_back(static_cast<char>(part.size()));
    out += part;
    if (text.empty()) break;
  }
  return out;
}

Result<std::string> RdataSoa(const std::string& zone) {
  auto mname = WireName("ns." + zone);
  auto rname = WireName("hostmaster." + zone);
  if (!mname.ok()) return mname.status();
  if (!rname.ok()) return rname.status();
  std::string out = *mname + *rname;
  for (uint32_t v : {1u, 3600u, 600u, 86400u, 300u}) Put32(&out, v);
  return out;
}

}  // namespace renumber::dns_sim
