#include "src/engine/state_dir.h"

namespace renumber {

Result<StateDir> OpenStateDir(FileSystem* fs, const std::string& root,
                              bool create) {
  if (!create && !fs->Exists(root))
    return Status::NotFound("there is no state directory '" + root + "'",
                            "状態ディレクトリ '" + root + "' がありません");
  StateDir dir;
  dir.root = root;
  while (dir.root.size() > 1 && dir.root.back() == '/') dir.root.pop_back();
  RN_ASSIGN_OR_RETURN(dir.fs, fs->OpenPrivateDir(dir.root, create));
  for (const std::string& sub : {dir.journal_dir(), dir.locks_dir()}) {
    if (create) {
      RN_RETURN_IF_ERROR(dir.fs->CreateDirs(sub, 0700));
    } else if (dir.fs->Exists(sub)) {
      RN_RETURN_IF_ERROR(dir.fs->ListDir(sub).status());  // checks it
    }
  }
  return dir;
}

}  // namespace renumber
