// enabled_actions (lookup tables) against enabled_actions_by_scan (every
// action), on the toy model's reachable states, and fire() semantics.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sim/simulator.h"
#include "sim/toy_system.h"

namespace ctcheck::sim {
namespace {

using testing::make_toy;
using testing::Toy;

// Random walk that ignores properties, comparing both lookups in every state.
void walk_and_compare(const Toy &toy, std::uint64_t seed, int steps) {
  Simulator sim(toy.ts);
  std::mt19937_64 rng(seed);
  Values s = *sim.initial_state();
  for (int k = 0; k < steps; ++k) {
    const std::vector<int> en = sim.enabled_actions(s);
    ASSERT_EQ(en, sim.enabled_actions_by_scan(s)) << "seed " << seed << " step " << k;
    ASSERT_FALSE(en.empty());
    const int a = en[rng() % en.size()];
    Values in(toy.ts.inputs.size(), 0);
    for (std::uint32_t i : toy.ts.actions[a].inputs) in[i] = rng() % 3;
    if (!sim.can_fire(a, s, in)) continue;
    s = sim.fire(a, s, in);
  }
}

TEST(Enabled, TablesAgreeWithScanOnOneCpu) {
  const Toy toy = make_toy(1);
  for (std::uint64_t seed = 0; seed < 40; ++seed) walk_and_compare(toy, seed, 200);
}

TEST(Enabled, TablesAgreeWithScanOnTwoCpus) {
  const Toy toy = make_toy(2);
  for (std::uint64_t seed = 0; seed < 40; ++seed) walk_and_compare(toy, seed, 200);
}

TEST(Enabled, InitialStateEnablesTaskAndBothInterrupts) {
  const Toy toy = make_toy(1);
  Simulator sim(toy.ts);
  const Values s = *sim.initial_state();
  const auto &k = toy.cpu[0];
  std::vector<int> want = {k.task[1], k.deliver[1][0], k.deliver[1][1]};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(sim.enabled_actions(s), want);
  EXPECT_TRUE(sim.is_initial(s));
}

TEST(Enabled, IrqNotDeliverableWithIrqsOff) {
  const Toy toy = make_toy(1);
  Simulator sim(toy.ts);
  const auto &k = toy.cpu[0];
  Values s = *sim.initial_state();
  s = sim.fire(k.task[1], s, {0});
  s = sim.fire(k.task[2], s, {0});  // local_irq_disable()
  EXPECT_EQ(s[k.irq_flag], 0u);
  std::vector<int> want = {k.task[3], k.deliver[1][1]};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(sim.enabled_actions(s), want);
}

// Proves the tables are really consulted: a table that forgets an action
// makes the two lookups differ.
TEST(Enabled, UsesTheTables) {
  Toy toy = make_toy(1);
  const int forgotten = toy.cpu[0].deliver[1][1];
  toy.ts.deliver_at[0][1][1] = -1;
  Simulator sim(toy.ts);
  const Values s = *sim.initial_state();
  const std::vector<int> by_table = sim.enabled_actions(s), by_scan = sim.enabled_actions_by_scan(s);
  EXPECT_EQ(std::count(by_table.begin(), by_table.end(), forgotten), 0);
  EXPECT_EQ(std::count(by_scan.begin(), by_scan.end(), forgotten), 1);
}

// Without tables (a hand-written TS) enabled_actions falls back to the scan.
TEST(Enabled, FallsBackToScanWithoutTables) {
  Toy toy = make_toy(1);
  toy.ts.exec_at.clear();
  toy.ts.deliver_at.clear();
  toy.ts.return_at.clear();
  Simulator sim(toy.ts);
  const Values s = *sim.initial_state();
  EXPECT_EQ(sim.enabled_actions(s), sim.enabled_actions_by_scan(s));
  EXPECT_EQ(sim.enabled_actions(s).size(), 3u);
}

TEST(Fire, ParallelUpdatesAndWrapAround) {
  const Toy toy = make_toy(1);
  Simulator sim(toy.ts);
  const auto &k = toy.cpu[0];
  Values s = *sim.initial_state();
  s = sim.fire(k.task[1], s, {2});
  EXPECT_EQ(s[toy.count], 2u);
  EXPECT_EQ(s[k.x], 2u);
  EXPECT_EQ(s[k.pc[0]], 2u);
  s = sim.fire(k.task[2], s, {0});
  EXPECT_EQ(s[k.wrap], 255u);  // u8 0 - 1
  // Deliver saves the pre-state IF/mode, all right-hand sides read the pre-state.
  Values t = *sim.initial_state();
  t = sim.fire(k.deliver[1][1], t, {});
  EXPECT_EQ(t[k.saved_if[1]], 1u);
  EXPECT_EQ(t[k.irq_flag], 0u);
  EXPECT_EQ(t[k.depth], 1u);
  t = sim.fire(k.handler[1][10], t, {});
  EXPECT_EQ(t[k.nesting], 0x0140000000000001ULL);
  t = sim.fire(k.ret[1], t, {});
  EXPECT_EQ(t[k.irq_flag], 1u);
  EXPECT_EQ(t[k.depth], 0u);
  EXPECT_EQ(t[toy.seen_nmi], 1u);
}

TEST(Checks, AssertionFailsEvenWhenAGuardBlocks) {
  const Toy toy = make_toy(1);
  Simulator sim(toy.ts);
  const auto &k = toy.cpu[0];
  Values s = *sim.initial_state();
  s = sim.fire(k.task[1], s, {2});       // count = 2
  s = sim.fire(k.deliver[1][0], s, {});  // timer_irq
  const int h = k.handler[1][1];
  EXPECT_FALSE(sim.can_fire(h, s, {0}));  // assume(count < 2)
  EXPECT_EQ(sim.failed_checks(h, s, {0}), std::vector<std::uint32_t>{toy.balanced});
  EXPECT_TRUE(sim.violated_invariants(s).empty());
  s[toy.count] = 3;
  EXPECT_EQ(sim.violated_invariants(s), std::vector<std::uint32_t>{toy.below3});
}

TEST(Initial, ConstraintAndRandomDraws) {
  Toy toy = make_toy(1);
  toy.ts.vars[toy.cpu[0].wrap].init.reset();  // wrap = any, but constrained odd
  ir::ExprPool &p = toy.ts.pool;
  const ir::ExprId wrap = p.var(toy.cpu[0].wrap, ir::Sort::bv(8));
  toy.ts.init_constraint =
      p.eq(p.binary(ir::Op::BvAnd, wrap, p.constant(ir::Sort::bv(8), 1)), p.constant(ir::Sort::bv(8), 1));
  Simulator sim(toy.ts);
  EXPECT_FALSE(sim.initial_state().has_value());  // 0 is even
  std::mt19937_64 rng(1);
  int found = 0;
  for (int n = 0; n < 50; ++n)
    if (auto s = sim.initial_state(&rng)) {
      ++found;
      EXPECT_EQ((*s)[toy.cpu[0].wrap] & 1, 1u);
      EXPECT_TRUE(sim.is_initial(*s));
    }
  EXPECT_GT(found, 0);
  Values even(toy.ts.vars.size(), 0);
  for (std::size_t i = 0; i < even.size(); ++i) even[i] = toy.ts.vars[i].init.value_or(0);
  EXPECT_FALSE(sim.is_initial(even));
  even[toy.cpu[0].wrap] = 3;
  EXPECT_TRUE(sim.is_initial(even));
  even[toy.count] = 1;
  EXPECT_FALSE(sim.is_initial(even));
}

}  // namespace
}  // namespace ctcheck::sim
