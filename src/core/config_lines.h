// Line-oriented input files (hosts(5), the preflight domains file): each
// line's whitespace-separated words, '#' to the end of a line a comment.
//
// Pure function, no I/O; thread-safe.
#ifndef RENUMBER_CORE_CONFIG_LINES_H_
#define RENUMBER_CORE_CONFIG_LINES_H_

#include <string>
#include <vector>

namespace renumber {

struct ConfigLine {
  int number = 0;                  // 1-based, counting every line of the text
  std::vector<std::string> words;  // never empty
};

// The lines of `text` that hold a word, in order; blank and comment-only
// lines are left out (but counted in `number`).
std::vector<ConfigLine> ConfigLines(const std::string& text);

}  // namespace renumber

#endif  // RENUMBER_CORE_CONFIG_LINES_H_
