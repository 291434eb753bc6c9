// core/verdict.h: the names printed in reports and read back from them
// (`cases --format json` results, `merge`), and the strength order the
// portfolio uses to keep the stronger of two engines' facts.
#include "core/verdict.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <string>

namespace ctcheck::core {
namespace {

TEST(Verdict, Names) {
  EXPECT_STREQ(to_string(Verdict::Proved), "proved");
  EXPECT_STREQ(to_string(Verdict::Bounded), "bounded");
  EXPECT_STREQ(to_string(Verdict::Violated), "violated");
  EXPECT_STREQ(to_string(Verdict::Unknown), "unknown");
}

TEST(Verdict, ParseRoundTripsAndRejectsOtherSpellings) {
  for (Verdict v : {Verdict::Proved, Verdict::Bounded, Verdict::Violated, Verdict::Unknown})
    EXPECT_EQ(parse_verdict(to_string(v)), v);
  EXPECT_EQ(parse_verdict("holds"), std::nullopt);  // an expectation, not a verdict
  EXPECT_EQ(parse_verdict("Proved"), std::nullopt);
  EXPECT_EQ(parse_verdict("violated at 3"), std::nullopt);
  EXPECT_EQ(parse_verdict(""), std::nullopt);
}

TEST(EngineKind, NamesRoundTrip) {
  EXPECT_STREQ(to_string(EngineKind::Explicit), "explicit");
  EXPECT_STREQ(to_string(EngineKind::Bmc), "bmc");
  EXPECT_STREQ(to_string(EngineKind::Kind), "kind");
  EXPECT_STREQ(to_string(EngineKind::None), "");
  for (EngineKind e : {EngineKind::None, EngineKind::Explicit, EngineKind::Bmc, EngineKind::Kind})
    EXPECT_EQ(parse_engine(to_string(e)), e);
  EXPECT_EQ(parse_engine("auto"), std::nullopt);  // a CLI choice, not an engine that settles anything
  EXPECT_EQ(parse_engine("kinduction"), std::nullopt);
}

TEST(UnknownCause, EveryCauseHasItsOwnName) {
  const UnknownCause all[] = {UnknownCause::None,          UnknownCause::Timeout,
                              UnknownCause::StateLimit,    UnknownCause::InputLimit,
                              UnknownCause::InitLimit,     UnknownCause::SolverUnknown,
                              UnknownCause::SolverError,   UnknownCause::Interrupted,
                              UnknownCause::InternalError, UnknownCause::Undecided};
  std::set<std::string> names;
  for (UnknownCause c : all) names.insert(to_string(c));
  EXPECT_EQ(names.size(), std::size(all));
  EXPECT_STREQ(to_string(UnknownCause::StateLimit), "state limit");
  EXPECT_STREQ(to_string(UnknownCause::Timeout), "timeout");
}

TEST(Verdict, StrengthOrdersSettledOverBoundedOverUnknown) {
  EXPECT_EQ(strength(Verdict::Violated), strength(Verdict::Proved));
  EXPECT_GT(strength(Verdict::Proved), strength(Verdict::Bounded));
  EXPECT_GT(strength(Verdict::Bounded), strength(Verdict::Unknown));
}

}  // namespace
}  // namespace ctcheck::core
