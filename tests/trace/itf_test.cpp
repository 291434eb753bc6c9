// Apalache's Informal Trace Format: golden output (validated against ADR-015
// by check_itf.py in ctest), big integers, and one state per statement.
#include <gtest/gtest.h>

#include "sim/toy_traces.h"
#include "trace/golden.h"
#include "trace/itf_printer.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;
using nlohmann::json;

TEST(Itf, Golden) {
  const Toy toy = make_toy(1);
  expect_golden("trace_toy_long.itf.json", trace_to_itf(toy.ts, long_trace(toy), "toy.ct").dump(2) + "\n");
}

TEST(Itf, StatesValuesAndViolation) {
  const Toy toy = make_toy(1);
  const core::Trace t = long_trace(toy);
  const json j = trace_to_itf(toy.ts, t, "toy.ct");
  ASSERT_EQ(j["states"].size(), t.steps.size() + 1);  // the initial state, then one per statement
  EXPECT_EQ(j["vars"].size(), toy.ts.vars.size());
  const json &s0 = j["states"][0];
  EXPECT_EQ(s0["cpu0.ct_state"], "CONTEXT_KERNEL");                         // enums by name
  EXPECT_EQ(s0["cpu0.nesting"], json({{"#bigint", "90071992547409920"}}));  // above 2^53-1
  EXPECT_EQ(s0["count"], 0);
  EXPECT_EQ(j["#meta"]["varTypes"]["cpu0.IF"], "Bool");
  EXPECT_EQ(j["#meta"]["violation"]["step"], t.depth() + 1);
  EXPECT_EQ(j["states"].back()["#meta"]["step"], t.depth());
}

}  // namespace
}  // namespace ctcheck::trace
