// The reduction (ir/reduce.h) on small lowered models: what merges, what
// stays visible, how slots are shared, and that expanded traces replay.
#include "ir/reduce.h"

#include <gtest/gtest.h>

#include "engines/explicit.h"
#include "model.h"
#include "sim/expand.h"
#include "sim/simulator.h"

namespace ctcheck::ir {
namespace {

using testing::lower_text;

// A task whose loop body is one visible statement followed by local ones, and
// an IRQ that reads the shared variable.
const char *kModel = R"(
cpus 1;
global u8 shared = 0;
void task0() {
    u8 a;
    u8 b;
    while (true) {
        shared = 1;     // visible
        a = 2;          // local
        b = a + 1;      // local
        if (b == 3)     // local branch
            a = 0;
        shared = 0;     // visible
    }
}
void h() {
    u8 c;
    c = shared;         // visible read
    assert seen(c <= 1, "shared is 0 or 1");
}
task task0;
irq h nest 1;
)";

int exec_actions(const TransitionSystem &ts, int level) {
  int n = 0;
  for (const Action &a : ts.actions) n += a.kind == ActionKind::Exec && a.level == level;
  return n;
}

TEST(Reduce, LocalStepsMergeIntoTheVisibleStepBefore) {
  auto lm = lower_text(kModel);
  ASSERT_TRUE(lm);
  ReduceOptions merge_only;
  merge_only.share_slots = false;
  const Reduction r = reduce(lm->ts, merge_only);
  // Task: `shared = 1; a = 2; b = a + 1; if (b == 3); a = 0;` become one step,
  // `shared = 0` another (the loop head `while (true)` takes no step).
  EXPECT_LT(exec_actions(r.ts, 0), exec_actions(lm->ts, 0));
  EXPECT_EQ(exec_actions(r.ts, 0), 2);
  // The handler starts with a visible read: nothing to merge but its assert.
  int absorbed = 0;
  for (const auto &cpu : r.absorbed)
    for (const auto &level : cpu)
      for (bool b : level) absorbed += b;
  EXPECT_EQ(absorbed, exec_actions(lm->ts, 0) + exec_actions(lm->ts, 1) - exec_actions(r.ts, 0) -
                          exec_actions(r.ts, 1));
}

TEST(Reduce, StatementsWithAnAssumeOrAFaultStayVisible) {
  auto lm = lower_text(R"(
cpus 1;
global u8 g = 0;
void task0() {
    u8 a;
    while (true) {
        g = 1;
        a = 1;
        assume(a == 1);
        a = 2;
        may_fault();
        a = 3;
        g = 0;
    }
}
void pf() { g = 0; }
task task0;
exception pf nest 1;
)");
  ASSERT_TRUE(lm);
  ReduceOptions merge_only;
  merge_only.share_slots = false;
  const Reduction r = reduce(lm->ts, merge_only);
  // g = 1 (+ a = 1) | assume (+ a = 2) | may_fault (+ a = 3) | g = 0
  EXPECT_EQ(exec_actions(r.ts, 0), 4);
}

TEST(Reduce, HandlersOfOneLevelShareSlots) {
  auto lm = lower_text(R"(
cpus 1;
global u8 g = 0;
void task0() { while (true) { g = g + 1; } }
void h1() { u8 x; x = g; g = x; }
void h2() { u8 y; y = g; g = y; }
task task0;
irq h1 nest 1;
irq h2 nest 1;
)");
  ASSERT_TRUE(lm);
  const Reduction r = reduce(lm->ts);
  EXPECT_LT(state_bits(r.ts), state_bits(lm->ts));
  // x and y (and their copies per level) fit in one u8 slot per level.
  int slots = 0;
  for (std::size_t v = 0; v < r.ts.vars.size(); ++v) slots += r.var_origin[v] < 0;
  EXPECT_EQ(slots, r.ts.levels - 1);
}

TEST(Reduce, SameVerdictsAndExpandedTracesReplay) {
  auto lm = lower_text(kModel);
  ASSERT_TRUE(lm);
  const Reduction r = reduce(lm->ts);
  engines::Explicit::Options o;
  const auto plain = engines::Explicit(lm->ts, o).run();
  const auto reduced = engines::Explicit(r.ts, o).run();
  ASSERT_EQ(plain.size(), reduced.size());
  const sim::Simulator sim(lm->ts);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].verdict, reduced[i].verdict) << plain[i].property;
    if (!reduced[i].trace) continue;
    core::Trace full;
    std::string why;
    ASSERT_TRUE(sim::expand_trace(sim, r, *reduced[i].trace, full, why)) << why;
    EXPECT_EQ(sim.replay(full), "");
    EXPECT_EQ(full.depth(), reduced[i].trace->depth());
    EXPECT_GE(full.steps.size(), reduced[i].trace->steps.size());
  }
}

}  // namespace
}  // namespace ctcheck::ir
