// renumber_gendoc OUT_DIR: writes what is generated from the command line
// at build time (not installed itself): OUT_DIR/renumber.1 (English),
// OUT_DIR/ja/renumber.1 (Japanese) and OUT_DIR/renumber.bash-completion.
#include <cstdio>
#include <string>

#include "src/cli/app.h"
#include "src/cli/bash_completion.h"
#include "src/cli/help_i18n.h"
#include "src/cli/man_page.h"
#include "src/core/fs.h"

namespace renumber {
namespace {

std::string Page(Lang lang) {
  GlobalOptions global;
  global.lang = lang;
  CommandRun run;
  auto app = BuildApp(global, run);
  LocalizeHelp(app.get(), lang);
  return RenderManPage(*app, RENUMBER_VERSION_STRING, lang);
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: renumber_gendoc OUT_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  FileSystem* fs = PosixFileSystem();
  GlobalOptions global;
  CommandRun run;
  auto app = BuildApp(global, run);
  Status s = fs->CreateDirs(dir + "/ja", 0755);
  if (s.ok())
    s = WriteFileAtomic(fs, dir + "/renumber.1", Page(Lang::kEn), 0644);
  if (s.ok())
    s = WriteFileAtomic(fs, dir + "/ja/renumber.1", Page(Lang::kJa), 0644);
  if (s.ok())
    s = WriteFileAtomic(fs, dir + "/renumber.bash-completion",
                        RenderBashCompletion(*app), 0644);
  if (!s.ok()) {
    std::fprintf(stderr, "renumber_gendoc: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace renumber

int main(int argc, char** argv) { return renumber::Main(argc, argv); }
