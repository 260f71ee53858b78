// Where a command's words go, after git and terraform: the result (tables,
// plans, details) on stdout, so `renumber plan | less` pages it and
// `renumber vault list | grep` finds what it lists; when the result is a
// JSON document (--json, --format json) that document is stdout and the
// human text moves to stderr; errors always go to stderr. Progress and the
// question go to the controlling terminal (terminal.h), never here.
//
// --log FILE keeps a session record without `tee`: every human line and
// error is also appended to FILE with the time it was printed (created 0600;
// an existing file must already be private).
//
// Everything printed or logged is scrubbed of loaded secrets; human text
// and errors are also made terminal-safe (terminal_text.h: a vendor's
// message or a plan's ticket cannot drive the terminal). JSON documents are
// JSON-escaped by whoever built them.
//
// Thread-safety: one thread prints (the command's); not thread-safe.
#ifndef RENUMBER_CLI_OUTPUT_H_
#define RENUMBER_CLI_OUTPUT_H_

#include <cstdio>
#include <memory>
#include <string>

#include "src/core/fs.h"
#include "src/core/time.h"

namespace renumber {

class Output {
 public:
  // `json_result`: the command's result is a JSON document on stdout.
  Output(bool json_result, Clock* clock);
  ~Output();

  // Starts the session record. kInvalidArgument naming the file when it
  // cannot be opened or is readable by others.
  Status OpenLog(FileSystem* fs, const std::string& path);

  void Human(const std::string& text);  // the result, for people
  void Error(const std::string& text);  // always stderr
  void Json(const std::string& doc);    // the result, for programs

  std::FILE* human_stream() const { return human_; }

 private:
  void Log(const std::string& text);

  std::FILE* human_;
  Clock* clock_;
  std::unique_ptr<WritableFile> log_;
};

}  // namespace renumber

#endif  // RENUMBER_CLI_OUTPUT_H_
