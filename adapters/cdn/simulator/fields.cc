#include "adapters/cdn/simulator/fields.h"

#include <cctype>
#include <climits>
#include <optional>
#include <string>

#include "src/core/ip.h"

namespace renumber::cdnsim {
namespace {

bool IsHostLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

bool IsHostName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  if (name.back() == '.') name.remove_suffix(1);
  bool all_numeric = true;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot - start);
    if (!IsHostLabel(label)) return false;
    for (char c : label)
      if (!std::isdigit(static_cast<unsigned char>(c))) all_numeric = false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return !all_numeric;  // "203.0.113.300" is a bad address, not a host
}

// Parses one field kind into *out when `key` is in the form.
class FieldReader {
 public:
  explicit FieldReader(const Form& form) : form_(form) {}

  // A form never sets the name here (callers create and rename).
  void Name(const char*, std::string*) {}
  void Address(const char* key, std::string* out) {
    const std::string* v = Find(key);
    if (!v) return;
    Status ok = CheckAddress(*v);
    if (!ok.ok()) {
      if (status_.ok()) status_ = ok;
      return;
    }
    *out = *v;
  }
  void Int(const char* key, int* out, int min, int max) {
    const std::string* v = Find(key);
    if (!v) return;
    auto n = ParseFormInt(*v);
    if (!n.ok() || *n < min || *n > max) {
      Fail(std::string("Invalid ") + key + ": must be an integer from " +
           std::to_string(min) + " to " + std::to_string(max));
      return;
    }
    *out = *n;
  }
  void Bool(const char* key, bool* out) {
    const std::string* v = Find(key);
    if (!v) return;
    auto b = ParseFormBool(*v);
    if (!b.ok()) {
      Fail(std::string("Invalid ") + key + ": must be true, false, 1 or 0");
      return;
    }
    *out = *b;
  }
  void Str(const char* key, std::string* out) {
    if (const std::string* v = Find(key)) *out = *v;
  }
  void OptStr(const char* key, std::optional<std::string>* out) {
    const std::string* v = Find(key);
    if (!v) return;
    if (v->empty())
      *out = std::nullopt;
    else
      *out = *v;
  }
  const std::string* Find(const char* key) {
    if (!status_.ok()) return nullptr;
    auto it = form_.find(key);
    return it == form_.end() ? nullptr : &it->second;
  }
  void Fail(std::string detail) {
    if (status_.ok()) status_ = Status::InvalidArgument(std::move(detail));
  }
  const Status& status() const { return status_; }

 private:
  const Form& form_;
  Status status_;
};

}  // namespace

Status CheckAddress(std::string_view address) {
  if (address.empty()) return Status::InvalidArgument("Address can't be blank");
  if (IpAddress::Parse(address).ok() || IsHostName(address))
    return Status::Ok();
  return Status::InvalidArgument("Invalid address '" + std::string(address) +
                                 "': must be an IPv4 or IPv6 address or a "
                                 "host name");
}

Status CheckName(std::string_view kind, std::string_view name) {
  if (name.empty())
    return Status::InvalidArgument(std::string(kind) + " name can't be blank");
  if (name.size() > 255)
    return Status::InvalidArgument(std::string(kind) +
                                   " name is too long (at most 255)");
  return Status::Ok();
}

Status ApplyBackendForm(const Form& form, Backend* b) {
  FieldReader r(form);
  VisitBackendFields(*b, r);
  return r.status();
}

Status ApplyHealthcheckForm(const Form& form, Healthcheck* h) {
  FieldReader r(form);
  VisitHealthcheckFields(*h, r);
  RN_RETURN_IF_ERROR(r.status());
  if (!h->path.empty() && h->path[0] != '/')
    return Status::InvalidArgument("Invalid path: must start with '/'");
  if (h->threshold > h->window)
    return Status::InvalidArgument("Invalid threshold: must not exceed window");
  return Status::Ok();
}

}  // namespace renumber::cdnsim
