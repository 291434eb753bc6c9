// Random models through the whole pipeline (text -> front end -> IR), checked
// by all three engines; any contradiction fails the test, is shrunk (statements
// and declarations deleted while it persists) and saved as
// tests/data/crosscheck/regress_<seed>.ct, which the Regressions test replays.
// CROSSCHECK_SLOW=1 in the environment prints every model on which k-induction
// took over a second, with its per-k statistics (KInduction::Options::verbose).
#include "crosscheck.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator.h"

namespace ctcheck::crosscheck {
namespace {

// 1,000 models per run (8 shards run in parallel under ctest -j); set
// CROSSCHECK_MODELS=N in the environment for N per shard instead (longer runs),
// and CROSSCHECK_FIRST_SEED=S to start at seed S (new models, not the CI's):
//   CROSSCHECK_MODELS=2500 CROSSCHECK_FIRST_SEED=1000000 ctest -R RandomModels -j 8
constexpr int kShards = 8;
int per_shard() {
  const char *n = std::getenv("CROSSCHECK_MODELS");
  return n && std::atoi(n) > 0 ? std::atoi(n) : 125;
}
std::uint64_t first_seed() {
  const char *s = std::getenv("CROSSCHECK_FIRST_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 1;
}

bool disagree(const GModel &m, const Config &cfg) {
  std::unique_ptr<frontend::LoadedModel> lm = load_text(m.render(), nullptr);
  return lm && !run_engines(*lm, cfg).problems.empty();
}

// Greedy one-item deletion until no single deletion keeps the disagreement.
GModel shrink(GModel m, const Config &cfg) {
  for (int i = 0; i < m.items();) {
    GModel smaller = m.without(i);
    if (smaller.items() < m.items() && disagree(smaller, cfg))
      m = std::move(smaller);
    else
      ++i;
  }
  return m;
}

std::string save_regression(std::uint64_t seed, const GModel &m, const Outcome &o) {
  const std::filesystem::path dir(CROSSCHECK_DATA_DIR);
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / ("regress_" + std::to_string(seed) + ".ct");
  std::ofstream out(file);
  out << "// seed " << seed << ", shrunk; the engines disagreed:\n";
  for (const std::string &p : o.problems) out << "//   " << p << "\n";
  out << m.render();
  return file.string();
}

struct Tally {
  int models = 0, violated = 0, proved_explicit = 0, proved_kind = 0, limited = 0, assertions = 0;
  double expl = 0, bmc = 0, kind = 0, plain = 0;
  int shift_checks = 0, per_cpu_checks = 0, two_cpus = 0, nested = 0, noinstr_checks = 0;
};

class RandomModels : public ::testing::TestWithParam<int> {};

TEST_P(RandomModels, EnginesAgree) {
  const Config cfg;
  Tally t;
  const auto start = std::chrono::steady_clock::now();
  const int n = per_shard();
  for (int i = 0; i < n; ++i) {
    const std::uint64_t seed = first_seed() + static_cast<std::uint64_t>(GetParam() * n + i);
    const GModel m = generate(seed);
    const std::string text = m.render();
    std::string errors;
    std::unique_ptr<frontend::LoadedModel> lm = load_text(text, &errors);
    ASSERT_TRUE(lm) << "seed " << seed << ": the generator wrote a model that does not load:\n"
                    << errors << text;
    const auto model_start = std::chrono::steady_clock::now();
    const Outcome o = run_engines(*lm, cfg);
    const double model_secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - model_start).count();
    if (model_secs > 10)
      std::cout << "seed " << seed << ": " << model_secs << " s (explicit " << o.expl_secs << ", bmc "
                << o.bmc_secs << ", kind " << o.kind_secs << ", as written " << o.plain_secs << ")\n";
    ++t.models;
    t.expl += o.expl_secs;
    t.bmc += o.bmc_secs;
    t.kind += o.kind_secs;
    t.plain += o.plain_secs;
    t.two_cpus += m.cpus == 2;
    t.nested += text.find("nest 2") != std::string::npos || text.find("nest 3") != std::string::npos;
    if (std::getenv("CROSSCHECK_SLOW") && o.kind_secs > 1)
      std::cout << "seed " << seed << ": kind " << o.kind_secs << " s\n" << text;
    for (std::size_t p = 0; p < o.expl.size(); ++p) {
      t.violated += o.expl[p].verdict == core::Verdict::Violated;
      t.proved_explicit += o.expl[p].verdict == core::Verdict::Proved;
      t.proved_kind += o.kind[p].verdict == core::Verdict::Proved;
      t.limited += o.expl[p].verdict == core::Verdict::Unknown;
      t.assertions += lm->ts.properties[p].kind == ir::PropertyKind::Assertion;
      t.shift_checks += lm->ts.properties[p].name == "shift_in_range";
      t.per_cpu_checks += lm->ts.properties[p].name == "per_cpu_index_in_range";
      t.noinstr_checks += lm->ts.properties[p].name.rfind("noinstr_", 0) == 0;
    }
    if (!o.problems.empty()) {
      const GModel small = shrink(m, cfg);
      std::string detail;
      if (auto slm = load_text(small.render(), nullptr)) {
        const Outcome so = run_engines(*slm, cfg);
        const std::string file = save_regression(seed, small, so);
        detail = "shrunk to " + file + ":\n" + small.render() + so.table();
      }
      std::ostringstream problems;
      for (const std::string &p : o.problems) problems << "  " << p << "\n";
      ADD_FAILURE() << "seed " << seed << ": engines disagree\n"
                    << problems.str() << o.table() << text << detail;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "shard " << GetParam() << ": " << t.models << " models, " << t.assertions
            << " assertion properties, " << t.violated << " violated, " << t.proved_explicit
            << " proved by explicit, " << t.proved_kind << " proved by kind, " << t.limited
            << " explicit-limited; " << t.two_cpus << " on two CPUs, " << t.nested << " with nesting > 1, "
            << t.shift_checks << " with shift_in_range, " << t.per_cpu_checks
            << " with per_cpu_index_in_range, " << t.noinstr_checks << " noinstr properties; " << secs
            << " s (explicit " << t.expl << " s, bmc " << t.bmc << " s, kind " << t.kind << " s, as written "
            << t.plain << " s)\n";
  // The generator must produce both outcomes, or the agreement means little.
  EXPECT_GT(t.violated, n / 4);
  EXPECT_GT(t.proved_explicit, n / 4);
  EXPECT_GT(t.proved_kind, 0);
  // And the features the generator is there to exercise.
  EXPECT_GT(t.two_cpus, n / 4);
  EXPECT_GT(t.nested, n / 8);
  EXPECT_GT(t.shift_checks, n / 20);
  EXPECT_GT(t.per_cpu_checks, n / 20);
  EXPECT_GT(t.noinstr_checks, n / 10);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomModels, ::testing::Range(0, kShards));

TEST(Generator, IsDeterministicAndShrinkable) {
  EXPECT_EQ(generate(7).render(), generate(7).render());
  EXPECT_NE(generate(7).render(), generate(8).render());
  const GModel m = generate(3);
  ASSERT_GT(m.items(), 2);
  const GModel less = m.without(0);
  EXPECT_EQ(less.items(), m.items() - 1);
  EXPECT_TRUE(load_text(less.render(), nullptr));
}

// Every saved regression (and the hand-written seeds) must stay in agreement.
TEST(Regressions, SavedModelsAgree) {
  const std::filesystem::path dir(CROSSCHECK_DATA_DIR);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::vector<std::filesystem::path> files;
  for (const auto &e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".ct") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const std::filesystem::path &f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    std::string errors;
    std::unique_ptr<frontend::LoadedModel> lm = load_text(text.str(), &errors);
    ASSERT_TRUE(lm) << f << ":\n" << errors;
    const Outcome o = run_engines(*lm, Config{});
    std::ostringstream problems;
    for (const std::string &p : o.problems) problems << "  " << p << "\n";
    EXPECT_TRUE(o.problems.empty()) << f << ":\n" << problems.str() << o.table();
  }
}

}  // namespace
}  // namespace ctcheck::crosscheck
