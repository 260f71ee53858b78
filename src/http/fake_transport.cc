#include "src/http/fake_transport.h"

#include "src/http/redact.h"

namespace renumber {

void FakeTransport::Push(Result<HttpResponse> result) {
  std::lock_guard<std::mutex> l(mu_);
  queue_.push_back(std::move(result));
}

void FakeTransport::PushResponse(int status, std::string body,
                                 Headers headers) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  Push(std::move(r));
}

void FakeTransport::SetHandler(Handler handler) {
  std::lock_guard<std::mutex> l(mu_);
  handler_ = std::move(handler);
}

Result<HttpResponse> FakeTransport::Send(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard<std::mutex> l(mu_);
    requests_.push_back(request);
    if (!queue_.empty()) {
      Result<HttpResponse> r = std::move(queue_.front());
      queue_.pop_front();
      return r;
    }
    handler = handler_;
  }
  // The handler runs unlocked so it may block or call back into the fake.
  if (handler) return handler(request);
  return Status::Internal("FakeTransport: no scripted answer for " +
                          request.method + " " + RedactUrl(request.url));
}

std::vector<HttpRequest> FakeTransport::requests() const {
  std::lock_guard<std::mutex> l(mu_);
  return requests_;
}

size_t FakeTransport::request_count() const {
  std::lock_guard<std::mutex> l(mu_);
  return requests_.size();
}

}  // namespace renumber
