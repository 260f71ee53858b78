// A directory only its owner may change (the state directory, the vault's
// directory), used through the descriptor it was opened with: what
// PosixFileSystem()->OpenPrivateDir returns (see fs.h for the contract).
//
// Why a descriptor and not paths: a path is looked up again at every use,
// so whoever can rename a directory above ours could swap it for another
// between our check and our write. Here the directory is checked once, when
// it is opened, and every later file is opened relative to it (openat),
// component by component with O_NOFOLLOW, each subdirectory checked again.
// A planted symbolic link, FIFO or hard link, a subdirectory another user
// owns or may write to: each is refused with an error naming it.
//
// Thread-safe. Owns its directory descriptor.
#ifndef RENUMBER_CORE_PRIVATE_DIR_H_
#define RENUMBER_CORE_PRIVATE_DIR_H_

#include <memory>
#include <string>

#include "src/core/fs.h"

namespace renumber {

// `dir` (created 0700 with its parents first when `create`), checked.
Result<std::unique_ptr<FileSystem>> NewPrivateDirFileSystem(
    const std::string& dir, bool create);

}  // namespace renumber

#endif  // RENUMBER_CORE_PRIVATE_DIR_H_
