#include "src/core/json_depth.h"

namespace renumber {

bool JsonNestsDeeperThan(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

Result<nlohmann::json> ParseBoundedJson(std::string_view text,
                                        size_t max_depth) {
  if (JsonNestsDeeperThan(text, max_depth))
    return Status::Internal(
        "JSON nested more than " + std::to_string(max_depth) + " levels deep",
        "JSON の入れ子が " + std::to_string(max_depth) + " 段を超えています");
  nlohmann::json j =
      nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Status::Internal(
        "malformed JSON (" + std::to_string(text.size()) + " bytes)",
        "JSON の形式が正しくありません（" + std::to_string(text.size()) +
            " バイト）");
  return Result<nlohmann::json>(std::move(j));
}

}  // namespace renumber
