// Cost events change nothing: every case of the corpus, lowered with its cost
// annotations and with them stripped (same lines), has the same state
// variables, the same actions (kind, place, statement, updates, checks), and
// the explicit engine finds the same number of states on the reduced system.
#include <gtest/gtest.h>

#include <filesystem>

#include "engines/explore.h"
#include "ir/reduce.h"
#include "load.h"

namespace ctcheck::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus() {
  std::vector<std::string> out;
  for (const char *dir : {"cases", "cases/mutants"})
    for (const auto &e : fs::directory_iterator(fs::path(CTCHECK_SOURCE_DIR) / dir))
      if (e.path().extension() == ".ct") out.push_back(std::string(dir) + "/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Cost events other than local_irq_save()'s (the strip keeps that step, and its pair).
std::size_t total_costs(const ir::TransitionSystem &ts) {
  std::size_t n = 0;
  for (const ir::Action &a : ts.actions)
    for (const ir::CostEvent &c : a.costs) n += c.kind != ir::CostKind::IrqSaveRestore;
  return n;
}

// Same shape, apart from the costs.
void expect_same_system(const ir::TransitionSystem &a, const ir::TransitionSystem &b,
                        const std::string &what) {
  ASSERT_EQ(ir::state_bits(a), ir::state_bits(b)) << what;
  ASSERT_EQ(a.vars.size(), b.vars.size()) << what;
  for (std::size_t i = 0; i < a.vars.size(); ++i) EXPECT_EQ(a.vars[i].name, b.vars[i].name) << what;
  ASSERT_EQ(a.actions.size(), b.actions.size()) << what;
  for (std::size_t i = 0; i < a.actions.size(); ++i) {
    const ir::Action &x = a.actions[i], &y = b.actions[i];
    EXPECT_TRUE(x.kind == y.kind && x.cpu == y.cpu && x.level == y.level && x.pc == y.pc &&
                x.loc.line == y.loc.line && x.updates.size() == y.updates.size() &&
                x.checks.size() == y.checks.size() && x.fault_point == y.fault_point)
        << what << ": action " << i << " (" << x.procedure << ": " << x.text << ")";
  }
}

std::uint64_t explicit_states(const ir::TransitionSystem &ts) {
  engines::Explorer::Limits limits;
  limits.max_states = 20'000;  // identical systems give identical searches, complete or not
  engines::Explorer x(ts, limits);
  engines::Explorer::Visitor none;
  x.run(none);
  return x.states();
}

TEST(CostSemantics, StrippingCostEventsChangesNoSystemOfTheCorpus) {
  std::size_t with_costs = 0;
  for (const std::string &rel : corpus()) {
    auto kept = lower_repo(rel), stripped = lower_repo(rel, /*strip_costs=*/true);
    ASSERT_TRUE(kept && stripped) << rel;
    EXPECT_EQ(total_costs(stripped->ts), 0u) << rel << ": the strip missed a cost";
    with_costs += total_costs(kept->ts) > 0;
    expect_same_system(kept->ts, stripped->ts, rel);
    const ir::Reduction rk = ir::reduce(kept->ts), rs = ir::reduce(stripped->ts);
    expect_same_system(rk.ts, rs.ts, rel + " (reduced)");
    EXPECT_EQ(explicit_states(rk.ts), explicit_states(rs.ts)) << rel;
  }
  EXPECT_GT(with_costs, 20u);  // the corpus is annotated: the comparison is not vacuous
}

}  // namespace
}  // namespace ctcheck::testing
