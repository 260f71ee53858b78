// The records of one type in a raw DNS reply, through c-ares's parsers
// (ares_parse_*_reply), bounded as the Resolver contract says: at most
// kMaxRecordsPerAnswer records, TXT records of at most kMaxTxtBytes
// (longer ones are cut there), names lower case without the trailing dot
// and no longer than 253 characters. CNAMEs in the answer are followed by
// the parsers (A, AAAA, PTR).
//
// Errors: kNotFound when the reply holds no record of the type (an
// answer of CNAMEs only, say), kUnavailable naming `what` when the reply
// is malformed. Pure functions; thread-safe.
#ifndef RENUMBER_DNS_CARES_ANSWER_H_
#define RENUMBER_DNS_CARES_ANSWER_H_

#include <string>
#include <vector>

#include "src/core/resolver.h"

namespace renumber {

// `what` names the question in error messages ("DNS MX example.jp").
Result<DnsAnswer> ParseCaresAnswer(RecordType type,
                                   const std::vector<unsigned char>& reply,
                                   const std::string& what);

}  // namespace renumber

#endif  // RENUMBER_DNS_CARES_ANSWER_H_
