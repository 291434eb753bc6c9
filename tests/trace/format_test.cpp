// Values in the model's own terms, context stacks, the one-line interleaving,
// and the verdict helpers of engines/result.h.
#include "trace/format.h"

#include <gtest/gtest.h>

#include "core/result.h"
#include "sim/toy_traces.h"
#include "trace/summary.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;

ir::StateVar var(unsigned width, bool is_signed = false, std::vector<std::string> enums = {}) {
  ir::StateVar v;
  v.name = "v";
  v.sort = width == 0 ? ir::Sort::boolean() : ir::Sort::bv(width);
  v.is_signed = is_signed;
  v.enum_names = std::move(enums);
  return v;
}

TEST(FormatValue, BoolsEnumsAndNumbers) {
  EXPECT_EQ(format_value(var(0), 1), "true");
  EXPECT_EQ(format_value(var(0), 0), "false");
  const ir::StateVar e = var(8, false, {"CONTEXT_KERNEL", "CONTEXT_USER"});
  EXPECT_EQ(format_value(e, 1), "CONTEXT_USER");
  EXPECT_EQ(format_value(e, 7), "7");  // not an enumerator: the code
  EXPECT_EQ(format_value(var(8), 255), "255");
  EXPECT_EQ(format_value(var(8, true), 255), "-1");
  EXPECT_EQ(format_value(var(64, true), ~0ULL), "-1");
  EXPECT_EQ(format_value(var(64, true), 65535), "65535");
  EXPECT_EQ(format_value(var(64, true), 65536), "0x0000000000010000");
  EXPECT_EQ(format_value(var(64, true), 0x0140000000000000ULL), "0x0140000000000000");
  EXPECT_EQ(format_value(var(64, true), 0 - 0x0140000000000000ULL), "-0x0140000000000000");
  EXPECT_EQ(format_value(var(64, true), 0x8000000000000000ULL), "-0x8000000000000000");
  EXPECT_EQ(format_value(var(64), ~0ULL), "0xffffffffffffffff");
  EXPECT_EQ(format_value(var(32), 0x10000), "0x00010000");
  EXPECT_EQ(format_value(var(32, true), 0xfffeffff), "-0x00010001");
}

TEST(Contexts, StackFromSourceVariables) {
  const Toy toy = make_toy(1);
  const core::Trace t = long_trace(toy);
  EXPECT_EQ(format_contexts(contexts(toy.ts, 0, t.initial)), "task task_loop");
  EXPECT_EQ(format_contexts(contexts(toy.ts, 0, t.steps[2].state)), "task task_loop > nmi do_nmi@1");
  EXPECT_TRUE(contexts(toy.ts, 5, t.initial).empty());
  EXPECT_EQ(action_text(toy.ts, toy.cpu[0].ret[1], &t.steps[3].state), "<iret from do_nmi>");
  EXPECT_EQ(action_text(toy.ts, toy.cpu[0].ret[1]), "<iret>");
}

TEST(Summary, OneCpuStory) {
  const Toy toy = make_toy(1);
  EXPECT_EQ(interleaving_summary(toy.ts, long_trace(toy)),
            "cpu0: NMI do_nmi arrives before update_count -> do_nmi returns -> update_count enables IRQs"
            " -> IRQ timer_irq arrives in task_loop -> assert balanced fails in timer_irq");
  EXPECT_EQ(interleaving_summary(toy.ts, balanced_trace(toy)),
            "cpu0: IRQ timer_irq arrives in task_loop -> assert balanced fails in timer_irq");
  EXPECT_EQ(interleaving_summary(toy.ts, below3_trace(toy)),
            "cpu0: invariant count_below_3 fails after update_count");
  core::Trace empty = below3_trace(toy);
  empty.steps.clear();
  EXPECT_EQ(interleaving_summary(toy.ts, empty), "invariant count_below_3 fails in the initial state");
}

TEST(Summary, TwoCpuStoryNamesEachCpu) {
  const Toy two = make_toy(2);
  const ToyCpu &c0 = two.cpu[0], &c1 = two.cpu[1];
  // cpu1 runs its loop once and re-enables IRQs, cpu0 adds 1 and takes an
  // NMI, then cpu1 takes the IRQ and sees cpu0's half-done update.
  const core::Trace t = build_trace(two,
                                    {{c1.task[1], {0, 0}},
                                     {c1.task[2], {0, 0}},
                                     {c1.task[3], {0, 0}},
                                     {c1.task[4], {0, 0}},
                                     {c0.task[1], {1, 0}},
                                     {c0.deliver[1][1], {0, 0}},
                                     {c1.deliver[1][0], {0, 0}}},
                                    two.balanced, c1.handler[1][1], {0, 0});
  EXPECT_EQ(sim::Simulator(two.ts).replay(t), "");
  EXPECT_EQ(interleaving_summary(two.ts, t),
            "cpu0: NMI do_nmi arrives in task_loop -> cpu1: update_count enables IRQs -> IRQ timer_irq "
            "arrives in task_loop -> assert balanced fails in timer_irq");
}

}  // namespace
}  // namespace ctcheck::trace
