// JSON traces: golden output, exact round trips through trace_from_json, and
// precise errors for JSON that does not fit the model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/random_run.h"
#include "sim/toy_traces.h"
#include "trace/format.h"
#include "trace/golden.h"
#include "trace/json_printer.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;
using nlohmann::json;
using ::testing::HasSubstr;

void expect_same(const Trace &a, const Trace &b) {
  EXPECT_EQ(a.property, b.property);
  EXPECT_EQ(a.initial, b.initial);
  EXPECT_EQ(a.violating_action, b.violating_action);
  EXPECT_EQ(a.violating_inputs, b.violating_inputs);
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t k = 0; k < a.steps.size(); ++k) {
    EXPECT_EQ(a.steps[k].action, b.steps[k].action) << k;
    EXPECT_EQ(a.steps[k].inputs, b.steps[k].inputs) << k;
    EXPECT_EQ(a.steps[k].state, b.steps[k].state) << k;
  }
}

Trace round_trip(const ir::TransitionSystem &ts, const Trace &t) {
  std::string error;
  // Through text, as `ctcheck replay` reads it.
  const json j = json::parse(trace_to_json(ts, t).dump(2));
  std::optional<Trace> back = trace_from_json(ts, j, &error);
  EXPECT_TRUE(back) << error;
  return back ? *back : Trace{};
}

TEST(JsonTrace, Golden) {
  const Toy toy = make_toy(1);
  expect_golden("trace_toy_balanced.json", trace_to_json(toy.ts, balanced_trace(toy)).dump(2) + "\n");
}

TEST(JsonTrace, FieldsForReaders) {
  const Toy toy = make_toy(1);
  const json j = trace_to_json(toy.ts, long_trace(toy));
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["depth"], 9);
  EXPECT_EQ(j["initial"]["cpu0.ct_state"], "CONTEXT_KERNEL");
  EXPECT_EQ(j["initial"]["cpu0.nesting"], 0x0140000000000000LL);
  EXPECT_EQ(j["initial"]["seen_nmi"], false);
  const json &s3 = j["steps"][2];
  EXPECT_EQ(s3["index"], 3);
  EXPECT_EQ(s3["kind"], "deliver");
  EXPECT_EQ(s3["contexts"][1], json({{"kind", "nmi"}, {"name", "do_nmi"}, {"level", 1}}));
  EXPECT_EQ(s3["irqs_enabled"], false);
  EXPECT_EQ(s3["mode"], "kernel");
  EXPECT_EQ(j["steps"][1]["changes"]["cpu0.wrap"], 255);
  EXPECT_EQ(j["steps"][4]["action"], "<iret from do_nmi>");
  EXPECT_EQ(j["violation"]["property"], "balanced");
  EXPECT_EQ(j["violation"]["kind"], "assertion");
  EXPECT_EQ(j["violation"]["location"], json({{"file", "toy.ct"}, {"line", 14}}));
}

TEST(JsonTrace, RoundTripsKnownTraces) {
  const Toy toy = make_toy(1);
  sim::Simulator sim(toy.ts);
  for (const Trace &t : {balanced_trace(toy), below3_trace(toy), long_trace(toy)}) {
    const Trace back = round_trip(toy.ts, t);
    expect_same(t, back);
    EXPECT_EQ(sim.replay(back), "");
  }
}

TEST(JsonTrace, RoundTripsRandomTwoCpuRuns) {
  const Toy two = make_toy(2);
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    sim::RandomRunOptions o;
    o.seed = seed;
    o.steps = 60;
    const sim::RandomRun r = sim::random_run(two.ts, o);
    expect_same(r.trace, round_trip(two.ts, r.trace));
  }
}

// Values that need the hex string or negative numbers survive the trip.
// The lowering names the locals of two inlined instances of one procedure
// alike: printers and the reader make them NAME, NAME#2, ... so the JSON
// keeps every variable and reads back exactly.
TEST(JsonTrace, VariablesOfOneNameStayApart) {
  Toy toy = make_toy(1);
  const std::size_t n = toy.ts.vars.size();
  ASSERT_GE(n, 3u);
  for (std::size_t i = n - 3; i < n; ++i) toy.ts.vars[i].name = "cpu0.l0.task.f.x";
  const std::vector<std::string> names = unique_var_names(toy.ts);
  EXPECT_EQ(names[n - 3], "cpu0.l0.task.f.x");
  EXPECT_EQ(names[n - 2], "cpu0.l0.task.f.x#2");
  EXPECT_EQ(names[n - 1], "cpu0.l0.task.f.x#3");
  const Trace t = long_trace(toy);
  const json j = trace_to_json(toy.ts, t);
  EXPECT_EQ(j["initial"].size(), n);
  expect_same(round_trip(toy.ts, t), t);
}

TEST(JsonTrace, ExtremeValues) {
  Toy toy = make_toy(1);
  ir::StateVar big;
  big.name = "big";
  big.sort = ir::Sort::bv(64);
  toy.ts.vars.push_back(big);  // u64, any initial value
  Trace t = below3_trace(toy);
  t.initial.back() = 0xfedcba9876543210ULL;
  for (auto &s : t.steps) s.state.back() = 0xfedcba9876543210ULL;
  t.steps[1].state[toy.cpu[0].nesting] = 0 - 5ULL;
  t.steps[2].state[toy.cpu[0].nesting] = 0 - 5ULL;
  const json j = trace_to_json(toy.ts, t);
  EXPECT_EQ(j["initial"]["big"], "0xfedcba9876543210");
  EXPECT_EQ(j["steps"][1]["changes"]["cpu0.nesting"], -5);
  expect_same(t, round_trip(toy.ts, t));
}

TEST(JsonTrace, ErrorsNameTheProblem) {
  const Toy toy = make_toy(1);
  const json good = trace_to_json(toy.ts, balanced_trace(toy));
  auto error_of = [&](const json &j) {
    std::string e;
    EXPECT_FALSE(trace_from_json(toy.ts, j, &e));
    return e;
  };
  json j = good;
  j["initial"].erase("count");
  EXPECT_EQ(error_of(j), "initial state lacks count");
  j = good;
  j["initial"]["bogus"] = 1;
  EXPECT_EQ(error_of(j), "initial state: unknown variable bogus");
  j = good;
  j["initial"]["cpu0.ct_state"] = "CONTEXT_GUEST";
  EXPECT_THAT(error_of(j), HasSubstr("cpu0.ct_state = \"CONTEXT_GUEST\" is neither a value of its enum"));
  j = good;
  j["steps"][0]["changes"]["cpu0.wrap"] = 256;
  EXPECT_EQ(error_of(j), "step 1: cpu0.wrap = 256 does not fit in 8 bits");
  j = good;
  j["steps"][0]["changes"]["cpu0.wrap"] = -129;
  EXPECT_EQ(error_of(j), "step 1: cpu0.wrap = -129 does not fit in 8 bits");
  j = good;
  j["steps"][1]["action_index"] = 100000;
  EXPECT_EQ(error_of(j), "step 2: action_index 100000 is not an action of the model");
  j = good;
  j["violation"]["property"] = "nope";
  EXPECT_EQ(error_of(j), "violation: unknown property \"nope\"");
  j = good;
  j["format_version"] = 2;
  EXPECT_EQ(error_of(j), "unsupported format_version 2");
  j = good;
  j["steps"][0]["inputs"] = json::array({1, 2});
  EXPECT_EQ(error_of(j), "step 1: \"inputs\" must be an array of 1 values");
  EXPECT_FALSE(trace_from_json(toy.ts, json::array(), nullptr));  // no error sink: no crash
}

// A tampered JSON trace still parses; replay is what rejects it.
TEST(JsonTrace, TamperedTraceParsesButFailsReplay) {
  const Toy toy = make_toy(1);
  json j = trace_to_json(toy.ts, balanced_trace(toy));
  j["steps"][0]["changes"]["count"] = 2;
  std::string e;
  const std::optional<Trace> t = trace_from_json(toy.ts, j, &e);
  ASSERT_TRUE(t) << e;
  EXPECT_THAT(sim::Simulator(toy.ts).replay(*t), HasSubstr("count is recorded as 2 but the action yields 1"));
}

}  // namespace
}  // namespace ctcheck::trace
