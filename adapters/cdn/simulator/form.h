// application/x-www-form-urlencoded bodies as the CDN simulator reads them
// (docs/cdn-contract.md "Transport"). Written from the contract and the WHATWG
// URL standard, independently of any adapter's encoder.
//
// Contract:
// - ParseForm splits on '&', then on the first '='; '+' is a space and %XX
//   is a byte. An empty body is an empty form; a pair without '=' has an
//   empty value; empty pairs ("a=1&&b=2") are skipped. A malformed escape
//   ("%G1", a trailing "%4") is kInvalidArgument. A repeated field keeps its
//   last value.
// - ParseFormBool accepts exactly "true", "false", "1", "0".
// - ParseFormInt accepts an optional '-' and decimal digits fitting in int.
// Values; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_FORM_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_FORM_H_

#include <map>
#include <string>
#include <string_view>

#include "src/core/status.h"

namespace renumber::cdnsim {

using Form = std::map<std::string, std::string>;

// %XX escapes; '+' is a space only when plus_as_space (forms, not paths).
Result<std::string> PercentDecode(std::string_view text, bool plus_as_space);
Result<std::string> FormDecode(std::string_view text);
Result<Form> ParseForm(std::string_view body);
Result<bool> ParseFormBool(std::string_view text);
Result<int> ParseFormInt(std::string_view text);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_FORM_H_
