// k-induction on hand-built systems (fixture.h): proofs at a known k, shortest
// counterexamples, lazy simple-path constraints, lemma strengthening, and the
// fresh-solver re-check of every proof.
#include "engines/kinduction.h"

#include <gtest/gtest.h>

#include <chrono>

#include "fixture.h"
#include "sim/simulator.h"

namespace ctcheck::engines {
namespace {

using testing::SystemBuilder;

KInduction::Options opts(int k) {
  KInduction::Options o;
  o.max_depth = k;
  return o;
}

// x toggles between 0 and 1: `x < 2` is 1-inductive; `x != 1` fails at depth 1.
struct Toggle : SystemBuilder {
  std::uint32_t x, small, never_one;
  Toggle() {
    x = u8("x", 0);
    action("flip", {{x, ts.pool.ite(eq(v(x), c(8, 0)), c(8, 1), c(8, 0))}});
    small = invariant("small", ult(v(x), c(8, 2)));
    never_one = invariant("never_one", ne(v(x), c(8, 1)));
  }
};

TEST(KInduction, ProvesAnInductiveInvariantAndFindsAShortestCounterexample) {
  Toggle t;
  std::vector<PropertyResult> r = KInduction(t.ts, opts(5)).run();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "small");
  EXPECT_EQ(r[0].verdict, Verdict::Proved);
  EXPECT_EQ(r[0].engine, core::EngineKind::Kind);
  EXPECT_EQ(r[0].depth(), 1);  // k = 1: not valid in every state (k = 0), inductive in one step
  EXPECT_NE(r[0].reason.find("re-checked"), std::string::npos);
  EXPECT_EQ(r[1].verdict, Verdict::Violated);
  EXPECT_EQ(r[1].depth(), 1);
  ASSERT_TRUE(r[1].trace.has_value());
  EXPECT_EQ(sim::Simulator(t.ts).replay(*r[1].trace), "");
}

// Reachable: x = 0 only. Unreachable: x = 1 loops on itself and can jump to 2.
// `x != 2` has a step counterexample 1,1,...,1,2 at every k unless the step
// path must be simple: then it is 2-inductive.
struct Lasso : SystemBuilder {
  std::uint32_t x, not_two;
  Lasso() {
    x = u8("x", 0);
    action("stay", {});
    action("jump", {{x, c(8, 2)}}, eq(v(x), c(8, 1)));
    not_two = invariant("not_two", ne(v(x), c(8, 2)));
  }
};

TEST(KInduction, SimplePathConstraintsAreAddedOnlyWhenTheStepPathLoops) {
  Lasso l;
  std::vector<PropertyResult> r = KInduction(l.ts, opts(6)).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, Verdict::Proved) << r[0].reason;
  EXPECT_EQ(r[0].depth(), 2);
  EXPECT_NE(r[0].reason.find("simple-path"), std::string::npos) << r[0].reason;
}

TEST(KInduction, BoundedWithAReasonWhenInductionDoesNotCloseInMaxK) {
  Lasso l;
  std::vector<PropertyResult> r = KInduction(l.ts, opts(1)).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, Verdict::Bounded);
  EXPECT_EQ(r[0].depth(), 1);
  EXPECT_NE(r[0].reason.find("did not close up to k=1"), std::string::npos) << r[0].reason;
}

TEST(KInduction, AProofThatDoesNotRecheckIsAnInternalError) {
  Lasso l;
  KInduction::Options o = opts(6);
  o.before_recheck = [](KInduction::Proof &p) { p.distinct.clear(); };  // drop the loop exclusion
  std::vector<PropertyResult> r = KInduction(l.ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, Verdict::Unknown);
  EXPECT_EQ(r[0].reason, "internal error: proof did not re-check");
}

TEST(KInduction, RecheckJudgesProofsIndependently) {
  Toggle t;
  KInduction::Proof good{{t.small}, 1, {}, {}};
  EXPECT_EQ(KInduction::recheck(t.ts, good, 0), KInduction::Recheck::Agrees);
  KInduction::Proof step_fails{{t.small}, 0, {}, {}};  // x = 7 is a state: not 0-inductive
  EXPECT_EQ(KInduction::recheck(t.ts, step_fails, 0), KInduction::Recheck::Disagrees);
  KInduction::Proof base_fails{{t.never_one}, 0, {}, {}};  // x = 1 is a state, and reachable at depth 1
  EXPECT_EQ(KInduction::recheck(t.ts, base_fails, 0), KInduction::Recheck::Disagrees);
  KInduction::Proof bad_pair{{t.small}, 1, {}, {{1, 0}}};
  EXPECT_EQ(KInduction::recheck(t.ts, bad_pair, 0), KInduction::Recheck::Disagrees);

  // z stays 5 for ever: `z == 0` is 1-inductive (the step passes) but false initially.
  SystemBuilder b;
  std::uint32_t z = b.u8("z", 5);
  b.action("stay", {});
  std::uint32_t zero = b.invariant("zero", b.eq(b.v(z), b.c(8, 0)));
  KInduction::Proof step_only{{zero}, 1, {}, {}};
  EXPECT_EQ(KInduction::recheck(b.ts, step_only, 0), KInduction::Recheck::Disagrees);
  std::vector<PropertyResult> r = KInduction(b.ts, opts(3)).run();
  EXPECT_EQ(r[0].verdict, Verdict::Violated);
  EXPECT_EQ(r[0].depth(), 0);
}

// x and y count up together to 5 and reset together. `y <= 5` alone needs
// k = 6 (a step path cannot hold six increments in a row); with the lemma
// `x == y` it is 1-inductive.
struct Counters : SystemBuilder {
  std::uint32_t x, y, bounded, equal;
  explicit Counters(bool lemma) {
    x = u8("x", 0);
    y = u8("y", 0);
    action("inc", {incr(x), incr(y)}, ult(v(x), c(8, 5)));
    action("reset", {{x, c(8, 0)}, {y, c(8, 0)}}, ule(c(8, 5), v(x)));
    bounded = invariant("bounded", ule(v(y), c(8, 5)));
    equal = invariant("equal", eq(v(x), v(y)));
    ts.properties[equal].lemma = lemma;
  }
};

TEST(KInduction, WithoutTheLemmaTheInvariantNeedsALargerK) {
  Counters m(false);
  std::vector<PropertyResult> r = KInduction(m.ts, opts(3)).run();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "bounded");
  // Mutual induction still helps: proved together with `equal` as soon as that is.
  EXPECT_EQ(r[1].verdict, Verdict::Proved);
  EXPECT_EQ(r[1].depth(), 1);
  EXPECT_EQ(r[0].verdict, Verdict::Proved);
  EXPECT_EQ(r[0].depth(), 1);
}

TEST(KInduction, ALemmaIsProvedFirstAndStrengthensTheOthers) {
  Counters m(true);
  std::vector<PropertyResult> r = KInduction(m.ts, opts(3)).run();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].property, "equal");
  EXPECT_EQ(r[1].verdict, Verdict::Proved);
  EXPECT_NE(r[1].reason.find("lemma"), std::string::npos);
  EXPECT_EQ(r[0].verdict, Verdict::Proved);
  EXPECT_EQ(r[0].depth(), 1);
  EXPECT_NE(r[0].reason.find("with 1 proved property"), std::string::npos) << r[0].reason;
}

TEST(KInduction, AloneTheInvariantIsOnlyBoundedBelowK6AndProvedAtK6) {
  Counters m(false);
  KInduction::Options o = opts(5);
  o.properties = {"bounded"};  // `equal` is not a lemma: not used
  std::vector<PropertyResult> r = KInduction(m.ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, Verdict::Bounded) << r[0].reason;
  EXPECT_EQ(r[0].depth(), 5);
  o.max_depth = 8;
  r = KInduction(m.ts, o).run();
  EXPECT_EQ(r[0].verdict, Verdict::Proved) << r[0].reason;
  EXPECT_EQ(r[0].depth(), 6);
}

TEST(KInduction, AnUnselectedLemmaStillStrengthensTheSelectedProperty) {
  Counters m(true);
  KInduction::Options o = opts(3);
  o.properties = {"bounded"};
  std::vector<PropertyResult> r = KInduction(m.ts, o).run();
  ASSERT_EQ(r.size(), 1u);  // the lemma is not reported
  EXPECT_EQ(r[0].verdict, Verdict::Proved);
  EXPECT_EQ(r[0].depth(), 1);
}

TEST(KInduction, AViolatedLemmaIsReportedAndNeverAssumed) {
  Counters m(true);
  // A false lemma: y < 3 (violated at depth 3). If it were assumed, `bounded` would follow at k=0.
  const std::uint32_t wrong = m.invariant("wrong", m.ult(m.v(m.y), m.c(8, 3)));
  m.ts.properties[wrong].lemma = true;
  m.ts.properties[m.equal].lemma = false;
  std::vector<PropertyResult> r = KInduction(m.ts, opts(4)).run();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[2].property, "wrong");
  EXPECT_EQ(r[2].verdict, Verdict::Violated);
  EXPECT_EQ(r[2].depth(), 3);
  EXPECT_EQ(r[0].verdict, Verdict::Proved);  // with `equal` (mutual induction), not with `wrong`
}

// An assertion in an action: `inc` asserts x < 3 (fails when taken at x = 3,
// depth 3); a second assertion x < 200 holds and is inductive with `x < 6`.
TEST(KInduction, Assertions) {
  SystemBuilder b;
  std::uint32_t x = b.u8("x", 0);
  int inc = b.action("inc", {b.incr(x)}, b.ult(b.v(x), b.c(8, 5)));
  b.action("reset", {{x, b.c(8, 0)}}, b.ule(b.c(8, 5), b.v(x)));
  std::uint32_t small = b.assertion("small");
  std::uint32_t sane = b.assertion("sane");
  b.check(inc, small, b.ult(b.v(x), b.c(8, 3)));
  b.check(inc, sane, b.ult(b.v(x), b.c(8, 200)));
  std::vector<PropertyResult> r = KInduction(b.ts, opts(4)).run();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[small].verdict, Verdict::Violated);
  EXPECT_EQ(r[small].depth(), 3);
  ASSERT_TRUE(r[small].trace);
  EXPECT_EQ(sim::Simulator(b.ts).replay(*r[small].trace), "");
  EXPECT_EQ(r[sane].verdict, Verdict::Proved);
  EXPECT_EQ(r[sane].depth(), 0);  // inc is only enabled below 5
}

TEST(KInduction, InterruptStopsWithoutAVerdict) {
  Lasso l;
  KInduction k(l.ts, opts(6));
  k.stop();
  std::vector<PropertyResult> r = k.run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].verdict, Verdict::Proved);
  EXPECT_NE(r[0].verdict, Verdict::Violated);
  EXPECT_NE(r[0].reason.find("interrupted"), std::string::npos) << r[0].reason;
}

TEST(KInduction, CallOrderAndOptionsAreChecked) {
  Toggle t;
  KInduction::Options o = opts(2);
  o.properties = {"nope"};
  EXPECT_THROW(KInduction(t.ts, o), std::invalid_argument);
  EXPECT_THROW(KInduction(t.ts, opts(-1)), std::invalid_argument);
  KInduction k(t.ts, opts(2));
  k.run();
  EXPECT_THROW(k.run(), std::logic_error);
}

}  // namespace
}  // namespace ctcheck::engines
