#include "src/cli/output.h"

#include "src/log/log.h"
#include "src/log/terminal_text.h"

namespace renumber {

Output::Output(bool json_result, Clock* clock)
    : human_(json_result ? stderr : stdout), clock_(clock) {}

Output::~Output() {
  if (log_) (void)log_->Close();
}

Status Output::OpenLog(FileSystem* fs, const std::string& path) {
  if (fs->Exists(path))
    if (Status s = CheckPrivateFile(fs, path); !s.ok())
      return Status::InvalidArgument("--log " + path + ": " + s.message(),
                                     "--log " + path + ": " + s.Message(true));
  auto file = fs->OpenAppend(path, 0600);
  if (!file.ok())
    return Status::InvalidArgument(
        "--log " + path + ": " + file.status().message(),
        "--log " + path + ": " + file.status().Message(true));
  log_ = std::move(*file);
  return Status::Ok();
}

void Output::Log(const std::string& text) {
  if (!log_ || text.empty()) return;
  const std::string stamp = "[" + clock_->Now().ToRfc3339() + "] ";
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += stamp + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  (void)log_->Append(out);
}

void Output::Human(const std::string& text) {
  const std::string clean = ForHumans(text);
  std::fputs(clean.c_str(), human_);
  std::fflush(human_);
  Log(clean);
}

void Output::Error(const std::string& text) {
  const std::string clean = ForHumans(text);
  std::fprintf(stderr, "%s\n", clean.c_str());
  Log(clean);
}

void Output::Json(const std::string& doc) {
  std::fputs(ScrubSecrets(doc).c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace renumber
