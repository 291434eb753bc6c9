// SARIF and JUnit printers: golden files for fixed traces of the toy model
// (tests/data/report_toy.sarif, report_toy_junit.xml; the ctest tests
// trace.sarif_schema and trace.junit_xml validate those files with the
// official SARIF 2.1.0 schema and an XML parser), plus the report JSON round trip.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/toy_traces.h"
#include "trace/golden.h"
#include "trace/junit_printer.h"
#include "trace/model_report.h"
#include "trace/sarif_printer.h"
#include "trace/text_printer.h"
#include "trace/xml.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;
using core::PropertyResult;
using core::Verdict;
using nlohmann::json;

PropertyResult result(const std::string &property, Verdict v, int depth, const std::string &reason = "") {
  PropertyResult r;
  r.property = property;
  r.verdict = v;
  if (v == Verdict::Violated)
    r.trace_length = depth;
  else if (v == Verdict::Proved)
    r.k = depth;
  else
    r.bound = depth;
  r.engine = core::EngineKind::Bmc;
  r.seconds = 0.5;
  r.reason = reason;
  return r;
}

// toy.ct checked plainly; cases/toy_case.ct as a case (an expected violation,
// an unknown, an expect line naming no property); broken.ct does not load.
std::vector<ModelReport> sample(const Toy &toy) {
  PropertyResult v = result("balanced", Verdict::Violated, 4);
  v.trace = long_trace(toy);
  v.trace_length = v.trace->depth();
  std::vector<ModelReport> out;
  out.push_back(make_report(toy.ts, "toy.ct", {v, result("count_below_3", Verdict::Bounded, 12)}));

  PropertyResult v2 = result("balanced", Verdict::Violated, 2);
  v2.trace = balanced_trace(toy);
  ModelReport c =
      make_report(toy.ts, "cases/toy_case.ct", {v2, result("count_below_3", Verdict::Unknown, 7, "timeout")});
  c.is_case = true;
  c.properties[0].expected = "violated at 2";
  c.properties[0].ok = true;
  c.properties[0].problem.clear();
  PropertyReport missing;
  missing.property = "no_such";
  missing.expected = "proved";
  missing.got = "no such property";
  missing.ok = false;
  missing.problem = "expected proved, got no such property";
  c.properties.push_back(missing);
  out.push_back(c);

  ModelReport broken;
  broken.model = "broken.ct";
  broken.error = "broken.ct:3:20: error: expected an expression but found ';'\n1 error in broken.ct\n";
  out.push_back(broken);
  return out;
}

TEST(Sarif, Golden) {
  const Toy toy = make_toy(1);
  expect_golden("report_toy.sarif", to_sarif(sample(toy)).dump(2) + "\n");
}

TEST(Sarif, OneResultPerViolationWithTheInterleavingAsCodeFlow) {
  const Toy toy = make_toy(1);
  const json s = to_sarif(sample(toy));
  EXPECT_EQ(s["version"], "2.1.0");
  const json &run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ctcheck");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "balanced");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["shortDescription"]["text"], "IRQ saw a half-done update");
  const json &results = run["results"];
  // toy.ct: the violation (bounded is no result); the case: the expected
  // violation (suppressed), the unknown (a note), the missing property (error).
  ASSERT_EQ(results.size(), 4u);
  const json &r = results[0];
  EXPECT_EQ(r["ruleId"], "balanced");
  EXPECT_EQ(r["level"], "error");
  EXPECT_FALSE(r.contains("suppressions"));
  const core::Trace t = long_trace(toy);
  const json &flow = r["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(flow.size(), static_cast<std::size_t>(t.depth() + 1));  // every step, then the failing assert
  for (std::size_t i = 0; i < flow.size(); ++i) EXPECT_EQ(flow[i]["executionOrder"], i + 1);
  EXPECT_EQ(flow.back()["location"]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"]);
  EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "toy.ct");
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_EQ(results[2]["ruleId"], "count_below_3");
  EXPECT_EQ(results[3]["level"], "error");
  EXPECT_EQ(results[3]["ruleId"], "no_such");
  // The model that did not load is a failed invocation.
  EXPECT_FALSE(run["invocations"][0]["executionSuccessful"]);
  EXPECT_NE(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find(
                "broken.ct:3:20"),
            std::string::npos);
  EXPECT_EQ(s.dump().find("seconds"), std::string::npos);  // no timings: golden-testable
}

TEST(Sarif, UrisAreRelativeAndNormal) {
  EXPECT_EQ(relative_uri("cases/../spec/properties.ct"), "spec/properties.ct");
  EXPECT_EQ(relative_uri("/repo/spec/x.ct", "/repo"), "spec/x.ct");
  EXPECT_EQ(relative_uri("/elsewhere/x.ct", "/repo"), "/elsewhere/x.ct");
  EXPECT_EQ(relative_uri("./a//b.ct"), "a/b.ct");
}

TEST(Junit, Golden) {
  const Toy toy = make_toy(1);
  expect_golden("report_toy_junit.xml", to_junit(sample(toy)));
}

TEST(Junit, ViolationIsAFailureHoldingTheTextTrace) {
  const Toy toy = make_toy(1);
  const std::string x = to_junit(sample(toy));
  EXPECT_NE(x.find("<testsuites name=\"ctcheck\" tests=\"6\" failures=\"2\" errors=\"2\">"),
            std::string::npos)
      << x;
  std::ostringstream text;
  print_text(toy.ts, long_trace(toy), text);
  // The first line of the text trace, escaped for an attribute, is in the failure message.
  const std::string first = text.str().substr(0, text.str().find('\n'));
  EXPECT_NE(x.find("<failure type=\"violated\" message=\"balanced: violated at"), std::string::npos);
  EXPECT_NE(x.find(xml_escape(first)), std::string::npos);
  EXPECT_NE(x.find("<error type=\"unknown\" message=\"count_below_3: unknown (timeout)"), std::string::npos);
  EXPECT_NE(x.find("<error type=\"load error\""), std::string::npos);
  EXPECT_EQ(x.find("seconds"), std::string::npos);
}

TEST(Junit, Escapes) {
  EXPECT_EQ(xml_escape("a<b & \"c\"\n'd'>\x01"), "a&lt;b &amp; &quot;c&quot;&#10;&apos;d&apos;&gt;?");
}

TEST(Report, JsonRoundTripKeepsWhatThePrintersShow) {
  const Toy toy = make_toy(1);
  const std::vector<ModelReport> models = sample(toy);
  const json j = reports_to_json("cases", models);
  EXPECT_EQ(j["summary"]["cases"], 1);
  EXPECT_EQ(j["summary"]["load_errors"], 1);
  EXPECT_EQ(j["summary"]["mismatches"], 2);  // toy.ct's violation, the missing property
  const std::vector<ModelReport> back = reports_from_json(json::parse(j.dump()));
  EXPECT_EQ(to_sarif(back), to_sarif(models));
  EXPECT_EQ(to_junit(back), to_junit(models));
  EXPECT_EQ(reports_to_json("cases", back), j);
  EXPECT_THROW(reports_from_json(json{{"tool", "other"}}), std::runtime_error);
}

}  // namespace
}  // namespace ctcheck::trace
