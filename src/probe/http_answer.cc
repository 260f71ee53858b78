#include "src/probe/http_answer.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace renumber {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

struct Head {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  size_t body_start = 0;
};

// kIncomplete until the blank line; kBad when the status line is wrong.
AnswerProgress ReadHead(const std::string& raw, Head* head) {
  size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) {
    if (raw.size() >= 5 && raw.compare(0, 5, "HTTP/") != 0)
      return AnswerProgress::kBad;
    return raw.size() > 65536 ? AnswerProgress::kBad
                              : AnswerProgress::kIncomplete;
  }
  size_t line_end = raw.find("\r\n");
  const std::string status_line = raw.substr(0, line_end);
  if (status_line.compare(0, 5, "HTTP/") != 0 || status_line.size() < 12 ||
      status_line[8] != ' ' || !std::isdigit(status_line[9]) ||
      !std::isdigit(status_line[10]) || !std::isdigit(status_line[11]))
    return AnswerProgress::kBad;
  head->status = std::stoi(status_line.substr(9, 3));
  size_t pos = line_end + 2;
  while (pos < end) {
    size_t next = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, next - pos);
    size_t colon = line.find(':');
    if (colon == std::string::npos) return AnswerProgress::kBad;
    head->headers[Lower(Trim(line.substr(0, colon)))] =
        Trim(line.substr(colon + 1));
    pos = next + 2;
  }
  head->body_start = end + 4;
  return AnswerProgress::kComplete;
}

bool Chunked(const Head& h) {
  auto it = h.headers.find("transfer-encoding");
  return it != h.headers.end() &&
         Lower(it->second).find("chunked") != std::string::npos;
}

// Decodes a chunked body; false while incomplete (or malformed: *bad).
bool Dechunk(const std::string& raw, size_t pos, std::string* body, bool* bad) {
  body->clear();
  while (true) {
    size_t eol = raw.find("\r\n", pos);
    if (eol == std::string::npos) return false;
    std::string size_text = raw.substr(pos, eol - pos);
    size_text = size_text.substr(0, size_text.find(';'));
    size_t size = 0;
    try {
      size = std::stoul(Trim(size_text), nullptr, 16);
    } catch (...) {
      *bad = true;
      return false;
    }
    pos = eol + 2;
    if (size == 0) return raw.find("\r\n", pos) != std::string::npos;
    if (raw.size() < pos + size + 2) return false;
    body->append(raw, pos, size);
    pos += size + 2;
  }
}

bool ContentLength(const Head& h, size_t* n) {
  auto it = h.headers.find("content-length");
  if (it == h.headers.end()) return false;
  try {
    *n = std::stoul(it->second);
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

AnswerProgress CheckAnswer(const std::string& raw) {
  Head head;
  AnswerProgress p = ReadHead(raw, &head);
  if (p != AnswerProgress::kComplete) return p;
  if (head.status / 100 == 1 || head.status == 204 || head.status == 304)
    return AnswerProgress::kComplete;
  if (Chunked(head)) {
    std::string body;
    bool bad = false;
    if (Dechunk(raw, head.body_start, &body, &bad))
      return AnswerProgress::kComplete;
    return bad ? AnswerProgress::kBad : AnswerProgress::kIncomplete;
  }
  size_t n = 0;
  if (ContentLength(head, &n))
    return raw.size() - head.body_start >= n ? AnswerProgress::kComplete
                                             : AnswerProgress::kIncomplete;
  return AnswerProgress::kIncomplete;  // until the connection closes
}

Result<OriginAnswer> ParseAnswer(const std::string& raw, bool closed,
                                 size_t max_body) {
  Head head;
  AnswerProgress p = ReadHead(raw, &head);
  if (p == AnswerProgress::kBad)
    return Status::Internal("the answer is not HTTP",
                            "応答が HTTP の形式ではありません");
  if (p != AnswerProgress::kComplete)
    return closed ? Status::Unavailable(
                        "closed before the answer's headers",
                        "応答のヘッダーを受け取る前に接続が閉じられました")
                  : Status::Unavailable("incomplete answer",
                                        "応答が途中までしか届いていません");
  OriginAnswer a;
  a.status = head.status;
  std::string body;
  if (Chunked(head)) {
    bool bad = false;
    if (!Dechunk(raw, head.body_start, &body, &bad)) {
      if (bad)
        return Status::Internal("a malformed chunked body",
                                "応答の本文（chunked 形式）が正しくありません");
      if (raw.size() - head.body_start < max_body)
        return Status::Unavailable("closed in the middle of the body",
                                   "応答の本文の途中で接続が閉じられました");
      body = raw.substr(head.body_start);  // cut at the size limit
    }
  } else {
    body = raw.substr(head.body_start);
    size_t n = 0;
    if (ContentLength(head, &n)) {
      if (body.size() < n && body.size() < max_body)
        return Status::Unavailable("closed in the middle of the body",
                                   "応答の本文の途中で接続が閉じられました");
      if (body.size() > n) body.resize(n);
    }
  }
  if (body.size() > max_body) {
    body.resize(max_body);
    a.truncated = true;
  }
  auto ct = head.headers.find("content-type");
  if (ct != head.headers.end())
    a.content_type = Lower(Trim(ct->second.substr(0, ct->second.find(';'))));
  auto loc = head.headers.find("location");
  if (loc != head.headers.end()) a.location = loc->second;
  a.body_sha256 = Sha256Hex(body);
  if (a.content_type == "text/html") a.title = HtmlTitle(body);
  a.body = std::move(body);
  return a;
}

std::string HtmlTitle(const std::string& html) {
  const std::string lower = Lower(html.substr(0, 65536));
  size_t open = lower.find("<title");
  if (open == std::string::npos) return "";
  size_t start = lower.find('>', open);
  size_t end = lower.find("</title", start);
  if (start == std::string::npos || end == std::string::npos) return "";
  std::string raw = html.substr(start + 1, end - start - 1);
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&#39;", "'"},
      {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (size_t at = raw.find(from); at != std::string::npos;
         at = raw.find(from, at + 1))
      raw.replace(at, std::string(from).size(), to);
  }
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out.substr(0, 200);
}

}  // namespace renumber
