// `lemma` through the whole pipeline: parsed like an invariant, lowered with
// ir::Property::lemma, proved first by k-induction and used as strengthening;
// and the portfolio's engine selection (kind, auto) over the same model.
#include <gtest/gtest.h>

#include "crosscheck.h"
#include "engines/kinduction.h"
#include "engines/portfolio.h"

namespace ctcheck::crosscheck {
namespace {

const char *kModel = R"(
cpus 1;
bound 10;
global u8 a = 0;
global u8 b = 0;
void task0() {
    while (true) {
        atomic {
            a = a + 1;
            b = b + 1;
        }
        if (a >= 5) {
            atomic {
                a = 0;
                b = 0;
            }
        }
    }
}
task task0;
LEMMA same(a == b, "a and b move together");
invariant count_ok(b <= 5, "b stays small");
)";

std::string with(const std::string &kw) {
  std::string s = kModel;
  s.replace(s.find("LEMMA"), 5, kw);
  return s;
}

TEST(Lemma, IsLoweredAsAnInvariantWithTheFlag) {
  std::string errors;
  auto lm = load_text(with("lemma"), &errors);
  ASSERT_TRUE(lm) << errors;
  ASSERT_EQ(lm->ts.properties.size(), 2u);
  EXPECT_EQ(lm->ts.properties[0].name, "same");
  EXPECT_EQ(lm->ts.properties[0].kind, ir::PropertyKind::Invariant);
  EXPECT_TRUE(lm->ts.properties[0].lemma);
  EXPECT_TRUE(lm->ts.properties[0].holds.has_value());
  EXPECT_FALSE(lm->ts.properties[1].lemma);
  auto inv = load_text(with("invariant"), &errors);
  ASSERT_TRUE(inv);
  EXPECT_FALSE(inv->ts.properties[0].lemma);
}

TEST(Lemma, ErrorsReadAsLemmas) {
  std::string errors;
  EXPECT_FALSE(load_text("cpus 1; void t() { while (true) { } } task t; lemma (true, \"m\");", &errors));
  EXPECT_NE(errors.find("expected a lemma name"), std::string::npos) << errors;
  EXPECT_FALSE(load_text("cpus 1; void t() { while (true) { } } task t; lemma l(t, \"m\");", &errors));
}

TEST(Lemma, StrengthensTheOtherPropertiesInKInduction) {
  auto lm = load_text(with("lemma"), nullptr);
  ASSERT_TRUE(lm);
  engines::KInduction::Options o;
  o.max_depth = 10;
  o.properties = {"count_ok"};
  std::vector<core::PropertyResult> r = engines::KInduction(lm->ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved) << r[0].reason;
  EXPECT_NE(r[0].reason.find("proved propert"), std::string::npos) << r[0].reason;
  const int with_lemma = r[0].depth();
  // As a plain invariant that is not selected, `same` is not assumed: a larger k (or none) is needed.
  auto plain = load_text(with("invariant"), nullptr);
  r = engines::KInduction(plain->ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  if (r[0].verdict == core::Verdict::Proved)
    EXPECT_GT(r[0].depth(), with_lemma);
  else
    EXPECT_EQ(r[0].verdict, core::Verdict::Bounded);
}

TEST(Portfolio, EngineKindAndAutoReportWhichEngineSettledEachProperty) {
  auto lm = load_text(with("lemma"), nullptr);
  ASSERT_TRUE(lm);
  engines::CheckRequest eo;
  eo.engine = engines::EngineChoice::Kind;
  std::vector<core::PropertyResult> r = engines::check(lm->ts, eo);
  ASSERT_EQ(r.size(), 2u);
  for (const core::PropertyResult &p : r) {
    EXPECT_EQ(p.verdict, core::Verdict::Proved) << p.property << ": " << p.reason;
    EXPECT_EQ(p.engine, core::EngineKind::Kind);
  }
  eo.engine = engines::EngineChoice::Auto;  // explicit exhausts this small state space first
  r = engines::check(lm->ts, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].engine, core::EngineKind::Explicit);
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved);
  eo.max_states = 10;  // explicit gives up: BMC and k-induction side by side
  r = engines::check(lm->ts, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "same");
  EXPECT_EQ(r[1].property, "count_ok");
  for (const core::PropertyResult &p : r) {
    EXPECT_EQ(p.verdict, core::Verdict::Proved) << p.property << ": " << p.reason;
    EXPECT_EQ(p.engine, core::EngineKind::Kind);
  }
}

TEST(Portfolio, AutoTakesBmcViolationsAndKeepsPropertyOrder) {
  const std::string text = R"(
cpus 1;
bound 8;
global u4 n = 0;
void task0() {
    while (true) {
        n++;
        assert small(n < 3, "n reached 3");
    }
}
task task0;
invariant fine(n < 16, "trivial");
)";
  auto lm = load_text(text, nullptr);
  ASSERT_TRUE(lm);
  engines::CheckRequest eo;
  eo.max_states = 3;
  std::vector<core::PropertyResult> r = engines::check(lm->ts, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "fine");
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved);
  EXPECT_EQ(r[0].engine, core::EngineKind::Kind);
  EXPECT_EQ(r[1].property, "small");
  EXPECT_EQ(r[1].verdict, core::Verdict::Violated);
  EXPECT_EQ(r[1].depth(),
            5);  // (n++, assert) x 3 (`while (true)` takes no step): the third assert is the 6th step
  // BMC's, or k-induction's base case when it gets there first (BMC then
  // drops the settled property): which one depends on thread timing.
  EXPECT_TRUE(r[1].engine == core::EngineKind::Bmc || r[1].engine == core::EngineKind::Kind)
      << core::to_string(r[1].engine);
  EXPECT_TRUE(r[1].trace.has_value());
}

}  // namespace
}  // namespace ctcheck::crosscheck
