// Declared counter abstractions (ir/abstraction.h) and the certificate that
// carries a proof on the abstraction back to the real widths.
#include "ir/abstraction.h"

#include <gtest/gtest.h>

#include "engines/certificate.h"
#include "engines/explicit.h"
#include "engines/portfolio.h"
#include "model.h"

namespace ctcheck::ir {
namespace {

using testing::lower_text;

// A 32-bit counter read only through its parity: the state space is 2^32
// times larger than it need be.
const char *kParity = R"(
cpus 1;
global u32 counter = 1;
global bool watching = true;
void task0() {
    while (true) {
        counter++;
        watching = (counter & 1) != 0;
        assert parity(watching == ((counter & 1) == 1), "watching follows the parity");
    }
}
task task0;
)";

std::uint32_t var_named(const TransitionSystem &ts, const std::string &name) {
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
    if (ts.vars[v].name == name) return v;
  ADD_FAILURE() << "no variable " << name;
  return 0;
}

TEST(Abstraction, ParityReadsNeedOneBit) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  const std::uint32_t c = var_named(lm->ts, "counter");
  EXPECT_EQ(demanded_bits(lm->ts)[c], 1u);
  EXPECT_TRUE(check_abstraction(lm->ts, {{c, 1, {}}}).empty());
}

TEST(Abstraction, AComparisonNeedsEveryBitAndIsNamed) {
  auto lm = lower_text(R"(
cpus 1;
global u32 counter = 1;
void task0() {
    while (true) {
        counter++;
        assert small(counter >= 1, "no wrap");
    }
}
task task0;
)");
  ASSERT_TRUE(lm);
  const std::uint32_t c = var_named(lm->ts, "counter");
  const std::vector<std::string> errors = check_abstraction(lm->ts, {{c, 1, {}}});
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].find("counter >= 1"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("32 low bits"), std::string::npos) << errors[0];
}

TEST(Abstraction, ExplicitProofOnTheAbstractionIsCertifiedAtRealWidth) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  const std::uint32_t c = var_named(lm->ts, "counter");
  const TransitionSystem narrow = apply_abstraction(lm->ts, {{c, 1, {}}});
  EXPECT_EQ(narrow.vars[c].sort.width, 1u);
  engines::Explicit::Options o;
  o.certify_states = 1000;
  o.real = &lm->ts;
  const auto r = engines::Explicit(narrow, o).run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved) << r[0].reason;
  EXPECT_TRUE(r[0].certified) << r[0].reason;
}

TEST(Abstraction, AnUndeclaredCounterReadModuloTwoIsInferred) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  const std::vector<Abstraction> inferred = inferred_abstractions(lm->ts);
  ASSERT_EQ(inferred.size(), 1u);
  EXPECT_EQ(inferred[0].var, var_named(lm->ts, "counter"));
  EXPECT_EQ(inferred[0].bits, 1u);
  // A declared abstraction is not inferred a second time.
  lm->ts.abstractions.push_back({inferred[0].var, 1, {}});
  EXPECT_TRUE(inferred_abstractions(lm->ts).empty());
}

TEST(Abstraction, ACounterComparedInFullIsNotInferred) {
  auto lm = lower_text(R"(
cpus 1;
global u32 counter = 1;
void task0() {
    while (true) {
        counter++;
        assert small(counter != 7, "seven");
    }
}
task task0;
)");
  ASSERT_TRUE(lm);
  EXPECT_TRUE(inferred_abstractions(lm->ts).empty());
}

// `ctcheck cost` counts cost events on the narrowed system, so where one is
// passed is an observation like a guard.
TEST(Abstraction, ACostEventsConditionIsObserved) {
  auto lm = lower_text(R"(
cpus 1;
global u8 counter = 0;
void task0() {
    int l;
    while (true) {
        counter++;
        l = counter;
        if (l > 1)
            cost hook;
    }
}
task task0;
)");
  ASSERT_TRUE(lm);
  EXPECT_EQ(demanded_bits(lm->ts)[var_named(lm->ts, "counter")], 8u);
  EXPECT_TRUE(inferred_abstractions(lm->ts).empty());
}

// The search narrows what the analysis infers and certifies its proofs at
// 32 bits: without it the parity model has 2^32 states per position.
TEST(Abstraction, TheSearchNarrowsAnInferredCounterAndCertifiesAtRealWidth) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  engines::Explicit::Options o;
  o.certify_states = 1000;
  o.max_states = 10000;
  const auto r = engines::run_explicit(lm->ts, o);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved) << r[0].reason;
  EXPECT_TRUE(r[0].certified) << r[0].reason;
  EXPECT_NE(r[0].reason.find("at the real widths"), std::string::npos) << r[0].reason;
}

// Where the real system is small enough to exhaust, the inferred abstraction
// gives the same verdicts, depths and diameter as the search without it.
TEST(Abstraction, AnInferredAbstractionAgreesWithTheUnabstractedSearch) {
  auto lm = lower_text(R"(
cpus 1;
global u4 counter = 3;
global u4 other = 0;
global bool flag = false;
void task0() {
    while (true) {
        counter = counter + 3;
        if ((counter & 3) == 2) flag = !flag;
        other = other + (counter & 1);
        assert late(!(flag && (counter & 3) == 1 && other == 9), "late");
        assert never(other != 16, "u4 cannot hold 16");
    }
}
task task0;
)");
  ASSERT_TRUE(lm);
  ASSERT_EQ(inferred_abstractions(lm->ts).size(), 1u);
  engines::Explicit::Options o;
  o.certify_states = 1000;
  const auto with = engines::run_explicit(lm->ts, o);
  const auto without = engines::Explicit(lm->ts, o).run();
  ASSERT_EQ(with.size(), without.size());
  bool violated = false;
  for (std::size_t i = 0; i < with.size(); ++i) {
    EXPECT_EQ(with[i].verdict, without[i].verdict) << with[i].property;
    EXPECT_EQ(with[i].depth(), without[i].depth()) << with[i].property;
    EXPECT_EQ(with[i].diameter, without[i].diameter) << with[i].property;
    violated = violated || with[i].verdict == core::Verdict::Violated;
  }
  EXPECT_TRUE(violated);
}

TEST(Certificate, AMissingReachableStateIsRefuted) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  const std::uint32_t c = var_named(lm->ts, "counter");
  const TransitionSystem narrow = apply_abstraction(lm->ts, {{c, 1, {}}});
  std::vector<unsigned> bits;
  for (const StateVar &v : narrow.vars) bits.push_back(v.sort.width);
  // Only the initial state: not closed under the first step.
  StateSetBuilder only_initial(lm->ts, level_major_order(lm->ts), bits);
  std::vector<std::uint64_t> init(lm->ts.vars.size(), 0);
  for (std::size_t v = 0; v < init.size(); ++v) init[v] = lm->ts.vars[v].init.value_or(0) & mask_of(bits[v]);
  only_initial.add(init);
  engines::StopSource stop;
  const engines::CertificateCheck check =
      engines::check_certificate(lm->ts, only_initial, {0}, engines::Deadline(), stop);
  EXPECT_EQ(check.outcome, engines::CertificateCheck::Outcome::Refuted);
  EXPECT_NE(check.why.find("transition leaves the set"), std::string::npos) << check.why;
}

}  // namespace
}  // namespace ctcheck::ir
