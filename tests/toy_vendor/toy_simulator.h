// The toy vendor's simulator: an in-process HTTP handler (for
// FakeTransport::SetHandler), written from the toy contract below on its
// own, without the adapter's code.
//
//   GET  /accounts/{customer}/targets   200 {"targets": ["203.0.113.10"]}
//   PUT  /accounts/{customer}/targets   body {"targets": [...]}: 200
//   every request: headers X-Toy-Login and X-Toy-Key, else 401; an unknown
//   customer: 404; anything else: 400.
//
// Thread-safe.
#ifndef RENUMBER_TESTS_TOY_VENDOR_TOY_SIMULATOR_H_
#define RENUMBER_TESTS_TOY_VENDOR_TOY_SIMULATOR_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "src/http/message.h"

namespace renumber {

class ToySimulator {
 public:
  struct Account {
    std::string login, key;
    std::vector<std::string> targets;
    int writes = 0;
  };
  void AddAccount(const std::string& customer, Account account);
  Account Get(const std::string& customer) const;
  HttpResponse Handle(const HttpRequest& request);

 private:
  mutable std::mutex mu_;
  std::map<std::string, Account> accounts_;
};

}  // namespace renumber

#endif  // RENUMBER_TESTS_TOY_VENDOR_TOY_SIMULATOR_H_
