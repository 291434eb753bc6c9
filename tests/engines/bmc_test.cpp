// BMC on hand-built systems whose shortest counterexamples are known.
#include "engines/bmc.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "fixture.h"
#include "sim/simulator.h"

namespace ctcheck::engines {
namespace {

using testing::SystemBuilder;

std::vector<PropertyResult> run_bmc(const ir::TransitionSystem &ts, int depth, double timeout = 0,
                                    std::vector<std::string> props = {}) {
  Bmc::Options o;
  o.max_depth = depth;
  o.timeout_seconds = timeout;
  o.properties = std::move(props);
  Bmc bmc(ts, o);
  return bmc.run();
}

// A violation must carry a trace of exactly that depth that replays.
void expect_violated(const ir::TransitionSystem &ts, const PropertyResult &r, int depth) {
  ASSERT_EQ(r.verdict, Verdict::Violated) << r.property << ": " << r.reason;
  EXPECT_EQ(r.depth(), depth) << r.property;
  EXPECT_EQ(r.engine, core::EngineKind::Bmc);
  ASSERT_TRUE(r.trace.has_value());
  EXPECT_EQ(r.trace->depth(), depth);
  EXPECT_EQ(sim::Simulator(ts).replay(*r.trace), "");
}

// u8 counter from `start`, one action adding 1.
struct Counter {
  SystemBuilder b;
  std::uint32_t c;
  int inc;
  explicit Counter(std::uint64_t start = 0) : c(b.u8("c", start)), inc(b.action("inc", {b.incr(c)})) {}
};

TEST(Bmc, CounterInvariantViolatedAtExactDepth) {
  Counter k;
  k.b.invariant("not5", k.b.ne(k.b.v(k.c), k.b.c(8, 5)));
  const auto res = run_bmc(k.b.ts, 10);
  ASSERT_EQ(res.size(), 1u);
  expect_violated(k.b.ts, res[0], 5);
  EXPECT_EQ(res[0].trace->violating_action, -1);
  EXPECT_EQ(res[0].trace->final_state()[k.c], 5u);
  EXPECT_EQ(exit_code(res), 1);
}

TEST(Bmc, ViolationBeyondMaxDepthIsBounded) {
  Counter k;
  k.b.invariant("not5", k.b.ne(k.b.v(k.c), k.b.c(8, 5)));
  const auto res = run_bmc(k.b.ts, 4);
  ASSERT_EQ(res[0].verdict, Verdict::Bounded);
  EXPECT_EQ(res[0].depth(), 4);
  EXPECT_FALSE(res[0].trace.has_value());
  EXPECT_EQ(exit_code(res), 0);
}

TEST(Bmc, ViolatedInInitialState) {
  Counter k(5);
  k.b.invariant("not5", k.b.ne(k.b.v(k.c), k.b.c(8, 5)));
  expect_violated(k.b.ts, run_bmc(k.b.ts, 3)[0], 0);
}

TEST(Bmc, CounterWrapsAt8Bits) {
  // From 250 the counter stays >= 250 until 255 + 1 wraps to 0 at step 6.
  Counter k(250);
  k.b.invariant("no_wrap", k.b.ule(k.b.c(8, 250), k.b.v(k.c)));
  const auto res = run_bmc(k.b.ts, 20);
  expect_violated(k.b.ts, res[0], 6);
  EXPECT_EQ(res[0].trace->final_state()[k.c], 0u);
}

TEST(Bmc, SafePropertyIsBoundedAtMaxDepth) {
  // assume(c < 10) blocks the increment at 10, so c <= 10 always.
  SystemBuilder b;
  const std::uint32_t c = b.u8("c", 0);
  b.action("inc", {b.incr(c)}, 0, b.ult(b.v(c), b.c(8, 10)));
  b.invariant("le10", b.ule(b.v(c), b.c(8, 10)));
  const auto res = run_bmc(b.ts, 15);
  ASSERT_EQ(res[0].verdict, Verdict::Bounded) << res[0].reason;
  EXPECT_EQ(res[0].depth(), 15);
  EXPECT_EQ(exit_code(res), 0);
}

TEST(Bmc, AssertBeforeAssumeStillFires) {
  // probe: assert(c != 3); assume(false). It never fires, but its assertion
  // is checked in every state where it is enabled.
  Counter k;
  const std::uint32_t p = k.b.assertion("c_not_3");
  const int probe = k.b.action("probe", {{k.c, k.b.c(8, 100)}}, 0, k.b.fls());
  k.b.check(probe, p, k.b.ne(k.b.v(k.c), k.b.c(8, 3)));
  const auto res = run_bmc(k.b.ts, 10);
  expect_violated(k.b.ts, res[0], 3);
  EXPECT_EQ(res[0].trace->violating_action, probe);
  for (const core::TraceStep &s : res[0].trace->steps) EXPECT_EQ(s.action, k.inc);
}

TEST(Bmc, AssertionNeedsEnabledAndReach) {
  Counter k;
  const std::uint32_t p = k.b.assertion("c_not_3");
  // Disabled until c >= 6, and reached only when c is odd: first bad state c = 7.
  const int probe = k.b.action("probe", {}, k.b.ule(k.b.c(8, 6), k.b.v(k.c)));
  const ir::ExprId odd = k.b.eq(k.b.ts.pool.binary(ir::Op::BvAnd, k.b.v(k.c), k.b.c(8, 1)), k.b.c(8, 1));
  k.b.check(probe, p, k.b.fls(), odd);
  const auto res = run_bmc(k.b.ts, 10);
  expect_violated(k.b.ts, res[0], 7);
  EXPECT_EQ(res[0].trace->violating_action, probe);
}

TEST(Bmc, TwoPropertiesFoundAtTheirOwnDepths) {
  Counter k;
  k.b.invariant("not3", k.b.ne(k.b.v(k.c), k.b.c(8, 3)));
  const std::uint32_t p7 = k.b.assertion("not7");
  k.b.check(k.inc, p7, k.b.ne(k.b.v(k.c), k.b.c(8, 7)));
  k.b.invariant("safe", k.b.ule(k.b.v(k.c), k.b.c(8, 200)));
  const auto res = run_bmc(k.b.ts, 12);
  ASSERT_EQ(res.size(), 3u);
  EXPECT_EQ(res[0].property, "not3");
  expect_violated(k.b.ts, res[0], 3);
  EXPECT_EQ(res[1].property, "not7");
  expect_violated(k.b.ts, res[1], 7);
  EXPECT_EQ(res[1].trace->violating_action, k.inc);
  EXPECT_EQ(res[2].verdict, Verdict::Bounded);
  EXPECT_EQ(res[2].depth(), 12);
  EXPECT_LE(res[0].seconds, res[1].seconds);
}

TEST(Bmc, SeveralPropertiesViolatedAtTheSameDepth) {
  Counter k;
  k.b.invariant("a", k.b.ne(k.b.v(k.c), k.b.c(8, 4)));
  k.b.invariant("b", k.b.ult(k.b.v(k.c), k.b.c(8, 4)));
  const auto res = run_bmc(k.b.ts, 8);
  expect_violated(k.b.ts, res[0], 4);
  expect_violated(k.b.ts, res[1], 4);
}

TEST(Bmc, TwoActionInterleaving) {
  // A: x += 1; B: y += x. y == 3 && x == 2 first needs exactly A B A B.
  SystemBuilder b;
  const std::uint32_t x = b.u8("x", 0), y = b.u8("y", 0);
  const int A = b.action("A", {b.incr(x)});
  const int B = b.action("B", {{y, b.add(b.v(y), b.v(x))}});
  b.invariant("not_x2_y3", b.lnot(b.land(b.eq(b.v(x), b.c(8, 2)), b.eq(b.v(y), b.c(8, 3)))));
  const auto res = run_bmc(b.ts, 10);
  expect_violated(b.ts, res[0], 4);
  std::vector<int> order;
  for (const core::TraceStep &s : res[0].trace->steps) order.push_back(s.action);
  EXPECT_EQ(order, (std::vector<int>{A, B, A, B}));
}

TEST(Bmc, OnlyEnabledActionsFire) {
  // Two "threads" with program counters; each step needs its pc enabled.
  SystemBuilder b;
  const std::uint32_t pc = b.u8("pc", 0), x = b.u8("x", 0);
  b.action("s0", {{pc, b.c(8, 1)}, {x, b.c(8, 10)}}, b.eq(b.v(pc), b.c(8, 0)));
  b.action("s1", {{pc, b.c(8, 2)}, {x, b.add(b.v(x), b.c(8, 5))}}, b.eq(b.v(pc), b.c(8, 1)));
  b.invariant("x_not_15", b.ne(b.v(x), b.c(8, 15)));
  b.invariant("x_not_5", b.ne(b.v(x), b.c(8, 5)));  // would need s1 before s0
  const auto res = run_bmc(b.ts, 6);
  expect_violated(b.ts, res[0], 2);
  EXPECT_EQ(res[1].verdict, Verdict::Bounded);
}

TEST(Bmc, InputsStayInTheirDomain) {
  // c += i with i in [0, 3): reaching 7 takes 4 steps (2 + 2 + 2 + 1).
  SystemBuilder b;
  const std::uint32_t c = b.u8("c", 0);
  const std::uint32_t i = b.input("i", ir::Sort::bv(8), 3);
  b.input("unused", ir::Sort::bv(8));
  b.action("step", {{c, b.add(b.v(c), b.in(i))}});
  b.invariant("not7", b.ne(b.v(c), b.c(8, 7)));
  const auto res = run_bmc(b.ts, 8);
  expect_violated(b.ts, res[0], 4);
  for (const core::TraceStep &s : res[0].trace->steps) {
    ASSERT_EQ(s.inputs.size(), 2u);
    EXPECT_LT(s.inputs[i], 3u);
    EXPECT_EQ(s.inputs[1], 0u);  // not read: recorded as 0
  }
}

TEST(Bmc, NondeterministicInitialValueAndInitConstraint) {
  SystemBuilder b;
  const std::uint32_t c = b.u8("c", std::nullopt);
  b.action("inc", {b.incr(c)});
  b.ts.init_constraint = b.ult(b.v(c), b.c(8, 10));  // c starts in [0, 10)
  b.invariant("not20", b.ne(b.v(c), b.c(8, 20)));
  const auto res = run_bmc(b.ts, 15);
  expect_violated(b.ts, res[0], 11);
  EXPECT_EQ(res[0].trace->initial[c], 9u);
}

TEST(Bmc, SystemWithoutActionsChecksOnlyTheInitialState) {
  SystemBuilder b;
  const std::uint32_t c = b.u8("c", 3);
  b.invariant("is3", b.eq(b.v(c), b.c(8, 3)));
  b.invariant("not3", b.ne(b.v(c), b.c(8, 3)));
  const auto res = run_bmc(b.ts, 5);
  EXPECT_EQ(res[0].verdict, Verdict::Bounded);
  expect_violated(b.ts, res[1], 0);
}

TEST(Bmc, CounterexampleThatDoesNotReplayIsUnknown) {
  // Malformed IR: an invariant reading an input. Z3 picks the input freely,
  // the simulator evaluates invariants without inputs, so the trace cannot
  // replay: that must surface as an internal error, never as Violated.
  SystemBuilder b;
  b.u8("c", 0);
  const std::uint32_t i = b.input("i", ir::Sort::bv(8));
  b.invariant("input_zero", b.eq(b.in(i), b.c(8, 0)));
  const auto res = run_bmc(b.ts, 3);
  EXPECT_EQ(res[0].verdict, Verdict::Unknown);
  EXPECT_EQ(res[0].reason.rfind("internal error: counterexample did not replay: ", 0), 0u) << res[0].reason;
  EXPECT_FALSE(res[0].trace.has_value());
}

TEST(Bmc, PropertySelection) {
  Counter k;
  k.b.invariant("not3", k.b.ne(k.b.v(k.c), k.b.c(8, 3)));
  k.b.invariant("not5", k.b.ne(k.b.v(k.c), k.b.c(8, 5)));
  const auto res = run_bmc(k.b.ts, 8, 0, {"not5"});
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].property, "not5");
  expect_violated(k.b.ts, res[0], 5);
  Bmc::Options o;
  o.properties = {"nope"};
  EXPECT_THROW(Bmc(k.b.ts, o), std::invalid_argument);
}

TEST(Bmc, RunsOnlyOnce) {
  Counter k;
  k.b.invariant("not5", k.b.ne(k.b.v(k.c), k.b.c(8, 5)));
  Bmc bmc(k.b.ts, Bmc::Options{});
  bmc.run();
  EXPECT_THROW(bmc.run(), std::logic_error);
}

TEST(Bmc, ProgressReportsEveryDepth) {
  Counter k;
  k.b.invariant("not3", k.b.ne(k.b.v(k.c), k.b.c(8, 3)));
  k.b.invariant("safe", k.b.tru());
  Bmc::Options o;
  o.max_depth = 6;
  std::vector<std::pair<int, int>> seen;
  o.progress = [&](const Progress &p) { seen.push_back({p.depth, p.open}); };
  Bmc(k.b.ts, o).run();
  const std::vector<std::pair<int, int>> want = {{0, 2}, {1, 2}, {2, 2}, {3, 1}, {4, 1}, {5, 1}, {6, 1}};
  EXPECT_EQ(seen, want);
}

// "Factor" the prime 2^62 - 57 into two numbers in (1, 2^32): there is no
// answer, and bit-blasting needs far more than a second to show it, so the
// property can only end Unknown. With `from` > 0 the question only arises once
// counter c (starting at `start`) reaches `from`.
SystemBuilder factoring(std::uint64_t from = 0, std::uint64_t start = 0) {
  SystemBuilder b;
  const std::uint32_t c = b.u8("c", start);
  b.action("inc", {b.incr(c)});
  const ir::Sort u64 = ir::Sort::bv(64);
  const std::uint32_t x = b.var("x", u64, std::nullopt), y = b.var("y", u64, std::nullopt);
  const ir::ExprId n = b.ts.pool.constant(u64, 4611686018427387847ULL);
  const ir::ExprId one = b.ts.pool.constant(u64, 1), lim = b.ts.pool.constant(u64, 1ULL << 32);
  const ir::ExprId factors = b.land(b.land(b.eq(b.ts.pool.binary(ir::Op::Mul, b.v(x), b.v(y)), n),
                                           b.land(b.ult(one, b.v(x)), b.ult(one, b.v(y)))),
                                    b.land(b.ult(b.v(x), lim), b.ult(b.v(y), lim)));
  b.invariant("no_factors", b.lnot(b.land(factors, b.ule(b.c(8, from), b.v(c)))));
  b.action("mix", {{x, b.add(b.v(x), b.v(y))}});
  return b;
}

TEST(Bmc, TimeoutGivesUnknownNeverBounded) {
  SystemBuilder b = factoring();
  const auto res = run_bmc(b.ts, 10, 0.001);
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].verdict, Verdict::Unknown);
  EXPECT_FALSE(res[0].reason.empty());
  EXPECT_FALSE(res[0].trace.has_value());
  EXPECT_EQ(exit_code(res), 3);
}

TEST(Bmc, UnknownAtOneDepthKeepsEarlierVerdicts) {
  // c starts at 2: not2 fails at depth 0, where c = 2 rules out the factoring
  // question by unit propagation alone (so the test does not race the clock);
  // from depth 1 on the factoring is possible and hopeless.
  SystemBuilder b = factoring(3, 2);
  b.invariant("not2", b.ne(b.v(0), b.c(8, 2)));
  const auto res = run_bmc(b.ts, 8, 1.0);
  ASSERT_EQ(res.size(), 2u);
  EXPECT_EQ(res[0].verdict, Verdict::Unknown) << res[0].reason;
  EXPECT_EQ(res[0].cause, UnknownCause::Timeout);
  EXPECT_EQ(res[0].bound, 0);  // gave up at depth 1: no violation up to depth 0
  expect_violated(b.ts, res[1], 0);
  EXPECT_EQ(exit_code(res), 1);
}

TEST(Bmc, HardPropertyLeavesTimeForEasyOnes) {
  // Both open at depth 1: the joint check times out on half the budget, then
  // the easy property is settled on its own before the hard one gives up.
  SystemBuilder b = factoring(3, 2);
  b.invariant("c_small", b.ult(b.v(0), b.c(8, 100)));
  const auto res = run_bmc(b.ts, 1, 2.0);
  EXPECT_EQ(res[0].verdict, Verdict::Unknown) << res[0].reason;
  EXPECT_EQ(res[1].verdict, Verdict::Bounded) << res[1].reason;
}

}  // namespace
}  // namespace ctcheck::engines
