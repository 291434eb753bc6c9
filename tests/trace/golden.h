// Golden-file comparison; CTCHECK_UPDATE_GOLDEN=1 rewrites the file instead
// (review the diff before committing it).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace ctcheck::testing {

inline void expect_golden(const std::string &name, const std::string &actual) {
  const std::string path = std::string(CTCHECK_TEST_DATA) + "/" + name;
  if (std::getenv("CTCHECK_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(actual, want.str()) << "golden file " << path;
}

}  // namespace ctcheck::testing
