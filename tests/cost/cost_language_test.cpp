// The language side of cost events: what `cost NAME [N];` and the barrier
// built-ins attach to, what the reduction carries, what sema rejects.
#include <gtest/gtest.h>

#include <sstream>

#include "cost/analysis.h"
#include "ir/reduce.h"
#include "load.h"

namespace ctcheck::testing {
namespace {

using ir::CostKind;

const ir::Action *action_at_line(const ir::TransitionSystem &ts, int line) {
  for (const ir::Action &a : ts.actions)
    if (a.kind == ir::ActionKind::Exec && a.loc.line == line) return &a;
  return nullptr;
}

std::uint64_t sum(const std::vector<ir::CostEvent> &costs, CostKind k) {
  std::uint64_t n = 0;
  for (const ir::CostEvent &c : costs)
    if (c.kind == k) n += c.count;
  return n;
}

const char *kToy = R"(cpus 1;
percpu u2 x = 0;                 // wraps: the IRQ can come back before the task resets it
void handler() {
    int l;
    smp_mb__before_atomic();
    x++;
    cost atomic_inc;
    smp_mb__after_atomic();
    l = x;
    if (l > 1)
        cost hook 3;
    l = l + 1;
    cost vtime;
}
void task() { while (true) { x = 0; } }
task task;
irq handler nest 1;
)";

TEST(CostLanguage, CostsAttachToTheStepThatPassesThemAndTakeNoStep) {
  auto lm = lower_text(kToy);
  ASSERT_TRUE(lm);
  const ir::TransitionSystem &ts = lm->ts;
  // The barrier before x++ is passed on entry: charged to the Deliver.
  for (const ir::Action &a : ts.actions) {
    if (a.kind == ir::ActionKind::Deliver) {
      EXPECT_EQ(sum(a.costs, CostKind::FullBarrier), 1u);
    }
  }
  const ir::Action *inc = action_at_line(ts, 6);
  ASSERT_TRUE(inc);
  EXPECT_EQ(sum(inc->costs, CostKind::Atomic), 1u);
  EXPECT_EQ(sum(inc->costs, CostKind::FullBarrier), 1u);  // smp_mb__after_atomic on the way out
  // No step for lines 5, 7, 8, 11, 13.
  for (int line : {5, 7, 8, 11, 13}) EXPECT_EQ(action_at_line(ts, line), nullptr) << line;
  // The conditional hook: only on the path where l > 1 (its reach is not constant).
  const ir::Action *branch = action_at_line(ts, 10);
  ASSERT_TRUE(branch);
  ASSERT_EQ(sum(branch->costs, CostKind::Hook), 3u);
  EXPECT_EQ(branch->costs[0].line, 11);
  EXPECT_EQ(branch->costs[0].name, "hook");
}

TEST(CostLanguage, MergedStepsCarryEveryStatementsCostsInOrder) {
  auto lm = lower_text(kToy);
  ASSERT_TRUE(lm);
  const ir::Reduction r = ir::reduce(lm->ts);
  // `l = x` is visible (reads x); `if (l > 1)` and `l = l + 1` are local and merge into it.
  const ir::Action *merged = action_at_line(r.ts, 9);
  ASSERT_TRUE(merged);
  ASSERT_EQ(merged->costs.size(), 2u);
  EXPECT_EQ(merged->costs[0].kind, CostKind::Hook);
  EXPECT_EQ(merged->costs[0].line, 11);
  EXPECT_EQ(merged->costs[1].kind, CostKind::Vtime);
  EXPECT_EQ(merged->costs[1].line, 13);
  EXPECT_EQ(merged->procedure, "handler");
}

TEST(CostLanguage, AnalysisCountsMinAndMaxPerPath) {
  auto lm = lower_text(kToy);
  ASSERT_TRUE(lm);
  for (bool reduce : {false, true}) {
    cost::CostOptions opt;
    opt.reduce = reduce;
    const cost::CostReport r = cost::analyse_costs(lm->ts, "m.ct", opt);
    const cost::PathCost *irq = r.find(cost::PathKind::IrqFromKernel);
    ASSERT_TRUE(irq) << reduce;
    EXPECT_EQ((*irq)[CostKind::FullBarrier].min, 2u);
    EXPECT_EQ((*irq)[CostKind::FullBarrier].max, 2u);
    EXPECT_EQ((*irq)[CostKind::Hook].min, 0u);  // l = x after x++: 1 when x was 0 ...
    EXPECT_EQ((*irq)[CostKind::Hook].max, 3u);  // ... 2 or 3 when an earlier IRQ left x at 1 or 2
    EXPECT_EQ((*irq)[CostKind::Vtime].max, 1u);
    EXPECT_FALSE(irq->unbounded);
    EXPECT_EQ(r.find(cost::PathKind::IrqFromUser), nullptr);
  }
}

std::string errors_of(const std::string &text) {
  frontend::LoadedModel lm;
  frontend::Diagnostics diags(lm.sources);
  frontend::FileReader reader = [&text](const std::string &) -> std::optional<std::string> { return text; };
  EXPECT_FALSE(frontend::load_model("m.ct", reader, lm, diags));
  std::ostringstream out;
  diags.print(out);
  return out.str();
}

TEST(CostLanguage, UnknownCostNamesAndBadCountsAreErrorsAtTheirPlace) {
  const std::string head = "cpus 1;\nvoid t() { while (true) { ";
  const std::string tail = " user_code(); } }\ntask t;\n";
  EXPECT_NE(errors_of(head + "cost barier;" + tail).find("m.ct:2:32: error: unknown cost 'barier'"),
            std::string::npos)
      << errors_of(head + "cost barier;" + tail);
  EXPECT_NE(errors_of(head + "cost atomic 0;" + tail).find("m.ct:2:39: error: a cost count must be"),
            std::string::npos)
      << errors_of(head + "cost atomic 0;" + tail);
}

TEST(CostLanguage, CostStaysAnOrdinaryName) {
  auto lm =
      lower_text("cpus 1;\npercpu int cost = 0;\nvoid t() { while (true) { cost = cost + 1; } }\ntask t;\n");
  EXPECT_TRUE(lm);
}

}  // namespace
}  // namespace ctcheck::testing
