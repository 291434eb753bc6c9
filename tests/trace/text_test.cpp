// The text printer against golden files (tests/data/trace_*.txt).
#include <gtest/gtest.h>

#include <sstream>

#include "sim/toy_traces.h"
#include "trace/golden.h"
#include "trace/text_printer.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;

std::string text(const Toy &toy, const core::Trace &t, bool verbose = false) {
  std::ostringstream out;
  print_text(toy.ts, t, out, TextOptions{verbose});
  return out.str();
}

TEST(TextPrinter, GoldenAssertionWithNmiAndIret) {
  const Toy toy = make_toy(1);
  expect_golden("trace_toy_long.txt", text(toy, long_trace(toy)));
}

TEST(TextPrinter, GoldenInvariantVerbose) {
  const Toy toy = make_toy(1);
  expect_golden("trace_toy_below3_verbose.txt", text(toy, below3_trace(toy), true));
}

TEST(TextPrinter, GoldenTwoCpus) {
  const Toy two = make_toy(2);
  const ToyCpu &c0 = two.cpu[0], &c1 = two.cpu[1];
  const core::Trace t = build_trace(two, {{c0.task[1], {2, 0}}, {c1.task[1], {0, 1}}}, two.below3);
  expect_golden("trace_toy_two_cpus.txt", text(two, t));
}

// Locals, saved IF and machine bookkeeping only show up when asked for.
TEST(TextPrinter, VerboseShowsLocalsAndSavedState) {
  const Toy toy = make_toy(1);
  const std::string quiet = text(toy, balanced_trace(toy)), loud = text(toy, balanced_trace(toy), true);
  EXPECT_EQ(quiet.find("cpu0.l0.x"), std::string::npos);
  EXPECT_EQ(quiet.find("saved_if"), std::string::npos);
  EXPECT_NE(loud.find("cpu0.l0.x: 0 -> 1"), std::string::npos);
  EXPECT_NE(loud.find("cpu0.l1.saved_if: false -> true"), std::string::npos);
  EXPECT_EQ(loud.find(".pc:"), std::string::npos);
  EXPECT_EQ(loud.find("depth:"), std::string::npos);
}

TEST(TextPrinter, PrintsTheModelsOwnValueNames) {
  const Toy toy = make_toy(1);
  const ToyCpu &k = toy.cpu[0];
  // The IRQ handler runs to the end: ct_state becomes CONTEXT_USER.
  const core::Trace t =
      build_trace(toy, {{k.deliver[1][0], {0}}, {k.handler[1][1], {0}}, {k.handler[1][2], {0}}}, toy.below3);
  const std::string s = text(toy, t);
  EXPECT_NE(s.find("cpu0.ct_state: CONTEXT_KERNEL -> CONTEXT_USER"), std::string::npos) << s;
  EXPECT_NE(s.find("cpu0.nesting = 0x0140000000000000"), std::string::npos);
  EXPECT_NE(s.find("seen_nmi = false"), std::string::npos);
}

}  // namespace
}  // namespace ctcheck::trace
