#include "tests/runbooks/runbook_steps.h"

#include <algorithm>
#include <sstream>

namespace renumber {
namespace {

constexpr char kEllipsis[] = "…";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string TrimRight(const std::string& s) {
  const size_t e = s.find_last_not_of(" \t");
  return e == std::string::npos ? "" : s.substr(0, e + 1);
}

size_t Indent(const std::string& s) {
  size_t n = 0;
  while (n < s.size() && s[n] == ' ') ++n;
  return n;
}

struct Marker {
  std::string kind;  // run | output | skip | world
  std::vector<std::pair<std::string, std::string>> options;
  std::string rest;  // skip: the reason
  int line = 0;
};

Status Bad(int line, const std::string& what) {
  return Status::InvalidArgument("line " + std::to_string(line) + ": " + what);
}

// "<!-- runbook: run exit=3 -->" → {run, {exit: 3}}; nullopt for a line
// that is no marker.
Result<std::optional<Marker>> ReadMarker(const std::string& raw, int line) {
  const std::string s = Trim(raw);
  const std::string open = "<!-- runbook:";
  if (s.rfind(open, 0) != 0) return std::optional<Marker>();
  if (s.size() < open.size() + 3 || s.substr(s.size() - 3) != "-->")
    return Bad(line, "a runbook marker ends with '-->' on the same line");
  std::istringstream words(s.substr(open.size(), s.size() - open.size() - 3));
  Marker m;
  m.line = line;
  words >> m.kind;
  if (m.kind == "skip") {
    std::getline(words, m.rest);
    m.rest = Trim(m.rest);
    if (m.rest.empty()) return Bad(line, "'skip' needs a reason");
    return std::optional<Marker>(m);
  }
  for (std::string w; words >> w;) {
    const size_t eq = w.find('=');
    if (eq == std::string::npos)
      return Bad(line, "'" + w + "' is no KEY=VALUE");
    m.options.push_back({w.substr(0, eq), w.substr(eq + 1)});
  }
  const std::vector<std::string> allowed =
      m.kind == "run"      ? std::vector<std::string>{"exit", "answer", "at"}
      : m.kind == "world"  ? std::vector<std::string>{"customers", "paths"}
      : m.kind == "output" ? std::vector<std::string>{}
                           : std::vector<std::string>{"-"};
  if (!allowed.empty() && allowed[0] == "-")
    return Bad(line,
               "unknown marker '" + m.kind + "' (run, output, skip or world)");
  for (const auto& [k, v] : m.options)
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      return Bad(line, "'" + m.kind + "' takes no '" + k + "'");
  return std::optional<Marker>(m);
}

Result<int> Number(const std::string& text, int line) {
  if (text.empty() || text.size() > 4 ||
      !std::all_of(text.begin(), text.end(), ::isdigit))
    return Bad(line, "'" + text + "' is not a number");
  return std::stoi(text);
}

// Applies a run marker's options to `step` (`at` carries over).
Status ApplyRun(const Marker& m, RunbookStep* step, std::string* at) {
  for (const auto& [k, v] : m.options) {
    if (k == "exit") {
      RN_ASSIGN_OR_RETURN(step->exit_code, Number(v, m.line));
    } else if (k == "answer") {
      step->answer = v;
    } else if (k == "at") {
      *at = v;
    }
  }
  step->at = *at;
  return Status::Ok();
}

// "world customers=N paths=/etc/x,/var/lib/y" → `book`.
Status ApplyWorld(const Marker& m, Runbook* book) {
  if (m.options.empty()) return Bad(m.line, "'world' needs customers= or paths=");
  for (const auto& [k, v] : m.options) {
    if (k == "customers") {
      RN_ASSIGN_OR_RETURN(book->customers, Number(v, m.line));
      continue;
    }
    if (v.empty()) return Bad(m.line, "paths= names no directory");
    std::istringstream list(v);
    for (std::string path; std::getline(list, path, ',');) {
      if (path.size() < 2 || path[0] != '/' || path.back() == '/' ||
          path.find("..") != std::string::npos)
        return Bad(m.line, "paths= takes absolute directories, e.g. "
                           "paths=/etc/renumber,/var/lib/renumber");
      book->paths.push_back(path);
    }
  }
  return Status::Ok();
}

// An indented code line that runs renumber (a command in a list item,
// told from prose by its options):
// it must be a fenced ```sh block with a marker instead.
bool IndentedCommand(const std::string& line, const std::string& before) {
  const std::string t = Trim(line);
  const bool command_word = t.rfind("renumber ", 0) == 0 ||
                            t.rfind("$ renumber ", 0) == 0 ||
                            t.rfind("sudo ", 0) == 0;
  const bool has_option =
      t.find(" --") != std::string::npos || t.back() == '\\';
  return Indent(line) >= 3 && Trim(before).empty() && command_word &&
         has_option;
}

// Glob match of one line: "…" in `pattern` matches any text.
bool LineMatches(const std::string& pattern, const std::string& text) {
  const size_t star = pattern.find(kEllipsis);
  if (star == std::string::npos) return pattern == text;
  const std::string head = pattern.substr(0, star);
  const std::string tail = pattern.substr(star + sizeof(kEllipsis) - 1);
  if (text.compare(0, head.size(), head) != 0) return false;
  for (size_t i = head.size(); i <= text.size(); ++i)
    if (LineMatches(tail, text.substr(i))) return true;
  return false;
}

bool IsGap(const std::string& line) { return Trim(line) == kEllipsis; }

// Whether expected[e..] matches actual[a..] (gap before e when `gap`);
// `best` keeps the furthest expected line reached and where.
bool MatchFrom(const std::vector<std::string>& ex,
               const std::vector<std::string>& ac, size_t e, size_t a, bool gap,
               std::pair<size_t, size_t>* best) {
  if (e == ex.size()) return true;
  if (IsGap(ex[e])) return MatchFrom(ex, ac, e + 1, a, true, best);
  const size_t last = gap ? ac.size() : std::min(a + 1, ac.size());
  for (size_t i = a; i < last; ++i) {
    if (!LineMatches(ex[e], ac[i])) continue;
    if (e + 1 > best->first || (e + 1 == best->first && i + 1 > best->second))
      *best = {e + 1, i + 1};
    if (MatchFrom(ex, ac, e + 1, i + 1, false, best)) return true;
  }
  return false;
}

}  // namespace

Result<Runbook> ParseRunbook(const std::string& markdown) {
  const std::vector<std::string> lines = Lines(markdown);
  Runbook book;
  std::optional<Marker> pending;
  std::string at;
  for (size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    RN_ASSIGN_OR_RETURN(std::optional<Marker> marker, ReadMarker(lines[i], n));
    if (marker) {
      book.marked = true;
      if (pending) return Bad(n, "two markers for one block");
      if (marker->kind == "world") {
        RN_RETURN_IF_ERROR(ApplyWorld(*marker, &book));
        continue;
      }
      pending = marker;
      continue;
    }
    const std::string t = Trim(lines[i]);
    if (t.rfind("```", 0) != 0) {
      if (i > 0 && IndentedCommand(lines[i], lines[i - 1])) {
        ++book.unmarked_sh;
        book.unmarked_lines.push_back(n);
      }
      if (pending && !t.empty())
        return Bad(pending->line, "the marker is not right before a block");
      continue;
    }
    // A fenced block: its text without the fence's indentation.
    const std::string info = Trim(t.substr(3));
    const size_t indent = Indent(lines[i]);
    std::string body;
    size_t j = i + 1;
    for (; j < lines.size() && Trim(lines[j]) != "```"; ++j)
      body += lines[j].substr(std::min(indent, Indent(lines[j]))) + "\n";
    if (j == lines.size()) return Bad(n, "the block is not closed");
    i = j;
    const bool sh = info == "sh" || info == "bash";
    if (!pending) {
      if (sh) {
        ++book.unmarked_sh;
        book.unmarked_lines.push_back(n);
      }
      continue;
    }
    const Marker m = *pending;
    pending.reset();
    if (m.kind == "output") {
      if (book.steps.empty())
        return Bad(m.line, "an output block before any run");
      RunbookStep& last = book.steps.back();
      if (last.output) return Bad(m.line, "a second output for one run");
      last.output = body;
      last.output_line = n;
      continue;
    }
    if (!sh) return Bad(m.line, "'" + m.kind + "' needs a ```sh block");
    if (m.kind == "skip") {
      ++book.skipped;
      continue;
    }
    RunbookStep step;
    step.line = n;
    step.script = body;
    RN_RETURN_IF_ERROR(ApplyRun(m, &step, &at));
    book.steps.push_back(std::move(step));
  }
  if (pending) return Bad(pending->line, "no block after the marker");
  if (book.marked && book.unmarked_sh > 0) {
    std::string where;
    for (int l : book.unmarked_lines)
      where += (where.empty() ? "" : ", ") + std::to_string(l);
    return Status::InvalidArgument(
        std::to_string(book.unmarked_sh) +
        " command block(s) without a runbook marker (run or skip), at "
        "line(s) " + where +
        " (an indented command must be a fenced ```sh block)");
  }
  return book;
}

Status MatchOutput(const std::string& expected, const std::string& actual) {
  std::vector<std::string> ex, ac;
  for (const std::string& l : Lines(expected)) ex.push_back(TrimRight(l));
  while (!ex.empty() && ex.back().empty()) ex.pop_back();
  while (!ex.empty() && ex.front().empty()) ex.erase(ex.begin());
  for (const std::string& l : Lines(actual)) ac.push_back(TrimRight(l));
  std::pair<size_t, size_t> best{0, 0};
  if (MatchFrom(ex, ac, 0, 0, true, &best)) return Status::Ok();
  size_t e = best.first;
  while (e < ex.size() && IsGap(ex[e])) ++e;
  std::string shown;
  const size_t from = best.second;
  for (size_t i = from; i < std::min(ac.size(), from + 6); ++i)
    shown += "\n    | " + ac[i];
  return Status::NotFound("the shown output's line " + std::to_string(e + 1) +
                          " does not match:\n" +
                          "    expected: " + (e < ex.size() ? ex[e] : "") +
                          "\n" + "    after " + std::to_string(best.first) +
                          " matching line(s), the terminal showed:" +
                          (shown.empty() ? " (nothing more)" : shown));
}

std::string TerminalText(const std::string& transcript) {
  // A one-line terminal: CR goes back to the start of the line, text
  // drawn there replaces what was after it, ESC [ K clears to the end and
  // ESC [ 2 K the whole line; other escape sequences change nothing seen.
  std::string out, line;
  size_t cursor = 0;
  for (size_t i = 0; i < transcript.size(); ++i) {
    const char c = transcript[i];
    if (c == '\n') {
      out += line + "\n";
      line.clear();
      cursor = 0;
    } else if (c == '\r') {
      cursor = 0;
    } else if (c == '\x1b' && i + 1 < transcript.size() &&
               transcript[i + 1] == '[') {
      size_t j = i + 2;
      while (j < transcript.size() &&
             !(transcript[j] >= 0x40 && transcript[j] <= 0x7e))
        ++j;
      const std::string params = transcript.substr(i + 2, j - i - 2);
      if (j < transcript.size() && transcript[j] == 'K') {
        if (params == "2")
          line.clear();
        else
          line.erase(std::min(cursor, line.size()));
      }
      i = j;
    } else if (c == '\x1b') {
      if (i + 1 < transcript.size() && transcript[i + 1] == ']') {
        while (i < transcript.size() && transcript[i] != '\a') ++i;
      } else {
        ++i;
      }
    } else {
      if (cursor < line.size()) line.erase(cursor);
      line += c;
      cursor = line.size();
    }
  }
  return line.empty() ? out : out + line + "\n";
}

}  // namespace renumber
