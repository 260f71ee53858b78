#include "adapters/short_list.h"

#include <gtest/gtest.h>

namespace renumber {
namespace {

TEST(ShortListTest, DistinctItemsInOrderTheRestCounted) {
  EXPECT_EQ(ShortList({}), "-");
  EXPECT_EQ(ShortList({"b", "a", "b"}), "b, a");
  EXPECT_EQ(ShortList({"1", "2", "3", "4", "5", "6", "7", "1"}),
            "1, 2, 3, 4, 5, +2");
  EXPECT_EQ(ShortList({"x", "y", "z"}, 2), "x, y, +1");
}

}  // namespace
}  // namespace renumber
