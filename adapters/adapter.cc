#include "adapters/adapter.h"

namespace renumber {

const char* FindingKindName(Finding::Kind kind) {
  switch (kind) {
    case Finding::Kind::kOldReference:
      return "old-reference";
    case Finding::Kind::kNewReference:
      return "new-reference";
    case Finding::Kind::kDnsDependent:
      return "dns-dependent";
    case Finding::Kind::kCidrOld:
      return "cidr-covers-old";
    case Finding::Kind::kCidrNew:
      return "cidr-covers-new";
    case Finding::Kind::kHiddenOrigin:
      return "hidden-origin";
    case Finding::Kind::kNote:
      return "note";
  }
  return "?";
}

nlohmann::json ChangeToJson(const Change& c) {
  return {{"id", c.id},
          {"kind", c.kind},
          {"description", {{"en", c.description.en}, {"ja", c.description.ja}}},
          {"params", c.params},
          {"removes_reference", c.removes_reference}};
}

Result<Change> ChangeFromJson(const nlohmann::json& j) {
  try {
    Change c;
    c.id = j.at("id").get<std::string>();
    c.kind = j.at("kind").get<std::string>();
    c.description.en = j.at("description").at("en").get<std::string>();
    c.description.ja = j.at("description").at("ja").get<std::string>();
    c.params = j.at("params");
    c.removes_reference = j.value("removes_reference", false);
    return c;
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(
        std::string("malformed change record: ") + e.what(),
        std::string("変更の記録の形式が正しくありません: ") + e.what());
  }
}

}  // namespace renumber
