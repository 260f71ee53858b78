// Form fields of backend and healthcheck writes (cdn.md "Objects"): each
// known field is parsed and checked, unknown fields are ignored.
//
// Contract:
// - Apply*Form changes only the fields present in `form`, except "name"
//   (the caller handles creation and renames). On any invalid value it
//   returns kInvalidArgument whose message is the error "detail", and *out
//   may be partly changed: callers apply to a copy.
// - Nullable text fields (override_host, ssl_cert_hostname,
//   ssl_sni_hostname, healthcheck, shield, share_key) become null when sent
//   empty. ipv4 / ipv6 / hostname are never read: they follow `address`.
// - CheckAddress accepts an IPv4 or IPv6 address or an RFC 1123 host name
//   (labels of letters, digits and '-', not all-numeric).
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_FIELDS_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_FIELDS_H_

#include <string_view>

#include "adapters/cdn/simulator/form.h"
#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

Status CheckAddress(std::string_view address);
Status CheckName(std::string_view kind, std::string_view name);
Status ApplyBackendForm(const Form& form, Backend* out);
Status ApplyHealthcheckForm(const Form& form, Healthcheck* out);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_FIELDS_H_
