// The explicit-state engine on a hand-built system whose state space is known
// exactly: a counter c in 0..9 (`inc`, enabled while c < 9) and a bit b that
// `flip` toggles at any time. (c, b) is reachable in c + b steps and no fewer,
// so there are 20 states and the deepest BFS level is 10.
#include "engines/explicit.h"

#include <gtest/gtest.h>

#include "fixture.h"
#include "sim/simulator.h"

namespace ctcheck::engines {
namespace {

using testing::SystemBuilder;

struct Grid {
  SystemBuilder b;
  std::uint32_t c = b.u8("c", 0);
  std::uint32_t bit = b.var("b", ir::Sort::bv(1), 0);
  int inc, flip;
  std::uint32_t c_not_7, safe, not_c5_b1, c_not_1;
  Grid() {
    inc = b.action("inc", {b.incr(c)}, b.ult(b.v(c), b.c(8, 9)));
    flip = b.action("flip", {b.incr(bit)});
    c_not_7 = b.invariant("c_not_7", b.ne(b.v(c), b.c(8, 7)));    // first false at depth 7
    safe = b.invariant("c_at_most_9", b.ule(b.v(c), b.c(8, 9)));  // holds in all 20 states
    // `inc` from (5, 1): a state of depth 6, so the failing step is the 7th.
    not_c5_b1 = b.assertion("inc_not_from_5_1");
    b.check(inc, not_c5_b1, b.lnot(b.land(b.eq(b.v(c), b.c(8, 5)), b.eq(b.v(bit), b.c(1, 1)))));
    c_not_1 = b.invariant("c_not_1", b.ne(b.v(c), b.c(8, 1)));  // first false at depth 1
  }
};

TEST(Explicit, ExactStateCountAndDiameter) {
  Grid g;
  Explicit::Options o;
  o.properties = {"c_at_most_9"};
  Explicit e(g.b.ts, o);
  const auto res = e.run();
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].verdict, Verdict::Proved) << res[0].reason;
  EXPECT_EQ(res[0].engine, core::EngineKind::Explicit);
  EXPECT_EQ(e.stats().states, 20u);
  EXPECT_EQ(res[0].diameter, 10);
  EXPECT_EQ(res[0].depth(), 10);
  EXPECT_FALSE(res[0].certified);  // certify_states = 0: no certificate asked for
  EXPECT_NE(res[0].reason.find("20 reachable states"), std::string::npos) << res[0].reason;
}

TEST(Explicit, ShortestViolationsAndTheirTraces) {
  Grid g;
  const auto res = Explicit(g.b.ts, {}).run();
  ASSERT_EQ(res.size(), 4u);
  const PropertyResult &inv = res[g.c_not_7];
  ASSERT_EQ(inv.verdict, Verdict::Violated) << inv.reason;
  EXPECT_EQ(inv.trace_length, 7);
  ASSERT_TRUE(inv.trace.has_value());
  EXPECT_EQ(inv.trace->depth(), 7);
  EXPECT_EQ(inv.trace->violating_action, -1);
  EXPECT_EQ(sim::Simulator(g.b.ts).replay(*inv.trace), "");

  const PropertyResult &as = res[g.not_c5_b1];
  ASSERT_EQ(as.verdict, Verdict::Violated) << as.reason;
  ASSERT_TRUE(as.trace.has_value());
  EXPECT_EQ(as.trace->violating_action, g.inc);
  EXPECT_EQ(as.trace->final_state(), (std::vector<std::uint64_t>{5, 1}));
  EXPECT_EQ(sim::Simulator(g.b.ts).replay(*as.trace), "");

  EXPECT_EQ(res[g.c_not_1].verdict, Verdict::Violated);
  EXPECT_EQ(res[g.c_not_1].trace_length, 1);
  // The violations do not stop the search: the rest is still proved.
  EXPECT_EQ(res[g.safe].verdict, Verdict::Proved);
  EXPECT_EQ(res[g.safe].diameter, 10);
}

TEST(Explicit, StateLimitIsUnknownWithItsCauseAndBound) {
  Grid g;
  Explicit::Options o;
  o.max_states = 5;
  Explicit e(g.b.ts, o);
  const auto res = e.run();
  // Found before the limit: still a violation.
  EXPECT_EQ(res[g.c_not_1].verdict, Verdict::Violated);
  for (std::uint32_t p : {g.c_not_7, g.safe, g.not_c5_b1}) {
    const PropertyResult &r = res[p];
    EXPECT_EQ(r.verdict, Verdict::Unknown) << r.property;
    EXPECT_EQ(r.cause, UnknownCause::StateLimit) << r.property;
    EXPECT_NE(r.reason.find("state limit of 5 states"), std::string::npos) << r.reason;
    // The limit is checked after each expanded state: expanding (2, 0), the
    // first state of level 2, takes the count from 5 to 7 and stops the search
    // there. Levels 0 and 1 were checked whole: no violation up to depth 1.
    EXPECT_EQ(r.bound, 1) << r.reason;
    EXPECT_NE(r.reason.find("no violation up to depth 1"), std::string::npos) << r.reason;
  }
  EXPECT_EQ(e.stats().states, 7u);
  EXPECT_EQ(core::exit_code(res), 1);
}

TEST(Explicit, DepthLimitIsBoundedNotProved) {
  Grid g;
  Explicit::Options o;
  o.max_depth = 4;
  const auto res = Explicit(g.b.ts, o).run();
  EXPECT_EQ(res[g.c_not_1].verdict, Verdict::Violated);
  for (std::uint32_t p : {g.c_not_7, g.safe}) {
    EXPECT_EQ(res[p].verdict, Verdict::Bounded) << res[p].reason;
    EXPECT_EQ(res[p].bound, 4);
    EXPECT_EQ(res[p].cause, UnknownCause::Undecided);
  }
}

TEST(Explicit, CertifiedProofIsCheckedByZ3) {
  Grid g;
  Explicit::Options o;
  o.properties = {"c_at_most_9"};
  o.certify_states = 100;
  const auto res = Explicit(g.b.ts, o).run();
  ASSERT_EQ(res[0].verdict, Verdict::Proved) << res[0].reason;
  EXPECT_TRUE(res[0].certified) << res[0].reason;
  EXPECT_EQ(core::describe(res[0]), "proved (all states, diameter 10, Z3-checked)");
}

}  // namespace
}  // namespace ctcheck::engines
