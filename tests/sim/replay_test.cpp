// Simulator::replay accepts real counterexamples and rejects each kind of
// tampering with a reason that names the step and the culprit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/simulator.h"
#include "sim/toy_traces.h"

namespace ctcheck::sim {
namespace {

using namespace ctcheck::testing;
using ::testing::HasSubstr;

class Replay : public ::testing::Test {
 protected:
  Toy toy = make_toy(1);
  Simulator sim{toy.ts};
  const ToyCpu &k = toy.cpu[0];
};

TEST_F(Replay, AcceptsKnownCounterexamples) {
  EXPECT_EQ(sim.replay(balanced_trace(toy)), "");
  EXPECT_EQ(sim.replay(below3_trace(toy)), "");
  EXPECT_EQ(sim.replay(long_trace(toy)), "");
}

// The states of the balanced trace, written out by hand.
TEST_F(Replay, RecordedStatesAreTheExpectedOnes) {
  const core::Trace t = balanced_trace(toy);
  ASSERT_EQ(t.depth(), 2);
  Values s = t.initial;
  EXPECT_EQ(s[k.pc[0]], 1u);
  EXPECT_EQ(s[k.nesting], 0x0140000000000000ULL);
  s[toy.count] = 1;
  s[k.x] = 1;
  s[k.pc[0]] = 2;
  EXPECT_EQ(t.steps[0].state, s);
  s[k.depth] = 1;
  s[k.source[1]] = 1;
  s[k.pc[1]] = 1;
  s[k.saved_if[1]] = 1;
  s[k.irq_flag] = 0;
  EXPECT_EQ(t.steps[1].state, s);
}

TEST_F(Replay, RejectsWrongStateValue) {
  core::Trace t = balanced_trace(toy);
  t.steps[0].state[toy.count] = 2;
  EXPECT_EQ(sim.replay(t), "step 1: after action #" + std::to_string(k.task[1]) +
                               " (cpu0 task_loop: x = nondet_int(0, 2); count += x at toy.ct:5), "
                               "count is recorded as 2 but the action yields 1");
}

TEST_F(Replay, RejectsWrongInitialState) {
  core::Trace t = balanced_trace(toy);
  t.initial[toy.count] = 5;
  EXPECT_EQ(sim.replay(t), "initial state: count is 5 but the model initialises it to 0");
  t = balanced_trace(toy);
  t.initial.pop_back();
  EXPECT_THAT(sim.replay(t), HasSubstr("initial state has"));
  t = balanced_trace(toy);
  t.initial[k.wrap] = 256;
  EXPECT_EQ(sim.replay(t), "initial state: cpu0.wrap = 256 does not fit in 8 bits");
}

TEST_F(Replay, RejectsDisabledAction) {
  core::Trace t = balanced_trace(toy);
  t.steps[1].action = k.ret[1];  // iret with no handler running
  EXPECT_EQ(sim.replay(t), "step 2: action #" + std::to_string(k.ret[1]) + " (cpu0) is not enabled");
  t.steps[1].action = 100000;
  EXPECT_THAT(sim.replay(t), HasSubstr("step 2: action #100000 does not exist"));
}

TEST_F(Replay, RejectsStepWhoseGuardFails) {
  // count = 2, the IRQ arrives, then its assume(count < 2) blocks the handler.
  core::Trace t =
      build_trace(toy, {{k.task[1], {2}}, {k.deliver[1][0], {0}}}, toy.balanced, k.handler[1][1], {0});
  ASSERT_EQ(sim.replay(t), "");  // the assertion still fails: the guard comes after it
  Values s = t.final_state();
  s[k.pc[1]] = 2;
  t.steps.push_back({k.handler[1][1], {0}, s});
  EXPECT_THAT(sim.replay(t), HasSubstr("step 3: the guard of action #" + std::to_string(k.handler[1][1])));
  EXPECT_THAT(sim.replay(t), HasSubstr("is false with the recorded inputs"));
}

TEST_F(Replay, RejectsOutOfDomainInput) {
  core::Trace t = balanced_trace(toy);
  t.steps[0].inputs = {3};
  EXPECT_EQ(sim.replay(t), "step 1: input cpu0.nondet@toy.ct:5 = 3 is outside its domain [0, 2]");
  t.steps[0].inputs = {};
  EXPECT_EQ(sim.replay(t), "step 1: has 0 input values but the model has 1 inputs");
  t = balanced_trace(toy);
  t.violating_inputs = {7};
  EXPECT_EQ(sim.replay(t), "violating step: input cpu0.nondet@toy.ct:5 = 7 is outside its domain [0, 2]");
}

TEST_F(Replay, RejectsWrongProperty) {
  core::Trace t = balanced_trace(toy);
  t.property = toy.below3;
  EXPECT_EQ(sim.replay(t), "property count_below_3 is an invariant but the trace names a violating action");
  t.violating_action = -1;
  EXPECT_EQ(sim.replay(t), "invariant count_below_3 holds in the final state");
  t.property = 9;
  EXPECT_EQ(sim.replay(t), "trace names property #9 but the model has 2 properties");
  t = below3_trace(toy);
  t.property = toy.balanced;
  EXPECT_EQ(sim.replay(t), "assertion balanced needs a violating action, the trace has #-1");
}

TEST_F(Replay, RejectsViolationThatDoesNotHappen) {
  core::Trace t = balanced_trace(toy);
  t.steps.pop_back();  // IRQ not delivered: the handler is not enabled
  EXPECT_EQ(sim.replay(t), "violating action #" + std::to_string(k.handler[1][1]) +
                               " (cpu0 timer_irq: assert balanced(count == 0); assume(count < 2) at "
                               "toy.ct:14) is not enabled in the final state");
  // Deliver with count == 0: the assertion holds.
  t = build_trace(toy, {{k.deliver[1][0], {0}}}, toy.balanced, k.handler[1][1], {0});
  EXPECT_THAT(sim.replay(t), HasSubstr("does not fail assertion balanced in the final state"));
}

TEST_F(Replay, TwoCpuTraceReplays) {
  const Toy two = make_toy(2);
  Simulator sim2(two.ts);
  // cpu0 adds 1, cpu1 takes the IRQ and sees count == 1.
  const core::Trace t = build_trace(two, {{two.cpu[0].task[1], {1, 0}}, {two.cpu[1].deliver[1][0], {0, 0}}},
                                    two.balanced, two.cpu[1].handler[1][1], {0, 0});
  EXPECT_EQ(sim2.replay(t), "");
  core::Trace bad = t;
  bad.steps[1].state[two.cpu[0].depth] = 1;
  EXPECT_THAT(sim2.replay(bad), HasSubstr("cpu0.depth is recorded as 1 but the action yields 0"));
}

}  // namespace
}  // namespace ctcheck::sim
