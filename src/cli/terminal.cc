#include "src/cli/terminal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>

namespace renumber {
namespace {

class TtyTerminal : public Terminal {
 public:
  explicit TtyTerminal(std::FILE* tty) : tty_(tty) {}
  ~TtyTerminal() override { std::fclose(tty_); }

  std::optional<std::string> Ask(const std::string& question) override {
    std::fputs(question.c_str(), tty_);
    std::fflush(tty_);
    std::string line;
    for (int c = std::fgetc(tty_); c != EOF; c = std::fgetc(tty_)) {
      if (c == '\n') return line;
      line += static_cast<char>(c);
    }
    if (line.empty()) return std::nullopt;
    return line;
  }
  std::FILE* stream() override { return tty_; }

 private:
  std::FILE* tty_;
};

// Full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space
// (U+3000), as a Japanese input method types them, become plain ASCII.
std::string NarrowFullWidth(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char a = static_cast<unsigned char>(s[i]);
    if (a == 0xEF && i + 2 < s.size()) {
      unsigned cp = ((a & 0x0Fu) << 12) |
                    ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
    }
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000
      out += ' ';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::unique_ptr<Terminal> OpenControllingTerminal() {
  int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  if (!::isatty(fd)) {
    ::close(fd);
    return nullptr;
  }
  std::FILE* f = ::fdopen(fd, "r+");
  if (!f) {
    ::close(fd);
    return nullptr;
  }
  return std::make_unique<TtyTerminal>(f);
}

Answer ParseYesNo(const std::string& line) {
  Answer a;
  a.typed = Trim(line);
  std::string plain = Trim(NarrowFullWidth(a.typed));
  for (char& c : plain) c = static_cast<char>(std::tolower(c));
  a.yes = plain == "y" || plain == "yes" || plain == "はい";
  return a;
}

}  // namespace renumber
