// The incremental design promises that depth k+1 costs about as much as depth
// k. This checks it on a dynticks-shaped system (4 CPUs, 29 actions, 64-bit
// counters, properties that hold). Timing tests are flaky on shared machines,
// so the measurement is disabled by default; run it with
//   engines_test --gtest_also_run_disabled_tests --gtest_filter='BmcScaling.*'
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "engines/bmc.h"
#include "fixture.h"

namespace ctcheck::engines {
namespace {

using testing::SystemBuilder;

// Per CPU: pc (0 idle, 1-2 in the kernel), irq nesting, IF, and an RCU-style
// dynticks counter that is odd exactly when the CPU is idle (pc 0, no irq).
SystemBuilder dynticks_system(int cpus) {
  SystemBuilder b;
  const ir::Sort u64 = ir::Sort::bv(64), u32 = ir::Sort::bv(32);
  const std::uint32_t gp = b.var("gp_seq", u64, 0);
  const std::uint32_t dynticks_ok = b.assertion("dynticks_even_in_kernel");
  for (int c = 0; c < cpus; ++c) {
    const std::string p = "cpu" + std::to_string(c) + ".";
    const std::uint32_t pc = b.u8(p + "pc", 0), nest = b.var(p + "nesting", u32, 0);
    const std::uint32_t irq = b.var(p + "IF", ir::Sort::boolean(), 1);
    const std::uint32_t dyn = b.var(p + "dynticks", u64, 1), snap = b.var(p + "snap", u64, 0);
    auto pc_is = [&](std::uint64_t v) { return b.eq(b.v(pc), b.c(8, v)); };
    const ir::ExprId no_irq = b.eq(b.v(nest), b.c(32, 0));
    const ir::ExprId dyn1 = b.add(b.v(dyn), b.c(64, 1));
    const ir::ExprId idle = b.land(pc_is(0), no_irq);
    const ir::ExprId odd = b.eq(b.ts.pool.binary(ir::Op::BvAnd, b.v(dyn), b.c(64, 1)), b.c(64, 1));
    b.action(p + "enter", {{pc, b.c(8, 1)}, {dyn, b.ts.pool.ite(no_irq, dyn1, b.v(dyn))}}, pc_is(0));
    const int work = b.action(p + "work", {{pc, b.c(8, 2)}, {snap, b.v(dyn)}}, pc_is(1));
    b.check(work, dynticks_ok, b.lnot(odd));
    b.action(p + "exit", {{pc, b.c(8, 0)}, {dyn, b.ts.pool.ite(no_irq, dyn1, b.v(dyn))}}, pc_is(2));
    b.action(p + "irq_enter", {{nest, b.c(32, 1)}, {dyn, b.ts.pool.ite(pc_is(0), dyn1, b.v(dyn))}},
             b.land(b.v(irq), no_irq));
    b.action(p + "irq_exit", {{nest, b.c(32, 0)}, {dyn, b.ts.pool.ite(pc_is(0), dyn1, b.v(dyn))}},
             b.lnot(no_irq));
    b.action(p + "irq_off", {{irq, b.fls()}}, b.land(pc_is(1), b.v(irq)));
    b.action(p + "irq_on", {{irq, b.tru()}}, b.lnot(b.v(irq)));
    b.invariant(p + "odd_iff_idle", b.eq(odd, idle));
    b.invariant(p + "nesting_le_1", b.ule(b.v(nest), b.c(32, 1)));
  }
  b.action("gp_advance", {b.incr(gp)});
  return b;
}

TEST(BmcScaling, DynticksSystemHoldsUpToSmallDepth) {
  SystemBuilder b = dynticks_system(2);
  Bmc::Options o;
  o.max_depth = 6;
  for (const PropertyResult &r : Bmc(b.ts, o).run())
    EXPECT_EQ(r.verdict, Verdict::Bounded) << r.property << ": " << r.reason;
}

TEST(BmcScaling, DISABLED_SecondsPerDepth) {
  SystemBuilder b = dynticks_system(4);
  std::cout << "system: " << b.ts.vars.size() << " vars, " << b.ts.actions.size() << " actions, "
            << b.ts.properties.size() << " properties\n";
  for (int depth : {10, 20, 40, 80}) {
    Bmc::Options o;
    o.max_depth = depth;
    double last = 0, worst_step = 0;
    o.progress = [&](const Progress &p) {
      worst_step = std::max(worst_step, p.seconds - last);
      last = p.seconds;
    };
    const auto t0 = std::chrono::steady_clock::now();
    const auto res = Bmc(b.ts, o).run();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (const PropertyResult &r : res) ASSERT_EQ(r.verdict, Verdict::Bounded) << r.property;
    std::cout << "depth " << depth << ": " << secs << " s total, slowest depth " << worst_step << " s\n";
  }
}

}  // namespace
}  // namespace ctcheck::engines
