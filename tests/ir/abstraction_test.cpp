// Declared counter abstractions (ir/abstraction.h) and the certificate that
// carries a proof on the abstraction back to the real widths.
#include "ir/abstraction.h"

#include <gtest/gtest.h>

#include "engines/certificate.h"
#include "engines/explicit.h"
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

TEST(Certificate, AMissingReachableStateIsRefuted) {
  auto lm = lower_text(kParity);
  ASSERT_TRUE(lm);
  const std::uint32_t c = var_named(lm->ts, "counter");
  const TransitionSystem narrow = apply_abstraction(lm->ts, {{c, 1, {}}});
  std::vector<unsigned> bits;
  for (const StateVar &v : narrow.vars) bits.push_back(v.sort.width);
  // Only the initial state: not closed under the first step.
  StateSetBuilder only_initial(lm->ts, control_first_order(lm->ts), bits);
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
