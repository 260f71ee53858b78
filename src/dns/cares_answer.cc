#include "src/dns/cares_answer.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <cstring>

#include "src/core/dns_name.h"

namespace renumber {
namespace {

Status ParseError(int rc, const std::string& what) {
  if (rc == ARES_ENODATA)
    return Status::NotFound(what + ": no such record",
                            what + ": 該当するレコードがありません");
  return Status::Unavailable(
      what + ": malformed answer (" + ares_strerror(rc) + ")",
      what + ": 応答の形式が正しくありません（" + ares_strerror(rc) + "）");
}

// A name from an answer, or "" when it is no usable host name.
std::string AnswerName(const char* raw) {
  if (!raw) return "";
  std::string name = NormalizeDnsName(raw);
  return name.size() <= 253 ? name : "";
}

void AddName(std::vector<std::string>* names, const char* raw) {
  std::string name = AnswerName(raw);
  if (name.empty() || names->size() >= kMaxRecordsPerAnswer) return;
  if (std::find(names->begin(), names->end(), name) == names->end())
    names->push_back(name);
}

Result<DnsAnswer> ParseA(const std::vector<unsigned char>& r,
                         const std::string& what) {
  ares_addrttl ttls[kMaxRecordsPerAnswer];
  int n = static_cast<int>(kMaxRecordsPerAnswer);
  hostent* host = nullptr;
  int rc =
      ares_parse_a_reply(r.data(), static_cast<int>(r.size()), &host, ttls, &n);
  if (host) ares_free_hostent(host);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a;
  for (int i = 0; i < n; ++i)
    a.addresses.push_back(IpAddress::V4(ntohl(ttls[i].ipaddr.s_addr)));
  return a;
}

Result<DnsAnswer> ParseAaaa(const std::vector<unsigned char>& r,
                            const std::string& what) {
  ares_addr6ttl ttls[kMaxRecordsPerAnswer];
  int n = static_cast<int>(kMaxRecordsPerAnswer);
  hostent* host = nullptr;
  int rc = ares_parse_aaaa_reply(r.data(), static_cast<int>(r.size()), &host,
                                 ttls, &n);
  if (host) ares_free_hostent(host);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a;
  for (int i = 0; i < n; ++i) {
    std::array<uint8_t, 16> b;
    std::memcpy(b.data(), &ttls[i].ip6addr, 16);
    a.addresses.push_back(IpAddress::V6(b));
  }
  return a;
}

Result<DnsAnswer> ParseMx(const std::vector<unsigned char>& r,
                          const std::string& what) {
  ares_mx_reply* mx = nullptr;
  int rc = ares_parse_mx_reply(r.data(), static_cast<int>(r.size()), &mx);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a;
  for (ares_mx_reply* m = mx; m && a.mx.size() < kMaxRecordsPerAnswer;
       m = m->next) {
    std::string host = AnswerName(m->host);
    if (!host.empty()) a.mx.push_back({m->priority, host});
  }
  ares_free_data(mx);
  return a;
}

// NS and PTR come back as a hostent: the names in h_aliases (PTR: the
// last one also in h_name).
DnsAnswer NamesOf(const hostent* h) {
  DnsAnswer a;
  for (char** alias = h->h_aliases; alias && *alias; ++alias)
    AddName(&a.names, *alias);
  if (a.names.empty()) AddName(&a.names, h->h_name);
  return a;
}

Result<DnsAnswer> ParseNs(const std::vector<unsigned char>& r,
                          const std::string& what) {
  hostent* h = nullptr;
  int rc = ares_parse_ns_reply(r.data(), static_cast<int>(r.size()), &h);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a = NamesOf(h);
  ares_free_hostent(h);
  return a;
}

Result<DnsAnswer> ParsePtr(const std::vector<unsigned char>& r,
                           const std::string& what) {
  // c-ares only copies the address into h_addr_list, which is not used:
  // the names are matched against the question's name.
  const unsigned char unused[16] = {};
  hostent* h = nullptr;
  int rc = ares_parse_ptr_reply(r.data(), static_cast<int>(r.size()), unused,
                                16, AF_INET6, &h);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a = NamesOf(h);
  ares_free_hostent(h);
  return a;
}

Result<DnsAnswer> ParseTxt(const std::vector<unsigned char>& r,
                           const std::string& what) {
  ares_txt_ext* txt = nullptr;
  int rc = ares_parse_txt_reply_ext(r.data(), static_cast<int>(r.size()), &txt);
  if (rc != ARES_SUCCESS) return ParseError(rc, what);
  DnsAnswer a;
  for (ares_txt_ext* t = txt; t; t = t->next) {
    if (t->record_start) {
      if (a.texts.size() >= kMaxRecordsPerAnswer) break;
      a.texts.emplace_back();
    }
    if (a.texts.empty()) a.texts.emplace_back();  // defensive: no start flag
    std::string& s = a.texts.back();
    size_t room = kMaxTxtBytes - std::min(s.size(), kMaxTxtBytes);
    s.append(reinterpret_cast<const char*>(t->txt),
             std::min<size_t>(t->length, room));
  }
  ares_free_data(txt);
  return a;
}

}  // namespace

Result<DnsAnswer> ParseCaresAnswer(RecordType type,
                                   const std::vector<unsigned char>& reply,
                                   const std::string& what) {
  Result<DnsAnswer> a = Status::Internal(what + ": unknown record type",
                                         what + ": 不明なレコードの種類です");
  switch (type) {
    case RecordType::kA:
      a = ParseA(reply, what);
      break;
    case RecordType::kAaaa:
      a = ParseAaaa(reply, what);
      break;
    case RecordType::kMx:
      a = ParseMx(reply, what);
      break;
    case RecordType::kNs:
      a = ParseNs(reply, what);
      break;
    case RecordType::kTxt:
      a = ParseTxt(reply, what);
      break;
    case RecordType::kPtr:
      a = ParsePtr(reply, what);
      break;
  }
  if (a.ok() && a->size() == 0)
    return Status::NotFound(
        what + ": no usable " + RecordTypeName(type) + " record",
        what + ": 利用できる " + RecordTypeName(type) +
            " レコードがありません");
  return a;
}

}  // namespace renumber
