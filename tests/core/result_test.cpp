// core/result.h: describe() is the one rendering of a result every report
// uses ("violated at 7", "proved (k=3)", ...), depth() the one number next to
// it, exit_code() the status every command derives from its results.
#include "core/result.h"

#include <gtest/gtest.h>

#include "core/hash.h"

namespace ctcheck::core {
namespace {

PropertyResult result(Verdict v, EngineKind e = EngineKind::None) {
  PropertyResult r;
  r.property = "p";
  r.verdict = v;
  r.engine = e;
  return r;
}

TEST(Describe, Violated) {
  PropertyResult r = result(Verdict::Violated, EngineKind::Bmc);
  r.trace_length = 7;
  EXPECT_EQ(describe(r), "violated at 7");
  EXPECT_EQ(r.depth(), 7);
}

TEST(Describe, Bounded) {
  PropertyResult r = result(Verdict::Bounded, EngineKind::Bmc);
  r.bound = 12;
  r.cause = UnknownCause::Undecided;
  EXPECT_EQ(describe(r), "bounded to 12");
  EXPECT_EQ(r.depth(), 12);
}

TEST(Describe, ProvedByInductionNamesK) {
  PropertyResult r = result(Verdict::Proved, EngineKind::Kind);
  r.k = 3;
  EXPECT_EQ(describe(r), "proved (k=3)");
  EXPECT_EQ(r.depth(), 3);
}

TEST(Describe, ProvedByExhaustionNamesDiameterAndCertificate) {
  PropertyResult r = result(Verdict::Proved, EngineKind::Explicit);
  r.diameter = 158;
  EXPECT_EQ(describe(r), "proved (all states, diameter 158, not re-checked)");
  EXPECT_EQ(r.depth(), 158);
  r.certified = true;
  EXPECT_EQ(describe(r), "proved (all states, diameter 158, Z3-checked)");
}

TEST(Describe, UnknownCarriesItsReason) {
  PropertyResult r = result(Verdict::Unknown, EngineKind::Explicit);
  r.cause = UnknownCause::StateLimit;
  r.reason = "explicit: state limit of 10 states reached at depth 4; no violation up to depth 3";
  r.bound = 3;
  EXPECT_EQ(describe(r), "unknown (" + r.reason + ")");
  EXPECT_EQ(r.depth(), 3);
  r.bound = -1;  // no depth reached
  EXPECT_EQ(r.depth(), 0);
}

TEST(ExitCode, ViolationBeatsUnknownBeatsEverythingElse) {
  EXPECT_EQ(exit_code({}), 0);
  EXPECT_EQ(exit_code({result(Verdict::Proved), result(Verdict::Bounded)}), 0);
  EXPECT_EQ(exit_code({result(Verdict::Unknown), result(Verdict::Bounded)}), 3);
  EXPECT_EQ(exit_code({result(Verdict::Unknown), result(Verdict::Violated)}), 1);
  EXPECT_EQ(exit_code({result(Verdict::Violated), result(Verdict::Unknown)}), 1);
  EXPECT_EQ(exit_code({result(Verdict::Proved)}), 0);
}

TEST(ContentHash, StableAndSensitive) {
  const std::string h = content_hash("model text");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(content_hash("model text"), h);
  EXPECT_NE(content_hash("model text "), h);
  EXPECT_NE(content_hash(""), h);
}

}  // namespace
}  // namespace ctcheck::core
