// Secrets read from files leave no copy behind in freed heap memory.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <random>

#include "src/core/fs.h"
#include "tests/support/heap_probe.h"

namespace renumber {
namespace {

std::string Marker() {
  std::random_device rd;
  std::string out = "MARKER-";
  for (int i = 0; i < 24; ++i) out += "0123456789abcdef"[rd() % 16];
  return out;
}

// A credentials file larger than one read(2): the old ReadFile read it in
// 64 KiB pieces through a stack buffer, appending to a string that grew by
// reallocation, so the first piece (the marker) was freed unwiped.
TEST(FsHeapTest, ReadFileLeavesNoCopyInFreedMemory) {
  char tmpl[] = "/tmp/renumber-fsheap-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string path = std::string(tmpl) + "/creds.json";
  const std::string marker = Marker();
  const std::string content = marker + std::string(200 * 1024, 'x');
  FileSystem* fs = PosixFileSystem();
  ASSERT_TRUE(WriteFileAtomic(fs, path, content, 0600).ok());
  {
    HeapProbe probe(marker);
    {
      auto read = fs->ReadFile(path);
      ASSERT_TRUE(read.ok()) << read.status().ToString();
      EXPECT_EQ(*read, content);
      std::fill(read->begin(), read->end(), '\0');  // the caller's part
    }
    EXPECT_GT(probe.frees(), 0) << "the probe saw nothing";
    EXPECT_EQ(probe.hits(), 0) << "a freed block held the file's contents";
  }
  ASSERT_TRUE(fs->Remove(path).ok());
  ASSERT_EQ(::rmdir(tmpl), 0);
}

}  // namespace
}  // namespace renumber
