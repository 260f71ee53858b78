// A scripted HttpTransport for unit tests: answers from a queue of canned
// results (or a handler function) and records every request it saw.
// Thread-safe.
#ifndef RENUMBER_HTTP_FAKE_TRANSPORT_H_
#define RENUMBER_HTTP_FAKE_TRANSPORT_H_

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "src/http/transport.h"

namespace renumber {

class FakeTransport : public HttpTransport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  // Queued results are used first, in order; then the handler; with
  // neither, Send returns kInternal.
  void Push(Result<HttpResponse> result);
  void PushResponse(int status, std::string body = "", Headers headers = {});
  void SetHandler(Handler handler);

  Result<HttpResponse> Send(const HttpRequest& request) override;
  std::vector<HttpRequest> requests() const;
  size_t request_count() const;

 private:
  mutable std::mutex mu_;
  std::deque<Result<HttpResponse>> queue_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

}  // namespace renumber

#endif  // RENUMBER_HTTP_FAKE_TRANSPORT_H_
