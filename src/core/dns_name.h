// DNS names as text: the forms every resolver, check and test agrees on.
//
// A name is compared and stored in lower case without a trailing dot
// ("Mail.Example.JP." -> "mail.example.jp"). Reverse names follow RFC 1035
// §3.5 (in-addr.arpa) and RFC 3596 §2.5 (ip6.arpa, nibbles).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_CORE_DNS_NAME_H_
#define RENUMBER_CORE_DNS_NAME_H_

#include <string>
#include <string_view>

#include "src/core/ip.h"

namespace renumber {

// Lower case (ASCII only), one trailing dot removed.
std::string NormalizeDnsName(std::string_view name);

// True for a host-style name we may query: 1-253 characters, labels of
// 1-63 letters, digits, '-' or '_', not starting or ending with '-'. One
// trailing dot is allowed.
bool IsValidDnsName(std::string_view name);

// True when `name` is `parent` or below it ("mail.example.jp" is below
// "example.jp", "myexample.jp" is not). Both normalised.
bool IsAtOrBelow(std::string_view name, std::string_view parent);

// The address's labels in reverse order, without a zone: "10.0.19.198" for
// 198.19.0.10; 32 dot-separated nibbles for IPv6. DNS blocklists put their
// zone after it.
std::string ReversedAddressLabels(const IpAddress& ip);

// The PTR name: "10.0.19.198.in-addr.arpa", "...ip6.arpa".
std::string ReverseDnsName(const IpAddress& ip);

// Text from an untrusted answer made safe to print and to put in JSON:
// printable ASCII kept, every other byte as \xNN, at most `max_chars`
// characters (then "…").
std::string PrintableDnsText(std::string_view text, size_t max_chars = 300);

}  // namespace renumber

#endif  // RENUMBER_CORE_DNS_NAME_H_
