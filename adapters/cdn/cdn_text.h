// The one-line English and Japanese texts of the CDN adapter: change
// descriptions, findings, notes and probe results. Japanese uses the
// provider's terms (オリジンサーバー, 基盤変更メンテナンス).
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_TEXT_H_
#define RENUMBER_ADAPTERS_CDN_CDN_TEXT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/cdn/cdn_changes.h"
#include "src/model/model.h"

namespace renumber::cdn {

// "www.example.co.jp (SU1Z0isxPaozGVKXdv0eY)"
std::string ServiceLabel(const std::string& name, const std::string& id);

// A change of `kind` with its params; params carry "service" (the label)
// and the fields of the step (cdn_changes.h).
Text DescribeChange(ChangeKind kind, const nlohmann::json& params);

Text OldReferenceText(const std::string& service, int version,
                      const std::string& backend, const std::string& ip);
Text NewReferenceText(const std::string& service, int version,
                      const std::string& backend, const std::string& ip);
Text DnsDependentText(const std::string& service, const std::string& backend,
                      const std::string& host, const std::string& old_ip);
Text HiddenOriginText(const std::string& service, const std::string& where);
Text StagedText(const std::string& service, int staged, int base, bool stale,
                int active);
Text DraftNoteText(const std::string& service, int draft, int active);
Text NoActiveVersionText(const std::string& service);
Text ProjectedCutoverText();
Text NothingToChangeText();
// A `missing` account: neither IP is an origin server; `in_use` lists the
// addresses its active versions use ("-" when none).
Text AddressesInUseText(const std::string& old_ip, const std::string& new_ip,
                        const std::string& in_use);
// The header of a staged version's diff (Discovery.appendix).
Text DiffHeaderText(const std::string& service, int staged, int active);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_TEXT_H_
