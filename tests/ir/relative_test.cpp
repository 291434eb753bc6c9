// Relative abstractions (ir/relative.h): the classes, the declaration's
// errors, and the explicit engine on a grace-period toy, whose counter grows
// without bound -- proved only through a certificate Z3 checks on the real
// system, its misreading mutant caught with a trace of the real system.
#include "ir/relative.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <sstream>

#include "engines/bmc.h"
#include "engines/explicit.h"
#include "engines/portfolio.h"
#include "model.h"

namespace ctcheck::ir {
namespace {

using testing::lower_text;

// CPU 0 enters and leaves an RCU reader and an extended quiescent state
// (counter even) forever; CPU 1 snapshots the counter and waits until it is
// even or has moved by 2 (UINT_CMP_GE), like rcu_implicit_dynticks_qs().
std::string gp_toy(const std::string &quiescent, const std::string &declaration) {
  return R"(
cpus 2;
global u32 counter = 1;
global u32 snap = 0;
global bool in_reader = false;
global bool holdout = false;
void cpu0_task() {
    while (true) {
        in_reader = true;
        atomic { in_reader = false; holdout = false; }
        counter++;
        counter++;
    }
}
void gp_task() {
    while (true) {
        holdout = in_reader;
        snap = counter;
        if ((snap & 1) == 0) {
            assert gp_waits(!holdout, "quiescent while a reader runs");
        } else {
            while (true) {
                if ()" +
         quiescent + R"() {
                    assert gp_waits(!holdout, "quiescent while a reader runs");
                    break;
                }
            }
        }
    }
}
task cpu0_task on cpu 0;
task gp_task on cpu 1;
)" + declaration;
}

const char *kRightTest = "(counter & 1) == 0 || 0x7fffffff >= counter - (snap + 2)";
const char *kRelative = "abstract snap relative to counter modulo 2 up to 2;\n";

std::uint32_t var_named(const TransitionSystem &ts, const std::string &name) {
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
    if (ts.vars[v].name == name) return v;
  ADD_FAILURE() << "no variable " << name;
  return 0;
}

TEST(Relative, RepresentativesKeepSmallDifferencesAndMergeLargeOnes) {
  const RelativeAbstraction r{0, 1, 1, 4, {}};
  EXPECT_EQ(representative_difference(r, 32, 3), 3u);
  EXPECT_EQ(representative_difference(r, 32, 4), 4u);
  EXPECT_EQ(representative_difference(r, 32, 1001), 5u);
  EXPECT_EQ(representative_difference(r, 32, 0xfffffffe), 4u);
  EXPECT_EQ(representative_difference(r, 32, 0x1'00000003), 3u);  // taken modulo 2^32
}

TEST(Relative, ThePairIsShiftedToASmallSnapAndItsClass) {
  auto lm = lower_text(gp_toy(kRightTest, kRelative));
  ASSERT_TRUE(lm);
  const TransitionSystem &ts = lm->ts;
  ASSERT_EQ(ts.relations.size(), 1u);
  const std::uint32_t c = var_named(ts, "counter"), s = var_named(ts, "snap");
  std::vector<std::uint64_t> st(ts.vars.size(), 0);
  st[c] = 1001;
  st[s] = 1001;
  to_representative(ts, st);
  EXPECT_EQ(st[s], 1u);
  EXPECT_EQ(st[c], 1u);
  st[c] = 7;
  st[s] = 1000;  // 7 - 1000 wraps: a large difference, odd
  to_representative(ts, st);
  EXPECT_EQ(st[s], 0u);
  EXPECT_EQ(st[c], 3u);
  // The merged class is also expanded from just below 2^32, where it wraps.
  const auto members = class_witnesses(ts, st);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ((members[1][c] - members[1][s]) & 0xffffffff, 0xffffffffu);
}

TEST(Relative, AProofIsACertifiedInvariantOfTheRealSystem) {
  auto lm = lower_text(gp_toy(kRightTest, kRelative));
  ASSERT_TRUE(lm);
  engines::Explicit::Options o;
  o.certify_states = 0;  // the relative abstraction's certificate is checked regardless
  const auto r = engines::run_explicit(lm->ts, o);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Proved) << r[0].reason;
  EXPECT_TRUE(r[0].certified) << r[0].reason;
}

TEST(Relative, WithoutTheDeclarationTheSearchDoesNotEnd) {
  auto lm = lower_text(gp_toy(kRightTest, ""));
  ASSERT_TRUE(lm);
  engines::Explicit::Options o;
  o.max_states = 20000;
  const auto r = engines::run_explicit(lm->ts, o);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Unknown) << r[0].reason;
  EXPECT_EQ(r[0].cause, core::UnknownCause::StateLimit);
}

TEST(Relative, AMisreadingGracePeriodIsCaughtAsBmcFindsIt) {
  // The mutant takes "watching" (odd) for quiescent.
  auto lm = lower_text(gp_toy("(counter & 1) == 1", kRelative));
  ASSERT_TRUE(lm);
  const auto e = engines::run_explicit(lm->ts, engines::Explicit::Options{});
  ASSERT_EQ(e.size(), 1u);
  ASSERT_EQ(e[0].verdict, core::Verdict::Violated) << e[0].reason;
  engines::Bmc::Options bo;
  bo.max_depth = 12;
  const auto b = engines::Bmc(lm->ts, bo).run();
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(b[0].verdict, core::Verdict::Violated) << b[0].reason;
  EXPECT_EQ(e[0].trace_length, b[0].trace_length);
}

TEST(Relative, AnInexactClassIsNotInductiveAndProvesNothing) {
  // Merging every difference from 2 on hides `counter - snap == 5` (the odd
  // class's representative is 3): the explored set never reaches the report,
  // Z3 finds the transition that leaves it, and nothing is proved.
  auto lm = lower_text(gp_toy("counter - snap == 5", kRelative));
  ASSERT_TRUE(lm);
  const auto r = engines::run_explicit(lm->ts, engines::Explicit::Options{});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, core::Verdict::Unknown) << r[0].reason;
  EXPECT_NE(r[0].reason.find("not an inductive invariant"), std::string::npos) << r[0].reason;
}

// Random variants of the toy (steps adding 1-3, GP tests right and wrong,
// classes fine and coarse), each checked two ways: the explicit engine under
// the relative abstraction, and BMC on the real system. A proof must leave no
// violation for BMC to find; a violation must be BMC's, at the same depth.
TEST(Relative, AgreesWithBmcOnTheRealSystemOnRandomVariants) {
  const std::vector<std::string> tests = {
      kRightTest,
      "counter != snap",
      "counter - snap >= 2",
      "(counter & 1) == 1",
      "counter - snap == 1",
      "0x7fffffff >= counter - (snap + 1)",
      "counter - snap > 3 && (counter & 1) == 0",
      "(counter & 3) == 0 || counter - snap == 6",
  };
  const std::vector<std::pair<int, int>> classes = {{2, 2}, {2, 4}, {4, 4}, {4, 8}};
  std::mt19937 rng(20261202);
  int proved = 0, violated = 0;
  for (int round = 0; round < 24; ++round) {
    const std::string test = tests[rng() % tests.size()];
    const auto [modulo, up_to] = classes[rng() % classes.size()];
    const int first = 1 + static_cast<int>(rng() % 3), second = 1 + static_cast<int>(rng() % 3);
    std::string model = gp_toy(test, "abstract snap relative to counter modulo " + std::to_string(modulo) +
                                         " up to " + std::to_string(up_to) + ";\n");
    const std::string steps =
        "counter += " + std::to_string(first) + ";\n        counter += " + std::to_string(second) + ";";
    model.replace(model.find("counter++;\n        counter++;"),
                  std::string("counter++;\n        counter++;").size(), steps);
    SCOPED_TRACE(model);
    auto lm = lower_text(model);
    ASSERT_TRUE(lm);
    const auto e = engines::run_explicit(lm->ts, engines::Explicit::Options{});
    engines::Bmc::Options bo;
    bo.max_depth = 16;
    const auto b = engines::Bmc(lm->ts, bo).run();
    ASSERT_EQ(e.size(), 1u);
    ASSERT_EQ(b.size(), 1u);
    if (e[0].verdict == core::Verdict::Proved) {
      ++proved;
      EXPECT_TRUE(e[0].certified);
      EXPECT_NE(b[0].verdict, core::Verdict::Violated) << b[0].reason;
    }
    if (e[0].verdict == core::Verdict::Violated) {
      ++violated;
      ASSERT_EQ(b[0].verdict, core::Verdict::Violated) << e[0].reason;
      EXPECT_EQ(e[0].trace_length, b[0].trace_length);
    }
    if (b[0].verdict == core::Verdict::Violated) {
      EXPECT_NE(e[0].verdict, core::Verdict::Proved);
    }
  }
  std::printf("relative vs BMC: %d proved, %d violated of 24\n", proved, violated);
  // Both outcomes occur, so the comparison compares something.
  EXPECT_GT(proved, 0);
  EXPECT_GT(violated, 0);
}

std::string lowering_errors(const std::string &text) {
  frontend::LoadedModel lm;
  frontend::Diagnostics diags(lm.sources);
  frontend::FileReader reader = [&text](const std::string &path) -> std::optional<std::string> {
    if (path == "m.ct") return text;
    return std::nullopt;
  };
  if (frontend::load_model("m.ct", reader, lm, diags)) return "";
  std::ostringstream out;
  diags.print(out);
  return out.str();
}

TEST(Relative, BadDeclarationsAreLocatedErrors) {
  const std::string base = gp_toy(kRightTest, "");
  EXPECT_NE(
      lowering_errors(base + "abstract snap relative to snap modulo 2 up to 2;").find("relative to itself"),
      std::string::npos);
  EXPECT_NE(
      lowering_errors(base + "abstract snap relative to counter modulo 2 up to 3;").find("multiple of 2"),
      std::string::npos);
  EXPECT_NE(lowering_errors(base + "abstract snap relative to per_cpu(counter, 0) modulo 2 up to 2;")
                .find("not a percpu variable"),
            std::string::npos);
  EXPECT_NE(lowering_errors(base + "abstract snap relative to counter modulo 2;").find("m.ct:"),
            std::string::npos);
  EXPECT_NE(lowering_errors(base + kRelative + "abstract counter modulo 2;").find("abstracted twice"),
            std::string::npos);
}

}  // namespace
}  // namespace ctcheck::ir
