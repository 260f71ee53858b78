// The migration commands' state directory (--state-dir, else
// $XDG_STATE_HOME/renumber, else ~/.local/state/renumber): the journal in
// journal/, the per-account locks in locks/, and by default the vault.
//
// OpenStateDir opens it through FileSystem::OpenPrivateDir: the directory
// and its journal/ and locks/ subdirectories must belong to this user and
// be writable by nobody else, and every file below them is opened relative
// to the directory, never through a symbolic link, and only when it is a
// regular file of this user's with one link. Errors are kInvalidArgument
// (the CLI's exit 2: nothing was changed or sent) and say what to run.
//
// StateDir is a value owning its file system; the file system is
// thread-safe.
#ifndef RENUMBER_ENGINE_STATE_DIR_H_
#define RENUMBER_ENGINE_STATE_DIR_H_

#include <memory>
#include <string>

#include "src/core/fs.h"

namespace renumber {

struct StateDir {
  std::string root;
  // Resolves only paths at or below `root`.
  std::unique_ptr<FileSystem> fs;

  std::string journal_dir() const { return root + "/journal"; }
  std::string locks_dir() const { return root + "/locks"; }
  std::string JournalPath(const std::string& campaign) const {
    return journal_dir() + "/" + campaign + ".journal";
  }
};

// Opens `root` through `fs` (creating it and its subdirectories 0700 when
// `create`; otherwise a missing directory is kNotFound).
Result<StateDir> OpenStateDir(FileSystem* fs, const std::string& root,
                              bool create);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_STATE_DIR_H_
