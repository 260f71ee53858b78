#include "adapters/cdn/cdn_marker.h"

#include <sstream>

namespace renumber::cdn {
namespace {

const char* Tag(MarkKind k) {
  switch (k) {
    case MarkKind::kStaged:
      return "renumber-staged";
    case MarkKind::kAbandoned:
      return "renumber-abandoned";
    case MarkKind::kSuperseded:
      return "renumber-superseded";
  }
  return "";
}

std::string TagText(const Mark& m) {
  return std::string("[") + Tag(m.kind) + " base=" + std::to_string(m.base) +
         " old=" + m.old_ip + " new=" + m.new_ip + "]";
}

}  // namespace

bool Mark::For(const IpAddress& o, const IpAddress& n) const {
  return old_ip == o.ToString() && new_ip == n.ToString();
}

std::string StagedComment(int base, const IpAddress& old_ip,
                          const IpAddress& new_ip, const std::string& ticket,
                          const std::string& campaign) {
  std::string ref;
  if (!ticket.empty()) ref += "ticket " + ticket;
  if (!campaign.empty())
    ref += (ref.empty() ? "" : ", ") + ("campaign " + campaign);
  Mark m{MarkKind::kStaged, base, old_ip.ToString(), new_ip.ToString()};
  return "renumber 切替用バージョン / staged switch: origin servers " +
         m.old_ip + " \xE2\x86\x92 " + m.new_ip +
         (ref.empty() ? "" : " (" + ref + ")") +
         " \xE2\x80\x94 activate after the maintenance "
         "(基盤変更メンテナンス後に有効化) " +
         TagText(m);
}

std::string AbandonedComment(const Mark& staged) {
  Mark m = staged;
  m.kind = MarkKind::kAbandoned;
  return "renumber: abandoned staged switch (prepare rolled back) / "
         "切替用バージョン(事前設定の切り戻しにより破棄) " +
         TagText(m);
}

std::string SupersededComment(const Mark& staged, int by_version) {
  Mark m = staged;
  m.kind = MarkKind::kSuperseded;
  return "renumber: staged switch replaced by version " +
         std::to_string(by_version) + " / 切替用バージョン(バージョン " +
         std::to_string(by_version) + " に置き換え) " + TagText(m);
}

std::optional<Mark> ParseMark(const std::string& comment) {
  size_t open = comment.rfind("[renumber-");
  if (open == std::string::npos) return std::nullopt;
  size_t close = comment.find(']', open);
  if (close == std::string::npos) return std::nullopt;
  std::istringstream in(comment.substr(open + 1, close - open - 1));
  std::string tag;
  in >> tag;
  Mark m;
  if (tag == "renumber-staged")
    m.kind = MarkKind::kStaged;
  else if (tag == "renumber-abandoned")
    m.kind = MarkKind::kAbandoned;
  else if (tag == "renumber-superseded")
    m.kind = MarkKind::kSuperseded;
  else
    return std::nullopt;
  for (std::string field; in >> field;) {
    size_t eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    if (key == "base") {
      if (value.empty() || value.size() > 9 ||
          value.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      m.base = std::stoi(value);
    } else if (key == "old") {
      m.old_ip = value;
    } else if (key == "new") {
      m.new_ip = value;
    }
  }
  if (m.base <= 0 || m.old_ip.empty() || m.new_ip.empty()) return std::nullopt;
  return m;
}

}  // namespace renumber::cdn
