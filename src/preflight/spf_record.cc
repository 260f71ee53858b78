#include "src/preflight/spf_record.h"

#include <cctype>

#include "src/core/dns_name.h"
#include "src/preflight/spf_macro.h"

namespace renumber {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The term is untrusted DNS text: shown printable and bounded.
Status Bad(std::string_view term, const std::string& why,
           const std::string& why_ja) {
  const std::string shown = "'" + PrintableDnsText(term, 80) + "': ";
  return Status::InvalidArgument(shown + why, shown + why_ja);
}

// "0" or a number without leading zeros, at most `max`; -1 otherwise.
int CidrLength(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3) return -1;
  if (digits.size() > 1 && digits[0] == '0') return -1;
  int n = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    n = n * 10 + (c - '0');
  }
  return n <= max ? n : -1;
}

// Splits "domain/24//64" into the domain-spec and the dual CIDR lengths.
Status ParseDualCidr(std::string_view term, std::string_view* arg,
                     SpfDirective* d) {
  size_t dd = arg->rfind("//");
  if (dd != std::string_view::npos) {
    d->cidr6 = CidrLength(arg->substr(dd + 2), 128);
    if (d->cidr6 < 0)
      return Bad(term, "the IPv6 CIDR length must be 0-128",
                 "IPv6 の CIDR 長は 0～128 で指定してください");
    *arg = arg->substr(0, dd);
  }
  size_t slash = arg->rfind('/');
  if (slash != std::string_view::npos) {
    std::string_view digits = arg->substr(slash + 1);
    bool numeric = !digits.empty();
    for (char c : digits)
      numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
    if (numeric) {
      d->cidr4 = CidrLength(digits, 32);
      if (d->cidr4 < 0)
        return Bad(term, "the IPv4 CIDR length must be 0-32",
                   "IPv4 の CIDR 長は 0～32 で指定してください");
      *arg = arg->substr(0, slash);
    }
  }
  return Status::Ok();
}

Status ParseNetwork(std::string_view term, std::string_view arg, bool v4,
                    SpfDirective* d) {
  size_t slash = arg.find('/');
  std::string_view address = arg.substr(0, slash);
  auto ip = IpAddress::Parse(address);
  if (!ip.ok() || (ip->is_v4() != v4))
    return Bad(term, v4 ? "not an IPv4 network" : "not an IPv6 network",
               v4 ? "IPv4 のネットワークではありません"
                  : "IPv6 のネットワークではありません");
  d->network = *ip;
  d->prefix = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    d->prefix = CidrLength(arg.substr(slash + 1), v4 ? 32 : 128);
    if (d->prefix < 0)
      return Bad(
          term,
          v4 ? "the CIDR length must be 0-32" : "the CIDR length must be 0-128",
          v4 ? "CIDR 長は 0～32 で指定してください"
             : "CIDR 長は 0～128 で指定してください");
  }
  return Status::Ok();
}

struct MechanismName {
  const char* name;
  SpfMechanism mechanism;
};
const MechanismName kMechanisms[] = {
    {"all", SpfMechanism::kAll}, {"include", SpfMechanism::kInclude},
    {"a", SpfMechanism::kA},     {"mx", SpfMechanism::kMx},
    {"ptr", SpfMechanism::kPtr}, {"ip4", SpfMechanism::kIp4},
    {"ip6", SpfMechanism::kIp6}, {"exists", SpfMechanism::kExists},
};

Result<SpfDirective> ParseDirective(std::string_view term) {
  SpfDirective d;
  d.text = std::string(term);
  std::string_view rest = term;
  switch (rest[0]) {
    case '+':
      d.qualifier = SpfQualifier::kPass;
      rest.remove_prefix(1);
      break;
    case '-':
      d.qualifier = SpfQualifier::kFail;
      rest.remove_prefix(1);
      break;
    case '~':
      d.qualifier = SpfQualifier::kSoftFail;
      rest.remove_prefix(1);
      break;
    case '?':
      d.qualifier = SpfQualifier::kNeutral;
      rest.remove_prefix(1);
      break;
    default:
      break;
  }
  size_t cut = rest.find_first_of(":/");
  std::string name = Lower(rest.substr(0, cut));
  bool known = false;
  for (const MechanismName& m : kMechanisms)
    if (name == m.name) {
      d.mechanism = m.mechanism;
      known = true;
    }
  if (!known) return Bad(term, "unknown mechanism", "不明なメカニズムです");
  std::string_view arg =
      cut == std::string_view::npos ? std::string_view() : rest.substr(cut);
  bool has_domain = !arg.empty() && arg[0] == ':';
  switch (d.mechanism) {
    case SpfMechanism::kAll:
      if (!arg.empty())
        return Bad(term, "'all' takes no argument",
                   "'all' には引数を指定できません");
      return d;
    case SpfMechanism::kIp4:
    case SpfMechanism::kIp6:
      if (!has_domain)
        return Bad(term, "needs ':' and a network",
                   "':' に続けてネットワークを指定してください");
      RN_RETURN_IF_ERROR(ParseNetwork(term, arg.substr(1),
                                      d.mechanism == SpfMechanism::kIp4, &d));
      return d;
    case SpfMechanism::kInclude:
    case SpfMechanism::kExists:
      if (!has_domain || arg.size() < 2)
        return Bad(term, "needs ':domain'",
                   "':ドメイン名' の形で指定してください");
      d.domain_spec = std::string(arg.substr(1));
      break;
    case SpfMechanism::kPtr:
      if (!arg.empty() && !has_domain)
        return Bad(term, "bad argument", "引数が正しくありません");
      if (has_domain) d.domain_spec = std::string(arg.substr(1));
      break;
    case SpfMechanism::kA:
    case SpfMechanism::kMx:
      RN_RETURN_IF_ERROR(ParseDualCidr(term, &arg, &d));
      if (!arg.empty() && !has_domain)
        return Bad(term, "bad argument", "引数が正しくありません");
      if (has_domain) d.domain_spec = std::string(arg.substr(1));
      break;
  }
  if (has_domain && d.domain_spec.empty())
    return Bad(term, "empty domain after ':'", "':' の後のドメイン名が空です");
  if (Status s = ValidateSpfMacroString(d.domain_spec); !s.ok())
    return Bad(term, s.message(), s.Message(true));
  return d;
}

bool IsModifierName(std::string_view name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' &&
        c != '.')
      return false;
  return true;
}

}  // namespace

bool SpfDirective::CountsAsLookup() const {
  return mechanism == SpfMechanism::kInclude || mechanism == SpfMechanism::kA ||
         mechanism == SpfMechanism::kMx || mechanism == SpfMechanism::kPtr ||
         mechanism == SpfMechanism::kExists;
}

bool IsSpfRecord(std::string_view txt) {
  if (txt.size() < 6 || Lower(txt.substr(0, 6)) != "v=spf1") return false;
  return txt.size() == 6 || txt[6] == ' ';
}

Result<SpfRecord> ParseSpfRecord(std::string_view txt) {
  if (!IsSpfRecord(txt))
    return Status::InvalidArgument(
        "not an SPF record (no 'v=spf1')",
        "SPF レコードではありません（'v=spf1' がありません）");
  SpfRecord record;
  size_t pos = 6;
  while (pos < txt.size()) {
    if (txt[pos] == ' ') {
      ++pos;
      continue;
    }
    size_t end = txt.find(' ', pos);
    std::string_view term =
        txt.substr(pos, end == std::string_view::npos ? std::string_view::npos
                                                      : end - pos);
    pos = end == std::string_view::npos ? txt.size() : end;
    size_t eq = term.find('=');
    size_t colon_or_slash = term.find_first_of(":/");
    if (eq != std::string_view::npos && eq < colon_or_slash &&
        IsModifierName(term.substr(0, eq))) {
      std::string name = Lower(term.substr(0, eq));
      std::string value(term.substr(eq + 1));
      if (Status s = ValidateSpfMacroString(value); !s.ok())
        return Bad(term, s.message(), s.Message(true));
      if (name == "redirect" || name == "exp") {
        auto& slot = name == "redirect" ? record.redirect : record.exp;
        if (slot)
          return Bad(term, "'" + name + "=' appears twice",
                     "'" + name + "=' が 2 回指定されています");
        if (value.empty())
          return Bad(term, "empty domain", "ドメイン名が空です");
        slot = value;
      }
      continue;  // unknown modifiers are ignored (§6)
    }
    RN_ASSIGN_OR_RETURN(SpfDirective d, ParseDirective(term));
    record.directives.push_back(std::move(d));
  }
  return record;
}

}  // namespace renumber
