// Our own probes of the origins a CDN migration moves (cdn.md "Verify"):
// for each moved backend, the request the CDN itself would send — to the
// new IP and to the old IP, on the backend's port, over TLS when it uses
// TLS, with the site's Host (override_host, else the service's first
// domain; never the service's free-text name), SNI ssl_sni_hostname and
// the certificate checked against ssl_cert_hostname when ssl_check_cert —
// and how the answers compare: same, differs (what), new-down, old-down.
//
// The cut-over gate for one backend: the new origin answers for the site,
// not with a placeholder — by default the same status class, Content-Type
// and, for HTML, <title> as the old origin (answering now, or as recorded
// before the maintenance: OldAnswerRecord, kept in the journal); with an
// operator's check (Target.check_path / check_text) the page at that path
// answers below 400 and contains that text.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_PROBE_H_
#define RENUMBER_ADAPTERS_CDN_CDN_PROBE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_state.h"
#include "src/core/time.h"
#include "src/model/model.h"
#include "src/probe/http_probe.h"

namespace renumber::cdn {

struct OriginProbe {
  std::string service_id;
  std::string service;  // label
  std::string backend;
  OriginRequest at_new;
  OriginRequest at_old;
};

// The probes of the backends `names` of service `s` ("" host: none made;
// *skipped gets the backend names without a host to send).
std::vector<OriginProbe> ProbesFor(const ServiceSnapshot& s,
                                   const std::vector<std::string>& names,
                                   const Target& t,
                                   std::vector<std::string>* skipped);

// What the old origin answered, for the journal.
nlohmann::json OldAnswerRecord(const OriginProbe& p, const OriginAnswer& a,
                               Timestamp at);

struct Baseline {
  int status = 0;
  std::string content_type;
  std::string title;
  std::string sha256;
  std::string at;  // when it was recorded, "" for a live answer
};
// The latest recorded old answer for `p` among the journal's records (each
// record: an array of OldAnswerRecord).
std::optional<Baseline> RecordedBaseline(const nlohmann::json& records,
                                         const OriginProbe& p);

struct ProbeOutcome {
  std::string kind;    // "same", "differs", "new-down", "old-down", "both-down"
  Text detail;         // what was found, for humans
  bool ready = false;  // the cut-over gate for this backend
  Text why;            // when not ready
};

ProbeOutcome CompareOrigins(const OriginProbe& p,
                            const Result<OriginAnswer>& at_new,
                            const Result<OriginAnswer>& at_old,
                            const std::optional<Baseline>& recorded,
                            const Target& t);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_PROBE_H_
