#include "adapters/cdn/cdn_probe.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

std::string Short(const OriginAnswer& a) {
  std::string s = std::to_string(a.status);
  if (!a.content_type.empty()) s += " " + a.content_type;
  if (!a.title.empty()) s += " '" + a.title + "'";
  return s;
}

std::string ShortBaseline(const Baseline& b) {
  std::string s = std::to_string(b.status);
  if (!b.content_type.empty()) s += " " + b.content_type;
  if (!b.title.empty()) s += " '" + b.title + "'";
  return s;
}

// What differs between a new answer and the old one ("" when nothing the
// gate looks at).
std::string GateDifference(const OriginAnswer& n, const Baseline& old) {
  std::string out;
  auto add = [&out](const std::string& s) {
    out += (out.empty() ? "" : ", ") + s;
  };
  if (n.status / 100 != old.status / 100)
    add("status " + std::to_string(n.status) + " vs " +
        std::to_string(old.status));
  if (n.content_type != old.content_type)
    add("Content-Type " + n.content_type + " vs " + old.content_type);
  if (n.content_type == "text/html" && n.title != old.title)
    add("title '" + n.title + "' vs '" + old.title + "'");
  return out;
}

Baseline FromAnswer(const OriginAnswer& a) {
  return {a.status, a.content_type, a.title, a.body_sha256, ""};
}

}  // namespace

std::vector<OriginProbe> ProbesFor(const ServiceSnapshot& s,
                                   const std::vector<std::string>& names,
                                   const Target& t,
                                   std::vector<std::string>* skipped) {
  std::vector<OriginProbe> out;
  for (const std::string& name : names) {
    const Backend* b = s.active.FindBackend(name);
    if (!b) continue;
    const std::string host = !b->override_host.empty() ? b->override_host
                             : s.active.domains.empty()
                                 ? ""
                                 : s.active.domains.front();
    if (host.empty()) {
      skipped->push_back(name);
      continue;
    }
    OriginRequest r;
    r.port = b->port;
    r.tls = b->use_ssl;
    r.host = host;
    r.sni = !b->ssl_sni_hostname.empty()    ? b->ssl_sni_hostname
            : !b->ssl_cert_hostname.empty() ? b->ssl_cert_hostname
                                            : host;
    r.cert_host = !b->ssl_cert_hostname.empty() ? b->ssl_cert_hostname : r.sni;
    r.check_cert = b->ssl_check_cert;
    r.path = t.check_path.empty() ? "/" : t.check_path;
    OriginProbe p{s.id, s.label(), name, r, r};
    p.at_new.ip = t.new_ip.ToString();
    p.at_old.ip = t.old_ip.ToString();
    out.push_back(p);
  }
  return out;
}

json OldAnswerRecord(const OriginProbe& p, const OriginAnswer& a,
                     Timestamp at) {
  return {{"kind", "old-origin"},  {"service_id", p.service_id},
          {"backend", p.backend},  {"host", p.at_old.host},
          {"path", p.at_old.path}, {"port", p.at_old.port},
          {"status", a.status},    {"content_type", a.content_type},
          {"title", a.title},      {"sha256", a.body_sha256},
          {"at", at.ToRfc3339()}};
}

std::optional<Baseline> RecordedBaseline(const json& records,
                                         const OriginProbe& p) {
  std::optional<Baseline> found;
  if (!records.is_array()) return found;
  for (const json& batch : records) {
    if (!batch.is_array()) continue;
    for (const json& r : batch) {
      if (!r.is_object() || r.value("kind", "") != "old-origin" ||
          r.value("service_id", "") != p.service_id ||
          r.value("backend", "") != p.backend ||
          r.value("host", "") != p.at_old.host ||
          r.value("path", "") != p.at_old.path ||
          r.value("port", 0) != p.at_old.port)
        continue;
      found = Baseline{r.value("status", 0), r.value("content_type", ""),
                       r.value("title", ""), r.value("sha256", ""),
                       r.value("at", "")};  // the latest wins
    }
  }
  return found;
}

ProbeOutcome CompareOrigins(const OriginProbe& p,
                            const Result<OriginAnswer>& at_new,
                            const Result<OriginAnswer>& at_old,
                            const std::optional<Baseline>& recorded,
                            const Target& t) {
  ProbeOutcome out;
  const std::string where = p.service + " " + p.backend + " (" +
                            (p.at_new.tls ? "https://" : "http://") +
                            p.at_new.host + p.at_new.path + ")";
  if (!at_new.ok() && !at_old.ok()) {
    out.kind = "both-down";
    out.detail = {"both origins down: new: " + at_new.status().message() +
                      "; old: " + at_old.status().message(),
                  "新旧どちらのオリジンサーバーも応答しません: " +
                      at_new.status().message()};
  } else if (!at_new.ok()) {
    out.kind = "new-down";
    out.detail = {
        "new origin down: " + at_new.status().message() + " (old answers " +
            Short(*at_old) + ")",
        "新しいオリジンサーバーが応答しません: " + at_new.status().message()};
  } else if (!at_old.ok()) {
    out.kind = "old-down";
    out.detail = {
        "old origin down (" + at_old.status().message() + "); new answers " +
            Short(*at_new),
        "旧オリジンサーバーは応答しません。新しいオリジンサーバーの応答: " +
            Short(*at_new)};
  } else {
    const std::string gate = GateDifference(*at_new, FromAnswer(*at_old));
    const bool same_body = at_new->body_sha256 == at_old->body_sha256 &&
                           at_new->status == at_old->status;
    out.kind = gate.empty() && same_body ? "same" : "differs";
    if (out.kind == "same") {
      out.detail = {
          "same answer on the new and old origins (" + Short(*at_new) + ")",
          "新旧のオリジンサーバーが同じ応答を返しました(" + Short(*at_new) +
              ")"};
    } else {
      const std::string what = gate.empty() ? "the body differs" : gate;
      out.detail = {"differs from the old origin: " + what,
                    "旧オリジンサーバーと応答が異なります: " + what};
    }
  }
  // The gate.
  if (!at_new.ok()) {
    out.why = {where + ": the new origin does not answer (" +
                   at_new.status().message() + ")",
               where + ": 新しいオリジンサーバーが応答しません"};
    return out;
  }
  if (!t.check_text.empty()) {
    const bool found = at_new->status < 400 &&
                       at_new->body.find(t.check_text) != std::string::npos;
    out.ready = found;
    if (!found)
      out.why = {where + ": the page does not contain '" + t.check_text +
                     "' (" + Short(*at_new) + ")",
                 where + ": ページに '" + t.check_text +
                     "' が含まれていません(" + Short(*at_new) + ")"};
    return out;
  }
  std::optional<Baseline> old =
      at_old.ok() ? std::optional<Baseline>(FromAnswer(*at_old)) : recorded;
  if (!old) {
    out.why = {
        where +
            ": no record of what the old origin answered (run verify "
            "before the maintenance, or give --check-path and "
            "--check-text)",
        where +
            ": 旧オリジンサーバーの応答の記録がありません（メンテナンス前に "
            "verify を実行するか、--check-path と --check-text を"
            "指定してください）"};
    return out;
  }
  const std::string diff = GateDifference(*at_new, *old);
  out.ready = diff.empty();
  if (!out.ready) {
    const std::string against =
        old->at.empty() ? "the old origin now"
                        : "the old origin's answer recorded at " + old->at +
                              " (" + ShortBaseline(*old) + ")";
    out.why = {
        where + ": the new origin does not answer for the site yet: " + diff +
            " (compared with " + against + ")",
        where + ": 新しいオリジンサーバーがまだサイトの内容を返していません: " +
            diff};
  }
  return out;
}

}  // namespace renumber::cdn
