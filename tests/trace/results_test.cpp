// Result summaries: JSON for tools, a table plus traces for people.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/toy_traces.h"
#include "trace/json_printer.h"
#include "trace/results_printer.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;
using core::PropertyResult;
using core::Verdict;

std::vector<PropertyResult> sample(const Toy &toy) {
  PropertyResult a;
  a.property = "balanced";
  a.verdict = Verdict::Violated;
  a.trace_length = 2;
  a.engine = core::EngineKind::Bmc;
  a.seconds = 0.25;
  a.trace = balanced_trace(toy);
  PropertyResult b;
  b.property = "count_below_3";
  b.verdict = Verdict::Bounded;
  b.bound = 12;
  b.engine = core::EngineKind::Bmc;
  b.seconds = 1.5;
  b.reason = "no induction proof attempted";
  return {a, b};
}

TEST(Results, Json) {
  const Toy toy = make_toy(1);
  const nlohmann::json j = results_to_json(toy.ts, "toy.ct", sample(toy));
  EXPECT_EQ(j["tool"], "ctcheck");
  EXPECT_EQ(j["version"], tool_version());
  EXPECT_EQ(j["model"], "toy.ct");
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["verdict"], "violated");
  EXPECT_EQ(j["results"][0]["depth"], 2);
  EXPECT_EQ(j["results"][0]["seconds"], 0.25);
  EXPECT_EQ(j["results"][0]["trace"], trace_to_json(toy.ts, balanced_trace(toy)));
  EXPECT_EQ(j["results"][1]["verdict"], "bounded");
  EXPECT_EQ(j["results"][1]["reason"], "no induction proof attempted");
  EXPECT_FALSE(j["results"][1].contains("trace"));
}

TEST(Results, TextTableThenTraces) {
  const Toy toy = make_toy(1);
  std::ostringstream out;
  print_results_text(toy.ts, "toy.ct", sample(toy), out);
  const std::string s = out.str();
  const std::string head =
      std::string("ctcheck ") + tool_version() +
      ": toy.ct\n\n"
      "property       verdict   depth  engine  note\n"
      "balanced       violated      2  bmc\n"
      "count_below_3  bounded      12  bmc     no induction proof attempted\n"
      "\n==== balanced ====\n"
      "Counterexample for balanced: violated at 2 (2 steps, then the assertion fails in step 3)\n";
  EXPECT_EQ(s.substr(0, head.size()), head);
  EXPECT_EQ(s.find("seconds"), std::string::npos);  // no timings by default
  ResultsTextOptions o;
  o.show_times = true;
  std::ostringstream timed;
  print_results_text(toy.ts, "toy.ct", sample(toy), timed, o);
  EXPECT_NE(timed.str().find("bmc        0.25"), std::string::npos) << timed.str();
}

}  // namespace
}  // namespace ctcheck::trace
