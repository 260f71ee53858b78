#include "tests/toy_vendor/toy_simulator.h"

#include <nlohmann/json.hpp>

namespace renumber {

void ToySimulator::AddAccount(const std::string& customer, Account account) {
  std::lock_guard<std::mutex> l(mu_);
  accounts_[customer] = std::move(account);
}

ToySimulator::Account ToySimulator::Get(const std::string& customer) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = accounts_.find(customer);
  return it == accounts_.end() ? Account{} : it->second;
}

HttpResponse ToySimulator::Handle(const HttpRequest& request) {
  auto answer = [](int status, nlohmann::json body) {
    return HttpResponse{
        status, {{"Content-Type", "application/json"}}, body.dump()};
  };
  // ".../accounts/{customer}/targets"
  const std::string& url = request.url;
  size_t at = url.find("/accounts/");
  size_t end = url.rfind("/targets");
  if (at == std::string::npos || end == std::string::npos || end <= at + 10 ||
      end + 8 != url.size())
    return answer(400, {{"error", "no such path"}});
  std::string customer = url.substr(at + 10, end - at - 10);
  std::lock_guard<std::mutex> l(mu_);
  auto it = accounts_.find(customer);
  if (it == accounts_.end()) return answer(404, {{"error", "no such account"}});
  Account& a = it->second;
  if (request.headers.GetOr("X-Toy-Login", "") != a.login ||
      request.headers.GetOr("X-Toy-Key", "") != a.key)
    return answer(401, {{"error", "bad login"}});
  if (request.method == "GET") return answer(200, {{"targets", a.targets}});
  if (request.method != "PUT") return answer(400, {{"error", "bad method"}});
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("targets") ||
      !body["targets"].is_array())
    return answer(400, {{"error", "bad body"}});
  std::vector<std::string> targets;
  for (const auto& t : body["targets"]) {
    if (!t.is_string()) return answer(400, {{"error", "bad target"}});
    targets.push_back(t.get<std::string>());
  }
  a.targets = std::move(targets);
  ++a.writes;
  return answer(200, {{"targets", a.targets}});
}

}  // namespace renumber
