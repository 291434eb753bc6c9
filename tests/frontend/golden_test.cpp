// Bad models with golden diagnostics: tests/data/frontend/bad/NAME.ct is loaded
// through frontend::load_model (reading the disk), and the printed diagnostics
// (Diagnostics::print: `file:line:col: error: message`, source line, caret)
// must equal NAME.expected exactly once the data directory prefix is removed.
//
// Files under bad/inc/ are imported by the cases and are not cases themselves.
// To regenerate after a deliberate change of wording, run the test binary with
// CTCHECK_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/lower.h"

namespace ctcheck::frontend {
namespace {

namespace fs = std::filesystem;

const std::string kBadDir = std::string(CTCHECK_TEST_DATA) + "/frontend/bad";

std::vector<std::string> case_names() {
  std::vector<std::string> out;
  for (const auto &e : fs::directory_iterator(kBadDir))
    if (e.is_regular_file() && e.path().extension() == ".ct") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace_all(std::string &s, const std::string &from, const std::string &to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

std::string diagnostics_of(const std::string &name, bool *loaded) {
  LoadedModel lm;
  Diagnostics diags(lm.sources);
  *loaded = load_model(kBadDir + "/" + name + ".ct", read_disk_file, lm, diags);
  std::ostringstream s;
  diags.print(s);
  std::string out = s.str();
  replace_all(out, kBadDir + "/", "");
  return out;
}

TEST(GoldenDiagnostics, ThereAreEnoughCases) {
  std::vector<std::string> names = case_names();
  EXPECT_GE(names.size(), 15u);
  for (const std::string &n : names)
    EXPECT_TRUE(fs::exists(kBadDir + "/" + n + ".expected")) << n << ".ct has no .expected file";
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, DiagnosticsMatch) {
  const std::string name = GetParam();
  bool loaded = true;
  std::string got = diagnostics_of(name, &loaded);
  EXPECT_FALSE(loaded) << name << ".ct loaded without errors";
  fs::path expected_path = kBadDir + "/" + name + ".expected";
  if (std::getenv("CTCHECK_UPDATE_GOLDEN")) {
    std::ofstream(expected_path, std::ios::binary) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
  std::string want = slurp(expected_path);
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(got, want) << "diagnostics of " << name << ".ct differ from " << name << ".expected";
}

INSTANTIATE_TEST_SUITE_P(Bad, Golden, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string> &i) { return i.param; });

// The paths printed for an imported file are the importing file's directory
// plus the import path, normalised ("a/../b" is "b"), and a file imported by
// two routes is loaded once.
TEST(GoldenDiagnostics, ImportsAreNormalisedAndLoadedOnce) {
  LoadedModel lm;
  Diagnostics diags(lm.sources);
  bool ok = load_model(kBadDir + "/../good/diamond.ct", read_disk_file, lm, diags);
  std::ostringstream s;
  diags.print(s);
  ASSERT_TRUE(ok) << s.str();
  std::vector<std::string> paths;
  for (int i = 0; i < lm.sources.count(); ++i) {
    std::string p = lm.sources.path(i);
    replace_all(p, std::string(CTCHECK_TEST_DATA) + "/frontend/", "");
    paths.push_back(p);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"good/diamond.ct", "good/lib/left.ct", "good/lib/common.ct",
                                             "good/lib/right.ct"}));
}

}  // namespace
}  // namespace ctcheck::frontend
