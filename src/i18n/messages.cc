#include "src/i18n/messages.h"

#include <map>
#include <mutex>

namespace renumber {

const std::vector<MessageEntry>& AllMessages() {
  static const auto* all = [] {
    auto* v = new std::vector<MessageEntry>;
    for (const auto* table :
         {&CliMessages(), &EngineMessages(), &SimMessages(), &VaultMessages(),
          &ReportMessages(), &PreflightMessages(), &StoreMessages()})
      v->insert(v->end(), table->begin(), table->end());
    return v;
  }();
  return *all;
}

const MessageEntry* FindMessage(std::string_view key) {
  static const auto* index = [] {
    auto* m = new std::map<std::string_view, const MessageEntry*>;
    for (const MessageEntry& e : AllMessages()) (*m)[e.key] = &e;
    return m;
  }();
  auto it = index->find(key);
  return it == index->end() ? nullptr : it->second;
}

}  // namespace renumber
