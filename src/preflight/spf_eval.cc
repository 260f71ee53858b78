// CheckHost (spf.h): RFC 7208 §4 and §5 over a Resolver.
#include <algorithm>
#include <optional>

#include "src/core/dns_name.h"
#include "src/preflight/spf.h"
#include "src/preflight/spf_macro.h"
#include "src/preflight/spf_record.h"

namespace renumber {
namespace {

bool InPrefix(const IpAddress& ip, const IpAddress& net, int prefix) {
  const bool v4 = net.EffectiveFamily() == IpAddress::Family::kV4;
  if ((ip.EffectiveFamily() == IpAddress::Family::kV4) != v4) return false;
  const auto& a = ip.bytes16();
  const auto& b = net.bytes16();
  const int offset = v4 ? 12 : 0;
  for (int bit = 0; bit < prefix; ++bit) {
    int byte = offset + bit / 8, mask = 0x80 >> (bit % 8);
    if ((a[byte] & mask) != (b[byte] & mask)) return false;
  }
  return true;
}

SpfResult ResultOf(SpfQualifier q) {
  switch (q) {
    case SpfQualifier::kPass:
      return SpfResult::kPass;
    case SpfQualifier::kFail:
      return SpfResult::kFail;
    case SpfQualifier::kSoftFail:
      return SpfResult::kSoftFail;
    case SpfQualifier::kNeutral:
      return SpfResult::kNeutral;
  }
  return SpfResult::kNeutral;
}

// NXDOMAIN, no record, or a name that cannot even be asked.
bool IsVoid(const Status& s) {
  return s.Is(Code::kNotFound) || s.Is(Code::kInvalidArgument);
}

struct Outcome {
  SpfResult result = SpfResult::kNeutral;
  std::string decided_by;
  std::string reason;
  std::string record;
};

Outcome Error(SpfResult r, std::string reason) {
  Outcome o;
  o.result = r;
  o.reason = std::move(reason);
  return o;
}

class Evaluator {
 public:
  Evaluator(Resolver* r, const SpfQuery& q) : dns_(r), q_(q) {
    v4_ = q.ip.EffectiveFamily() == IpAddress::Family::kV4;
  }

  SpfVerdict Run() {
    Outcome o = CheckDomain(NormalizeDnsName(q_.domain));
    SpfVerdict v;
    v.result = o.result;
    v.record = PrintableDnsText(o.record, 600);
    v.decided_by = o.decided_by;
    v.reason = o.reason;
    v.dns_terms = dns_terms_;
    v.void_lookups = voids_;
    return v;
  }

 private:
  // check_host() for one domain (the query's, or an include / redirect
  // target).
  Outcome CheckDomain(const std::string& domain) {
    if (!IsValidDnsName(domain) || domain.find('.') == std::string::npos)
      return Error(SpfResult::kNone, "'" + PrintableDnsText(domain, 80) +
                                         "' is not a domain name");
    auto txt = dns_->LookupTxt(domain);
    if (!txt.ok() && !IsVoid(txt.status()))
      return Error(SpfResult::kTempError, txt.status().message());
    std::vector<std::string> spf;
    if (txt.ok())
      for (const std::string& t : *txt)
        if (IsSpfRecord(t)) spf.push_back(t);
    if (spf.empty())
      return Error(SpfResult::kNone, domain + " has no SPF record");
    if (spf.size() > 1) {
      Outcome o = Error(SpfResult::kPermError,
                        domain + " has " + std::to_string(spf.size()) +
                            " SPF records (one is allowed)");
      o.record = spf[0];
      return o;
    }
    Outcome o = Evaluate(domain, spf[0]);
    o.record = spf[0];
    return o;
  }

  Outcome Evaluate(const std::string& domain, const std::string& text) {
    auto record = ParseSpfRecord(text);
    if (!record.ok())
      return Error(SpfResult::kPermError, "syntax error in the SPF record of " +
                                              domain + ": " +
                                              record.status().message());
    SpfMacroContext macros{Sender(), domain, Helo(), q_.ip};
    for (const SpfDirective& d : record->directives) {
      bool matched = false;
      if (auto error = Match(d, macros, &matched)) {
        error->decided_by = d.text;
        return *error;
      }
      if (matched) {
        Outcome o;
        o.result = ResultOf(d.qualifier);
        o.decided_by = d.text;
        return o;
      }
    }
    if (!record->redirect) return Outcome{};  // neutral: nothing matched
    if (auto e = CountTerm()) return *e;
    auto target = ExpandSpfDomain(*record->redirect, macros);
    if (!target.ok())
      return Error(SpfResult::kPermError,
                   "redirect=: " + target.status().message());
    Outcome sub = CheckDomain(NormalizeDnsName(*target));
    if (sub.result == SpfResult::kNone)
      sub = Error(SpfResult::kPermError,
                  "redirect=" + *target + ": " + sub.reason);
    sub.decided_by = "redirect=" + *record->redirect;
    return sub;
  }

  // Sets *matched, or returns the error that ends the evaluation.
  std::optional<Outcome> Match(const SpfDirective& d,
                               const SpfMacroContext& macros, bool* matched) {
    if (d.CountsAsLookup())
      if (auto e = CountTerm()) return e;
    std::string target = macros.domain;
    if (!d.domain_spec.empty()) {
      auto t = ExpandSpfDomain(d.domain_spec, macros);
      if (!t.ok())
        return Error(SpfResult::kPermError,
                     "'" + d.text + "': " + t.status().message());
      target = NormalizeDnsName(*t);
    }
    switch (d.mechanism) {
      case SpfMechanism::kAll:
        *matched = true;
        return std::nullopt;
      case SpfMechanism::kIp4:
      case SpfMechanism::kIp6:
        *matched = InPrefix(q_.ip, d.network, d.prefix);
        return std::nullopt;
      case SpfMechanism::kInclude:
        return Include(target, matched);
      case SpfMechanism::kA:
        return AddressMatch(target, v4_ ? d.cidr4 : d.cidr6, true, matched);
      case SpfMechanism::kMx:
        return Mx(target, v4_ ? d.cidr4 : d.cidr6, matched);
      case SpfMechanism::kPtr:
        return Ptr(target, matched);
      case SpfMechanism::kExists:
        return Exists(target, matched);
    }
    return std::nullopt;
  }

  std::optional<Outcome> Include(const std::string& target, bool* matched) {
    Outcome sub = CheckDomain(target);
    switch (sub.result) {
      case SpfResult::kPass:
        *matched = true;
        return std::nullopt;
      case SpfResult::kFail:
      case SpfResult::kSoftFail:
      case SpfResult::kNeutral:
        return std::nullopt;
      case SpfResult::kTempError:
        return sub;
      case SpfResult::kPermError:
        return sub;
      case SpfResult::kNone:
        return Error(SpfResult::kPermError,
                     "include:" + target + ": " + sub.reason);
    }
    return std::nullopt;
  }

  // a: the target's A (IPv4) or AAAA (IPv6) records within the prefix.
  // `count_void`: an empty answer counts as a void lookup (a, not the
  // address lookups of mx).
  std::optional<Outcome> AddressMatch(const std::string& target, int prefix,
                                      bool count_void, bool* matched) {
    auto ips =
        dns_->LookupAddresses(target, v4_ ? RecordType::kA : RecordType::kAaaa);
    if (!ips.ok()) {
      if (!IsVoid(ips.status()))
        return Error(SpfResult::kTempError, ips.status().message());
      return count_void ? CountVoid() : std::nullopt;
    }
    for (const IpAddress& ip : *ips)
      if (InPrefix(q_.ip, ip, prefix)) *matched = true;
    return std::nullopt;
  }

  std::optional<Outcome> Mx(const std::string& target, int prefix,
                            bool* matched) {
    auto mx = dns_->LookupMx(target);
    if (!mx.ok()) {
      if (!IsVoid(mx.status()))
        return Error(SpfResult::kTempError, mx.status().message());
      return CountVoid();
    }
    if (mx->size() > 10)
      return Error(SpfResult::kPermError,
                   "mx:" + target + " has " + std::to_string(mx->size()) +
                       " MX records (at most 10 may be looked up)");
    for (const MxRecord& r : *mx) {
      if (auto e = AddressMatch(r.host, prefix, false, matched)) return e;
      if (*matched) break;
    }
    return std::nullopt;
  }

  // ptr (§5.5): the IP's PTR names that resolve back to it and are the
  // target or below it. DNS errors here only make it not match.
  std::optional<Outcome> Ptr(const std::string& target, bool* matched) {
    auto names = dns_->LookupPtr(q_.ip);
    if (!names.ok()) return IsVoid(names.status()) ? CountVoid() : std::nullopt;
    size_t n = std::min<size_t>(names->size(), 10);
    for (size_t i = 0; i < n && !*matched; ++i) {
      const std::string& name = (*names)[i];
      auto ips =
          dns_->LookupAddresses(name, v4_ ? RecordType::kA : RecordType::kAaaa);
      if (!ips.ok()) continue;
      bool back = std::find(ips->begin(), ips->end(), q_.ip) != ips->end();
      *matched = back && IsAtOrBelow(name, target);
    }
    return std::nullopt;
  }

  // exists: any A record, whatever the IP's family (§5.7).
  std::optional<Outcome> Exists(const std::string& target, bool* matched) {
    auto ips = dns_->LookupAddresses(target, RecordType::kA);
    if (!ips.ok()) {
      if (!IsVoid(ips.status()))
        return Error(SpfResult::kTempError, ips.status().message());
      return CountVoid();
    }
    *matched = true;
    return std::nullopt;
  }

  std::optional<Outcome> CountTerm() {
    if (++dns_terms_ <= kSpfMaxDnsTerms) return std::nullopt;
    return Error(SpfResult::kPermError,
                 "more than 10 DNS lookups (include, a, mx, ptr, exists, "
                 "redirect) in the SPF evaluation");
  }

  std::optional<Outcome> CountVoid() {
    if (++voids_ <= kSpfMaxVoidLookups) return std::nullopt;
    return Error(SpfResult::kPermError,
                 "more than 2 DNS lookups found nothing (void lookups)");
  }

  std::string Sender() const {
    return q_.sender.empty() ? "postmaster@" + NormalizeDnsName(q_.domain)
                             : q_.sender;
  }
  std::string Helo() const {
    return q_.helo.empty() ? NormalizeDnsName(q_.domain) : q_.helo;
  }

  Resolver* dns_;
  const SpfQuery& q_;
  bool v4_ = true;
  int dns_terms_ = 0;
  int voids_ = 0;
};

}  // namespace

const char* SpfResultName(SpfResult r) {
  switch (r) {
    case SpfResult::kNone:
      return "none";
    case SpfResult::kNeutral:
      return "neutral";
    case SpfResult::kPass:
      return "pass";
    case SpfResult::kFail:
      return "fail";
    case SpfResult::kSoftFail:
      return "softfail";
    case SpfResult::kTempError:
      return "temperror";
    case SpfResult::kPermError:
      return "permerror";
  }
  return "?";
}

SpfVerdict CheckHost(Resolver* resolver, const SpfQuery& query) {
  return Evaluator(resolver, query).Run();
}

}  // namespace renumber
