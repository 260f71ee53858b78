#include "src/probe/fake_http_probe.h"

#include "src/core/ip.h"

namespace renumber {
namespace {

std::string Canonical(const std::string& ip) {
  auto parsed = IpAddress::Parse(ip);
  return parsed.ok() ? parsed->ToString() : ip;
}

}  // namespace

OriginAnswer MakeAnswer(int status, const std::string& content_type,
                        const std::string& body) {
  OriginAnswer a;
  a.status = status;
  a.content_type = content_type;
  a.body = body;
  a.body_sha256 = Sha256Hex(body);
  if (content_type == "text/html") a.title = HtmlTitle(body);
  return a;
}

OriginAnswer HtmlPage(const std::string& title, const std::string& body,
                      int status) {
  return MakeAnswer(status, "text/html",
                    "<html><head><title>" + title + "</title></head><body>" +
                        body + "</body></html>");
}

void FakeHttpProber::Set(const std::string& ip, int port,
                         Result<OriginAnswer> answer) {
  std::lock_guard<std::mutex> l(mu_);
  answers_.insert_or_assign(Key{Canonical(ip), port, "", ""},
                            std::move(answer));
}

void FakeHttpProber::SetFor(const std::string& ip, int port,
                            const std::string& host, const std::string& path,
                            Result<OriginAnswer> answer) {
  std::lock_guard<std::mutex> l(mu_);
  answers_.insert_or_assign(Key{Canonical(ip), port, host, path},
                            std::move(answer));
}

void FakeHttpProber::Clear() {
  std::lock_guard<std::mutex> l(mu_);
  answers_.clear();
}

Result<OriginAnswer> FakeHttpProber::Probe(const OriginRequest& r) {
  std::lock_guard<std::mutex> l(mu_);
  requests_.push_back(r);
  const std::string ip = Canonical(r.ip);
  auto it = answers_.find(Key{ip, r.port, r.host, r.path});
  if (it == answers_.end()) it = answers_.find(Key{ip, r.port, "", ""});
  if (it == answers_.end())
    return Status::Unavailable("connect: Connection refused (" + ip + ":" +
                               std::to_string(r.port) + ")");
  return it->second;
}

std::vector<OriginRequest> FakeHttpProber::requests() const {
  std::lock_guard<std::mutex> l(mu_);
  return requests_;
}

size_t FakeHttpProber::count() const {
  std::lock_guard<std::mutex> l(mu_);
  return requests_.size();
}

}  // namespace renumber
