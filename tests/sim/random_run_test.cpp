// random_run: deterministic per seed, finds the toy model's known violations,
// and every counterexample it reports replays.
#include "sim/random_run.h"

#include <gtest/gtest.h>

#include "sim/toy_system.h"

namespace ctcheck::sim {
namespace {

using testing::make_toy;
using testing::Toy;

std::vector<int> actions_of(const core::Trace &t) {
  std::vector<int> out;
  for (const auto &s : t.steps) out.push_back(s.action);
  return out;
}

TEST(RandomRun, DeterministicPerSeed) {
  const Toy toy = make_toy(2);
  bool some_differ = false;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    RandomRunOptions o;
    o.seed = seed;
    o.steps = 50;
    const RandomRun r1 = random_run(toy.ts, o), r2 = random_run(toy.ts, o);
    EXPECT_EQ(r1.end, r2.end);
    EXPECT_EQ(actions_of(r1.trace), actions_of(r2.trace));
    ASSERT_EQ(r1.trace.steps.size(), r2.trace.steps.size());
    for (std::size_t k = 0; k < r1.trace.steps.size(); ++k) {
      EXPECT_EQ(r1.trace.steps[k].inputs, r2.trace.steps[k].inputs);
      EXPECT_EQ(r1.trace.steps[k].state, r2.trace.steps[k].state);
    }
    o.seed = seed + 1000;
    if (actions_of(random_run(toy.ts, o).trace) != actions_of(r1.trace)) some_differ = true;
  }
  EXPECT_TRUE(some_differ);
}

TEST(RandomRun, FindsKnownViolationsAndTheyReplay) {
  const Toy toy = make_toy(1);
  Simulator sim(toy.ts);
  int balanced = 0, below3 = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    RandomRunOptions o;
    o.seed = seed;
    o.steps = 2000;  // NMI storms can delay the bug for a while
    const RandomRun r = random_run(toy.ts, o);
    ASSERT_EQ(r.end, RunEnd::Violation) << "seed " << seed;
    ASSERT_TRUE(r.violation);
    EXPECT_EQ(r.violation->property, r.trace.property);
    EXPECT_EQ(r.violation->action, r.trace.violating_action);
    EXPECT_EQ(sim.replay(r.trace), "") << "seed " << seed;
    if (r.trace.property == toy.balanced) {
      ++balanced;
      EXPECT_GE(r.trace.depth(), 2);  // shortest counterexample
    } else {
      ASSERT_EQ(r.trace.property, toy.below3);
      ++below3;
      EXPECT_GE(r.trace.depth(), 3);
      EXPECT_EQ(r.trace.violating_action, -1);
    }
  }
  EXPECT_GT(balanced, 0);
  EXPECT_GT(below3, 0);
}

TEST(RandomRun, StepLimitWithoutProperties) {
  Toy toy = make_toy(2);
  toy.ts.properties.clear();
  for (auto &a : toy.ts.actions) a.checks.clear();
  RandomRunOptions o;
  o.steps = 30;
  o.seed = 5;
  const RandomRun r = random_run(toy.ts, o);
  EXPECT_EQ(r.end, RunEnd::StepLimit);
  EXPECT_EQ(r.trace.depth(), 30);
  EXPECT_FALSE(r.violation);
}

// One action that disables itself: a deadlock after one step.
TEST(RandomRun, ReportsDeadlock) {
  ir::TransitionSystem ts;
  ts.pool.tru();
  ir::StateVar done;
  done.name = "done";
  done.sort = ir::Sort::boolean();
  done.init = 0;
  ts.vars.push_back(done);
  ir::Action a;
  a.enabled = ts.pool.lnot(ts.pool.var(0, ir::Sort::boolean()));
  a.guard = ts.pool.tru();
  a.updates = {{0, ts.pool.tru()}};
  ts.actions.push_back(a);
  RandomRunOptions o;
  o.steps = 10;
  const RandomRun r = random_run(ts, o);
  EXPECT_EQ(r.end, RunEnd::Deadlock);
  EXPECT_EQ(r.trace.depth(), 1);
  EXPECT_STREQ(to_string(r.end), "deadlock");
}

TEST(RandomRun, ReportsImpossibleInitialState) {
  Toy toy = make_toy(1);
  toy.ts.init_constraint = toy.ts.pool.fls();
  const RandomRun r = random_run(toy.ts, RandomRunOptions{});
  EXPECT_EQ(r.end, RunEnd::NoInitialState);
}

}  // namespace
}  // namespace ctcheck::sim
