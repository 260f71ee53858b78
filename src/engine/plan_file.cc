#include "src/engine/plan_file.h"

#include <map>
#include <set>

namespace renumber {
namespace {

const char* const kColumns[] = {"customer", "service",         "old_ip",
                                "new_ip",   "maintenance_end", "ticket"};
const char* const kOptionalColumns[] = {"check_path", "check_text"};

// Splits one CSV record (RFC 4180 quoting, no embedded newlines).
Result<std::vector<std::string>> SplitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == ',') {
      fields.push_back(cur);
      cur.clear();
      was_quoted = false;
    } else if (c == '"') {
      if (!cur.empty() || was_quoted)
        return Status::InvalidArgument("a quote in the middle of a field",
                                       "項目の途中に引用符（\"）があります");
      quoted = was_quoted = true;
    } else {
      if (was_quoted)
        return Status::InvalidArgument("text after a closing quote",
                                       "閉じ引用符の後に文字があります");
      cur += c;
    }
  }
  if (quoted)
    return Status::InvalidArgument("an unterminated quote",
                                   "引用符が閉じられていません");
  fields.push_back(cur);
  return fields;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

// "198.18.0.10" for "198.18.0.010": the address the person most likely
// meant when an IPv4 octet has leading zeros; "" when that is not the
// problem.
std::string WithoutLeadingZeros(const std::string& text) {
  std::string out;
  size_t start = 0;
  for (int part = 0; part < 4; ++part) {
    size_t dot = text.find('.', start);
    if ((part < 3) != (dot != std::string::npos)) return "";
    std::string octet = text.substr(start, dot - start);
    if (octet.empty() || octet.size() > 4 ||
        octet.find_first_not_of("0123456789") != std::string::npos)
      return "";
    octet.erase(0, std::min(octet.find_first_not_of('0'), octet.size() - 1));
    out += (part ? "." : "") + octet;
    start = dot + 1;
  }
  return out != text && IpAddress::Parse(out).ok() ? out : "";
}

Result<IpAddress> CanonicalIp(const std::string& text, const char* column) {
  auto ip = IpAddress::Parse(text);
  if (!ip.ok()) {
    std::string meant = WithoutLeadingZeros(text);
    return Status::InvalidArgument(
        std::string(column) + ": " + ip.status().message() +
            (meant.empty() ? "" : "; write '" + meant + "'"),
        std::string(column) + ": " + ip.status().Message(true) +
            (meant.empty() ? "" : "。'" + meant + "' と書いてください"));
  }
  if (ip->ToString() != text)
    return Status::InvalidArgument(
        std::string(column) + ": '" + text +
            "' is not in canonical form; write '" + ip->ToString() + "'",
        std::string(column) + ": '" + text + "' は正規の表記ではありません。'" +
            ip->ToString() + "' と書いてください");
  return *ip;
}

Status CheckPair(const Target& t, const PlanOptions& options) {
  if (t.old_ip == t.new_ip)
    return Status::InvalidArgument(
        "old_ip and new_ip are the same address (" + t.old_ip.ToString() + ")",
        "old_ip と new_ip が同じアドレス（" + t.old_ip.ToString() + "）です");
  if (t.old_ip.EffectiveFamily() != t.new_ip.EffectiveFamily() &&
      !options.allow_family_change)
    return Status::InvalidArgument(
        "old_ip " + t.old_ip.ToString() + " and new_ip " + t.new_ip.ToString() +
            " are of different IP families; pass --allow-family-change if "
            "that is intended",
        "old_ip " + t.old_ip.ToString() + " と new_ip " + t.new_ip.ToString() +
            " は IP "
            "のファミリー（IPv4/IPv6）が異なります。意図したものであれば "
            "--allow-family-change を指定してください");
  return Status::Ok();
}

Result<Target> RowToTarget(const std::vector<std::string>& f,
                           const std::map<std::string, size_t>& col,
                           const PlanOptions& options) {
  Target t;
  t.account.customer = f[col.at("customer")];
  RN_RETURN_IF_ERROR(ValidateCustomerId(t.account.customer));
  RN_ASSIGN_OR_RETURN(t.account.service, ParseService(f[col.at("service")]));
  RN_ASSIGN_OR_RETURN(t.old_ip, CanonicalIp(f[col.at("old_ip")], "old_ip"));
  RN_ASSIGN_OR_RETURN(t.new_ip, CanonicalIp(f[col.at("new_ip")], "new_ip"));
  auto end = Timestamp::ParseRfc3339(f[col.at("maintenance_end")],
                                     &t.maintenance_end_offset);
  if (!end.ok()) return end.status().Annotate("maintenance_end");
  t.maintenance_end = *end;
  t.ticket = f[col.at("ticket")];
  if (col.count("check_path")) {
    t.check_path = f[col.at("check_path")];
    if (!t.check_path.empty())
      RN_RETURN_IF_ERROR(CheckPathValid(t.check_path).Annotate("check_path"));
  }
  if (col.count("check_text")) t.check_text = f[col.at("check_text")];
  RN_RETURN_IF_ERROR(CheckPair(t, options));
  return t;
}

Result<std::map<std::string, size_t>> ParseHeader(
    const std::vector<std::string>& fields) {
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < fields.size(); ++i) {
    bool known = false;
    for (const char* c : kColumns) known = known || fields[i] == c;
    for (const char* c : kOptionalColumns) known = known || fields[i] == c;
    if (!known)
      return Status::InvalidArgument("unknown column '" + fields[i] + "'",
                                     "不明な列 '" + fields[i] + "' があります");
    if (!col.emplace(fields[i], i).second)
      return Status::InvalidArgument("column '" + fields[i] + "' twice",
                                     "列 '" + fields[i] + "' が 2 回あります");
  }
  for (const char* c : kColumns)
    if (!col.count(c))
      return Status::InvalidArgument(
          std::string("missing column '") + c +
              "'; the header must be: "
              "customer,service,old_ip,new_ip,maintenance_end,ticket",
          std::string("列 '") + c +
              "' がありません。見出し行は "
              "customer,service,old_ip,new_ip,maintenance_end,ticket "
              "としてください");
  return col;
}

}  // namespace

Status CheckPathValid(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.size() > 1024)
    return Status::InvalidArgument(
        "'" + path + "' is not a path (it must start with '/')",
        "'" + path + "' はパスではありません（'/' で始めてください）");
  for (unsigned char c : path)
    if (c <= ' ' || c == 0x7f)
      return Status::InvalidArgument(
          "a check path may not hold spaces or control characters",
          "確認用のパスには空白や制御文字を含められません");
  return Status::Ok();
}

Result<std::vector<PlanRow>> ParsePlanCsv(const std::string& raw,
                                          const std::string& origin,
                                          const PlanOptions& options) {
  std::string text = raw;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<PlanRow> rows;
  std::map<std::string, size_t> col;
  bool have_header = false;
  std::map<std::string, int> seen;  // account -> line
  std::string errors, errors_ja;    // every bad row, one per line
  auto bad_row = [&errors, &errors_ja](const Status& s) {
    errors += (errors.empty() ? "" : "\n") + s.message();
    errors_ja += (errors_ja.empty() ? "" : "\n") + s.Message(true);
  };
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(
        pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string where = origin + ":" + std::to_string(line_no);
    if (!ValidUtf8(line)) {
      bad_row(
          Status::InvalidArgument(where + ": not valid UTF-8",
                                  where + ": UTF-8 として正しくありません"));
      continue;
    }
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    auto fields = SplitCsv(line);
    if (!fields.ok() && have_header) {
      bad_row(fields.status().Annotate(where));
      continue;
    }
    if (!fields.ok()) return fields.status().Annotate(where);
    if (!have_header) {
      auto header = ParseHeader(*fields);
      if (!header.ok())
        return header.status().Annotate(where + ": header",
                                        where + ": 見出し行");
      col = *header;
      have_header = true;
      continue;
    }
    if (fields->size() != col.size()) {
      bad_row(Status::InvalidArgument(
          where + ": expected " + std::to_string(col.size()) +
              " fields, found " + std::to_string(fields->size()),
          where + ": 項目は " + std::to_string(col.size()) +
              " 個のはずですが " + std::to_string(fields->size()) +
              " 個あります"));
      continue;
    }
    auto target = RowToTarget(*fields, col, options);
    if (!target.ok()) {
      bad_row(target.status().Annotate(where));
      continue;
    }
    std::string key = target->account.ToString();
    auto [it, fresh] = seen.emplace(key, line_no);
    if (!fresh) {
      bad_row(Status::InvalidArgument(
          where + ": duplicate account " + key + " (first on line " +
              std::to_string(it->second) + ")",
          where + ": アカウント " + key + " が重複しています（最初は " +
              std::to_string(it->second) + " 行目）"));
      continue;
    }
    rows.push_back({*target, line_no});
  }
  if (!errors.empty()) return Status::InvalidArgument(errors, errors_ja);
  if (!have_header)
    return Status::InvalidArgument(
        origin +
            ": empty plan; the first line must be the header "
            "customer,service,old_ip,new_ip,maintenance_end,ticket",
        origin +
            ": 計画ファイルが空です。1 行目は見出し行 "
            "customer,service,old_ip,new_ip,maintenance_end,ticket "
            "にしてください");
  if (rows.empty())
    return Status::InvalidArgument(
        origin + ": the plan has no accounts",
        origin + ": 計画ファイルにアカウントがありません");
  return rows;
}

Result<PlanRow> SingleAccountRow(const std::string& customer,
                                 const std::string& service,
                                 const std::string& old_ip,
                                 const std::string& new_ip,
                                 const std::string& maintenance_end,
                                 const std::string& ticket, Timestamp now,
                                 const PlanOptions& options) {
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < 6; ++i) col[kColumns[i]] = i;
  std::string end = maintenance_end.empty()
                        ? now.ToRfc3339(now.LocalOffsetMinutes())
                        : maintenance_end;
  auto t = RowToTarget({customer, service, old_ip, new_ip, end, ticket}, col,
                       options);
  if (!t.ok()) return t.status().Annotate("command line", "コマンドライン");
  return PlanRow{*t, 0};
}

}  // namespace renumber
