// core/expectation.h: a case's `expect` lines and the one rule (met) that
// `cases`, the gate and the main job use to compare a result with them.
#include "core/expectation.h"

#include <gtest/gtest.h>

namespace ctcheck::core {
namespace {

PropertyResult got(Verdict v, int number = 0) {
  PropertyResult r;
  r.property = "p";
  r.verdict = v;
  if (v == Verdict::Violated) r.trace_length = number;
  if (v == Verdict::Bounded) r.bound = number;
  return r;
}

Expectation expect(Expect kind, std::optional<int> depth = std::nullopt) {
  Expectation e;
  e.property = "p";
  e.kind = kind;
  e.depth = depth;
  return e;
}

TEST(Expectation, ParseAndDescribe) {
  for (Expect e : {Expect::Violated, Expect::Holds, Expect::Proved, Expect::Undecided})
    EXPECT_EQ(parse_expect(to_string(e)), e);
  EXPECT_EQ(parse_expect("bounded"), std::nullopt);  // a verdict, not an expectation
  EXPECT_EQ(parse_expect("unknown"), std::nullopt);
  EXPECT_EQ(describe(expect(Expect::Violated, 7)), "violated at 7");
  EXPECT_EQ(describe(expect(Expect::Violated)), "violated");
  EXPECT_EQ(describe(expect(Expect::Holds)), "holds");
  EXPECT_EQ(describe(expect(Expect::Proved)), "proved");
}

TEST(Expectation, ViolatedAtDepthNeedsExactlyThatDepth) {
  EXPECT_TRUE(met(expect(Expect::Violated, 7), got(Verdict::Violated, 7)));
  EXPECT_FALSE(met(expect(Expect::Violated, 7), got(Verdict::Violated, 6)));
  EXPECT_FALSE(met(expect(Expect::Violated, 7), got(Verdict::Violated, 8)));
  EXPECT_FALSE(met(expect(Expect::Violated, 7), got(Verdict::Bounded, 7)));
}

TEST(Expectation, ViolatedWithoutDepthTakesAnyViolation) {
  EXPECT_TRUE(met(expect(Expect::Violated), got(Verdict::Violated, 1)));
  EXPECT_TRUE(met(expect(Expect::Violated), got(Verdict::Violated, 100)));
  EXPECT_FALSE(met(expect(Expect::Violated), got(Verdict::Unknown)));
  EXPECT_FALSE(met(expect(Expect::Violated), got(Verdict::Proved)));
}

TEST(Expectation, HoldsTakesABoundOrAProofButNeverUnknown) {
  EXPECT_TRUE(met(expect(Expect::Holds), got(Verdict::Bounded, 20)));
  EXPECT_TRUE(met(expect(Expect::Holds), got(Verdict::Proved)));
  EXPECT_FALSE(met(expect(Expect::Holds), got(Verdict::Unknown)));
  EXPECT_FALSE(met(expect(Expect::Holds), got(Verdict::Violated, 3)));
}

TEST(Expectation, UndecidedTakesABoundOrALimitButNoAnswerAndNoError) {
  EXPECT_TRUE(met(expect(Expect::Undecided), got(Verdict::Bounded, 754)));
  PropertyResult limit = got(Verdict::Unknown);
  limit.cause = UnknownCause::StateLimit;
  EXPECT_TRUE(met(expect(Expect::Undecided), limit));
  EXPECT_FALSE(met(expect(Expect::Undecided), got(Verdict::Proved)));
  EXPECT_FALSE(met(expect(Expect::Undecided), got(Verdict::Violated, 29)));
  PropertyResult broken = got(Verdict::Unknown);
  broken.cause = UnknownCause::InternalError;
  EXPECT_FALSE(met(expect(Expect::Undecided), broken));
  EXPECT_EQ(describe(expect(Expect::Undecided)), "undecided");
}

TEST(Expectation, ProvedTakesOnlyAProof) {
  EXPECT_TRUE(met(expect(Expect::Proved), got(Verdict::Proved)));
  EXPECT_FALSE(met(expect(Expect::Proved), got(Verdict::Bounded, 1000)));
  EXPECT_FALSE(met(expect(Expect::Proved), got(Verdict::Unknown)));
  EXPECT_FALSE(met(expect(Expect::Proved), got(Verdict::Violated, 2)));
}

}  // namespace
}  // namespace ctcheck::core
