// The DNS simulator's own reading and writing of DNS messages (RFC 1035
// §4), written from the RFC alone: it shares no code with the c-ares
// client, so that a misreading of the format fails a test instead of
// hiding in both.
//
// Queries are read strictly (one question, standard query, no
// compression in the question, labels of 1-63 bytes, names of at most 255
// bytes); anything else is malformed and gets FORMERR, or nothing when
// even the header is short. Answers are written without name compression;
// an answer longer than 512 bytes is cut to its question with TC set.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_SIM_DNS_SIM_WIRE_H_
#define RENUMBER_SIM_DNS_SIM_WIRE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber::dns_sim {

constexpr size_t kHeaderSize = 12;
constexpr size_t kMaxUdpAnswer = 512;

enum Rcode : uint8_t {
  kNoError = 0,
  kFormErr = 1,
  kServFail = 2,
  kNxDomain = 3,
  kNotImp = 4,
  kRefused = 5
};

struct Query {
  uint16_t id = 0;
  bool recursion_desired = false;
  std::string name;  // lower case, no trailing dot; "" for the root
  uint16_t type = 0;
  uint16_t klass = 0;
  std::string question;  // the question section's bytes, as received
};

// kInvalidArgument for a malformed query (answer FORMERR with the id, when
// at least the header was there: `*id_out` is set then).
Result<Query> ReadQuery(const std::string& packet, uint16_t* id_out);

struct ResourceRecord {
  std::string name;
  uint16_t type = 0;
  uint32_t ttl = 300;
  std::string rdata;  // already in wire form (the Rdata* functions)
};

struct Response {
  Rcode rcode = kNoError;
  bool authoritative = true;
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authority;
};

std::string WriteResponse(const Query& query, const Response& response);
// FORMERR for a query that could not be read.
std::string WriteFormErr(uint16_t id);

// RDATA in wire form. Invalid input (a bad address, a label over 63
// bytes) gives kInvalidArgument.
Result<std::string> WireName(const std::string& name);
Result<std::string> RdataAddress(const std::string& ip, bool v6);
Result<std::string> RdataName(const std::string& host);           // NS, PTR
Result<std::string> RdataMx(const std::string& preference_host);  // "10 mx"
std::string RdataTxt(const std::string& text);  // 255-byte strings
Result<std::string> RdataSoa(const std::string& zone);

}  // namespace renumber::dns_sim

#endif  // RENUMBER_SIM_DNS_SIM_WIRE_H_
