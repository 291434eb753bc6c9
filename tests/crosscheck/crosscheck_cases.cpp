// crosscheck.cases_explicit_vs_bmc_shallow: every case in cases/ (the kernel
// models, too big for the random cross-check's full comparison), checked by
// BMC and by the explicit engine to a small depth. Every violation either
// engine finds within that depth must be found by the other at the same depth.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "engines/bmc.h"
#include "engines/explicit.h"
#include "frontend/loader.h"
#include "frontend/lower.h"

namespace ctcheck::crosscheck {
namespace {

using core::PropertyResult;
using core::Verdict;

constexpr int kDepth = 6;
constexpr double kTimeout = 60;  // per engine and case

// Both engines get the same depth: a violation at exactly the bound must be
// found by both (AssertionAtTheDepthCut pins this for the explicit engine).
constexpr int kExplicitDepth = kDepth;

TEST(CasesShallow, ExplicitAndBmcAgreeOnShallowViolations) {
  std::vector<std::string> files;
  for (const auto &e : std::filesystem::recursive_directory_iterator(CASES_DIR))
    if (e.is_regular_file() && e.path().extension() == ".ct") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  // The engines run on two threads (each engine object owns its Z3 context and
  // simulator); the comparison below is sequential, in file order.
  struct Run {
    bool loaded = false, is_case = false;
    std::vector<PropertyResult> b, x;
    double secs = 0;
  };
  std::vector<Run> runs(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      const auto start = std::chrono::steady_clock::now();
      frontend::LoadedModel lm;
      frontend::Diagnostics diags(lm.sources);
      Run &r = runs[i];
      r.loaded = frontend::load_model(files[i], frontend::FileReader(frontend::read_disk_file), lm, diags);
      r.is_case = r.loaded && !lm.model.expects.empty();
      if (!r.is_case) continue;  // a load error (asserted below), or a shared file
      engines::Bmc::Options bo;
      bo.max_depth = kDepth;
      bo.timeout_seconds = kTimeout;
      r.b = engines::Bmc(lm.ts, bo).run();
      engines::Explicit::Options eo;
      eo.max_depth = kExplicitDepth;
      eo.timeout_seconds = kTimeout;
      r.x = engines::Explicit(lm.ts, eo).run();
      r.secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  };
  std::thread second(worker);
  worker();
  second.join();

  int compared = 0, violations = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::string &file = files[f];
    ASSERT_TRUE(runs[f].loaded) << file;
    if (!runs[f].is_case) continue;
    const std::vector<PropertyResult> &b = runs[f].b, &x = runs[f].x;
    ASSERT_EQ(b.size(), x.size()) << file;
    for (std::size_t i = 0; i < b.size(); ++i) {
      const PropertyResult &br = b[i], &xr = x[i];
      ASSERT_EQ(br.property, xr.property) << file;
      // How deep each engine looked without finding a violation.
      const int bmc_clear = br.verdict == Verdict::Bounded   ? kDepth
                            : br.verdict == Verdict::Unknown ? br.depth() - 1
                                                             : -1;
      const int expl_clear = xr.verdict == Verdict::Bounded || xr.verdict == Verdict::Proved ? kDepth
                             : xr.verdict == Verdict::Unknown ? std::min(xr.depth(), kDepth)
                                                              : -1;
      EXPECT_FALSE(br.verdict == Verdict::Unknown && br.reason.find("internal error") != std::string::npos)
          << file << " " << br.property << ": " << br.reason;
      EXPECT_FALSE(xr.verdict == Verdict::Unknown && xr.reason.find("internal error") != std::string::npos)
          << file << " " << xr.property << ": " << xr.reason;
      if (br.verdict == Verdict::Violated) {
        ++violations;
        if (xr.verdict == Verdict::Violated)
          EXPECT_EQ(br.depth(), xr.depth()) << file << " " << br.property;
        else
          EXPECT_LT(expl_clear, br.depth())
              << file << " " << br.property << ": bmc violated at " << br.depth() << ", explicit "
              << core::to_string(xr.verdict) << " " << xr.depth() << " (" << xr.reason << ")";
      } else if (xr.verdict == Verdict::Violated && xr.depth() <= kDepth) {
        ++violations;
        EXPECT_LT(bmc_clear, xr.depth())
            << file << " " << xr.property << ": explicit violated at " << xr.depth() << ", bmc "
            << core::to_string(br.verdict) << " " << br.depth() << " (" << br.reason << ")";
      }
      ++compared;
    }
    std::cout << file << ": " << b.size() << " properties, " << runs[f].secs << " s\n";
  }
  std::cout << compared << " properties compared, " << violations << " violated within depth " << kDepth
            << "\n";
  EXPECT_GT(compared, 0);
}

// The minimal reproduction of the bug above: enable once explicit.cpp checks
// the assertions of the states at its depth cut.
TEST(CasesShallow, AssertionAtTheDepthCut) {
  const std::string text =
      "cpus 1;\nglobal s8 x = 0;\nvoid t() {\n    x = 1;\n    assert a(x == 0, \"m\");\n}\ntask t;\n";
  frontend::LoadedModel lm;
  frontend::Diagnostics diags(lm.sources);
  frontend::FileReader reader = [&](const std::string &) -> std::optional<std::string> { return text; };
  ASSERT_TRUE(frontend::load_model("cut.ct", reader, lm, diags));
  engines::Bmc::Options bo;
  bo.max_depth = 1;
  EXPECT_EQ(engines::Bmc(lm.ts, bo).run().at(0).verdict, Verdict::Violated);
  engines::Explicit::Options eo;
  eo.max_depth = 1;
  const PropertyResult x = engines::Explicit(lm.ts, eo).run().at(0);
  EXPECT_EQ(x.verdict, Verdict::Violated)
      << core::to_string(x.verdict) << " " << x.depth() << ": " << x.reason;
}

}  // namespace
}  // namespace ctcheck::crosscheck
