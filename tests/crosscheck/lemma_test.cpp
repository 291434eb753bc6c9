// `lemma` through the whole pipeline: parsed like an invariant, lowered with
// ir::Property::lemma, proved first by k-induction and used as strengthening;
// and check_model's engine selection (kind, auto) over the same model.
#include <gtest/gtest.h>

#include "cli/case_runner.h"
#include "crosscheck.h"
#include "engines/kinduction.h"

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
  o.max_k = 10;
  o.properties = {"count_ok"};
  std::vector<engines::PropertyResult> r = engines::KInduction(lm->ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, engines::Verdict::Proved) << r[0].reason;
  EXPECT_NE(r[0].reason.find("proved propert"), std::string::npos) << r[0].reason;
  const int with_lemma = r[0].depth;
  // As a plain invariant that is not selected, `same` is not assumed: a larger k (or none) is needed.
  auto plain = load_text(with("invariant"), nullptr);
  r = engines::KInduction(plain->ts, o).run();
  ASSERT_EQ(r.size(), 1u);
  if (r[0].verdict == engines::Verdict::Proved) EXPECT_GT(r[0].depth, with_lemma);
  else EXPECT_EQ(r[0].verdict, engines::Verdict::Bounded);
}

TEST(CheckModel, EngineKindAndAutoReportWhichEngineSettledEachProperty) {
  auto lm = load_text(with("lemma"), nullptr);
  ASSERT_TRUE(lm);
  cli::EngineOptions eo;
  eo.engine = "kind";
  std::vector<engines::PropertyResult> r = cli::check_model(*lm, eo);
  ASSERT_EQ(r.size(), 2u);
  for (const engines::PropertyResult &p : r) {
    EXPECT_EQ(p.verdict, engines::Verdict::Proved) << p.property << ": " << p.reason;
    EXPECT_EQ(p.engine, "kind");
  }
  eo.engine = "auto";  // explicit exhausts this small state space first
  r = cli::check_model(*lm, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].engine, "explicit");
  EXPECT_EQ(r[0].verdict, engines::Verdict::Proved);
  eo.max_states = 10;  // explicit gives up: BMC and k-induction side by side
  r = cli::check_model(*lm, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "same");
  EXPECT_EQ(r[1].property, "count_ok");
  for (const engines::PropertyResult &p : r) {
    EXPECT_EQ(p.verdict, engines::Verdict::Proved) << p.property << ": " << p.reason;
    EXPECT_EQ(p.engine, "kind");
  }
}

TEST(CheckModel, AutoTakesBmcViolationsAndKeepsPropertyOrder) {
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
  cli::EngineOptions eo;
  eo.max_states = 3;
  std::vector<engines::PropertyResult> r = cli::check_model(*lm, eo);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].property, "fine");
  EXPECT_EQ(r[0].verdict, engines::Verdict::Proved);
  EXPECT_EQ(r[0].engine, "kind");
  EXPECT_EQ(r[1].property, "small");
  EXPECT_EQ(r[1].verdict, engines::Verdict::Violated);
  EXPECT_EQ(r[1].depth, 5);  // (n++, assert) x 3 (`while (true)` takes no step): the third assert is the 6th step
  EXPECT_EQ(r[1].engine, "bmc");
  EXPECT_TRUE(r[1].trace.has_value());
}

}  // namespace
}  // namespace ctcheck::crosscheck
