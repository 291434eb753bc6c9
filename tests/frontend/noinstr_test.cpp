// The noinstr discipline of the language (docs/language.md, "noinstr"): the
// `noinstr` / `instrumentable` sections, instrumentation_begin()/end()
// regions counted per noinstr procedure, and `instrumentable requires`. The
// lowered checks are run on the concrete simulator, step by step.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

using fetest::Driver;
using fetest::error_lines;
using fetest::errors_of;
using fetest::load_text;
using Names = std::vector<std::string>;

// A handler `h` (IRQ) whose body is `body`; `watching` is what instrumentable
// code requires; trace() is instrumentable and takes no step of its own.
std::string model(const std::string &section, const std::string &body, const std::string &extra = "") {
  return R"(cpus 1;
percpu bool watching = true;
percpu int n = 0;
instrumentable requires needs_watching(watching, "instrumentable code runs while not watching");
instrumentable void trace() { }
instrumentable void trace_count() { n = n + 1; }
void plain_region() { instrumentation_begin(); trace(); instrumentation_end(); }
)" + extra +
         section + "void h() {\n" + body + R"(
}
void t() { while (true) { user_code(); } }
task t user;
irq h nest 1;
)";
}

// Runs the handler h to its return once (from user mode) and collects every
// property whose check failed on the way.
Names run_handler(const std::string &text, bool watching = true) {
  auto l = load_text(text);
  EXPECT_TRUE(l.ok) << l.errors;
  if (!l.ok) return {"(load error)"};
  Driver d(l.lm->ts);
  d.set("watching", watching);
  d.deliver("h");
  Names failed;
  for (int i = 0; i < 50 && !d.can_iret(0); ++i) {
    d.step();
    for (const std::string &p : d.last_failed()) failed.push_back(p);
  }
  EXPECT_TRUE(d.can_iret(0)) << "the handler did not return";
  return failed;
}

TEST(Noinstr, ACallInsideARegionNeedsOnlyTheRequirement) {
  const std::string body = "instrumentation_begin(); trace(); instrumentation_end();";
  EXPECT_EQ(run_handler(model("noinstr ", body)), Names{});
  EXPECT_EQ(run_handler(model("noinstr ", body), false), Names{"needs_watching"});
}

TEST(Noinstr, ACallOutsideARegionLeavesNoinstrText) {
  EXPECT_EQ(run_handler(model("noinstr ", "trace();")), Names{"noinstr_call_outside_region"});
  // After the region is closed again.
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_begin(); instrumentation_end(); trace();")),
            Names{"noinstr_call_outside_region"});
  // Plain code only needs the requirement: no section to leave.
  EXPECT_EQ(run_handler(model("", "trace();")), Names{});
  EXPECT_EQ(run_handler(model("", "trace();"), false), Names{"needs_watching"});
}

TEST(Noinstr, RegionsMustBeBalanced) {
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_end();")), Names{"noinstr_region_balanced"});
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_begin();")), Names{"noinstr_region_balanced"});
  // Nested regions are fine when closed.
  EXPECT_EQ(run_handler(model("noinstr ",
                              "instrumentation_begin(); instrumentation_begin(); trace(); "
                              "instrumentation_end(); trace(); instrumentation_end();")),
            Names{});
  // The markers are nops outside noinstr code.
  EXPECT_EQ(run_handler(model("", "instrumentation_end(); instrumentation_begin();")), Names{});
}

TEST(Noinstr, ABranchThatClosesItsRegionTwiceIsFoundOnThatBranchOnly) {
  // B10's shape: the second branch closes its region, then the common end closes it again.
  const std::string body = R"(instrumentation_begin();
    if (n == 0) { trace(); instrumentation_end(); }
    instrumentation_end();)";
  EXPECT_EQ(run_handler(model("noinstr ", body)), Names{"noinstr_region_balanced"});
  auto l = load_text(model("noinstr ", body));
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  d.set("n", 1);  // the other branch: balanced
  d.deliver("h");
  for (int i = 0; i < 50 && !d.can_iret(0); ++i) {
    d.step();
    EXPECT_EQ(d.last_failed(), Names{});
  }
}

// The largest value the region count of h takes while h runs once.
std::uint64_t max_count(const std::string &text, std::uint64_t n) {
  auto l = load_text(text);
  EXPECT_TRUE(l.ok) << l.errors;
  if (!l.ok) return 0;
  Driver d(l.lm->ts);
  d.set("n", n);
  d.deliver("h");
  std::uint64_t most = 0;
  for (int i = 0; i < 50 && !d.can_iret(0); ++i) {
    d.step();
    most = std::max(most, d.get("cpu0.l1.h.h.instrumentation_regions"));
  }
  return most;
}

TEST(Noinstr, ACountThatIsTheSameOnEveryPathIsNotStored) {
  // Decided when the model is lowered (frontend/static_regions.h): no state.
  const std::string same = R"(if (n == 0) { instrumentation_begin(); trace(); }
    else { instrumentation_begin(); n = 2; }
    trace();
    instrumentation_end();)";
  EXPECT_EQ(max_count(model("noinstr ", same), 0), 0u);
  EXPECT_EQ(max_count(model("noinstr ", same), 1), 0u);
  EXPECT_EQ(run_handler(model("noinstr ", same)), Names{});
  // A count that differs between the paths that meet is kept (B10's shape).
  const std::string differs = R"(if (n == 0) { instrumentation_begin(); }
    trace();
    if (n == 0) { instrumentation_end(); })";
  EXPECT_EQ(max_count(model("noinstr ", differs), 0), 1u);
  EXPECT_EQ(max_count(model("noinstr ", differs), 1), 0u);
  EXPECT_EQ(run_handler(model("noinstr ", differs)), Names{});
  auto l = load_text(model("noinstr ", differs));
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  d.set("n", 1);
  d.deliver("h");
  Names failed;
  for (int i = 0; i < 50 && !d.can_iret(0); ++i) {
    d.step();
    for (const std::string &p : d.last_failed()) failed.push_back(p);
  }
  EXPECT_EQ(failed, Names{"noinstr_call_outside_region"});
}

TEST(Noinstr, PlainHelpersBelongToTheirNoinstrCaller) {
  // plain_region()'s markers open and close h's region (an __always_inline helper).
  EXPECT_EQ(run_handler(model("noinstr ", "plain_region();")), Names{});
  EXPECT_EQ(run_handler(model("noinstr ",
                              "instrumentation_begin(); plain_region(); trace(); "
                              "instrumentation_end();")),
            Names{});
}

TEST(Noinstr, ANoinstrCalleeHasRegionsOfItsOwn) {
  // The caller's open region does not cover a noinstr callee's calls (objtool
  // checks each function), and the callee must close what it opens.
  const std::string callee =
      "noinstr void callee() { trace(); }\nnoinstr void opens() { instrumentation_begin(); }\n";
  EXPECT_EQ(
      run_handler(model("noinstr ", "instrumentation_begin(); callee(); instrumentation_end();", callee)),
      Names{"noinstr_call_outside_region"});
  EXPECT_EQ(run_handler(model("noinstr ", "opens(); trace();", callee)),
            (Names{"noinstr_region_balanced", "noinstr_call_outside_region"}));
}

TEST(Noinstr, InstrumentableCodeIsCheckedOnceAtItsEntry) {
  // trace_count() is instrumentable: its own calls, markers and steps are not checked again.
  const std::string extra =
      "instrumentable void outer() { trace(); instrumentation_end(); trace_count(); }\n";
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_begin(); outer(); instrumentation_end();", extra)),
            Names{});
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_begin(); outer(); instrumentation_end();", extra),
                        false),
            Names{"needs_watching"});
}

TEST(Noinstr, TheChecksOfACallRunInTheCalleesFirstStep) {
  // Marking a procedure instrumentable adds no step when it takes one.
  const std::string unmarked_count = "void count() { n = n + 1; }\n";
  auto marked =
      load_text(model("noinstr ", "instrumentation_begin(); trace_count(); instrumentation_end();"));
  auto unmarked = load_text(
      model("noinstr ", "instrumentation_begin(); count(); instrumentation_end();", unmarked_count));
  ASSERT_TRUE(marked.ok && unmarked.ok) << marked.errors << unmarked.errors;
  EXPECT_EQ(marked.lm->ts.actions.size(), unmarked.lm->ts.actions.size());
  // ... and the check fails in the step that increments n, before it.
  Driver d(marked.lm->ts);
  d.set("watching", false);
  d.deliver("h");
  while (d.sget("n") == 0 && !d.can_iret(0)) d.step();
  EXPECT_EQ(d.last_failed(), Names{"needs_watching"});
}

TEST(Noinstr, TheChecksOfACallRunOnceWhateverTheCalleeStartsWith) {
  // A callee that leaves at once (a configuration `if`, a goto) still has its
  // call checked; one that starts with a loop or a label is not re-checked on
  // its back edges (the checks take a step of their own there).
  const std::string early =
      "const bool CONFIG_OFF = true;\n"
      "instrumentable void leaves() { if (CONFIG_OFF) { return; } n = 1; }\n"
      "instrumentable void jumps() { goto out; n = 1; out: n = 2; }\n";
  EXPECT_EQ(run_handler(model("noinstr ", "leaves();", early)), Names{"noinstr_call_outside_region"});
  EXPECT_EQ(run_handler(model("noinstr ", "jumps();", early)), Names{"noinstr_call_outside_region"});
  EXPECT_EQ(run_handler(model("", "leaves();", early), false), Names{"needs_watching"});
  // A first statement without a right-hand side (`n++`) is a step of its own: fused.
  EXPECT_EQ(run_handler(model("noinstr ", "bump();", "instrumentable void bump() { n++; }\n")),
            Names{"noinstr_call_outside_region"});
  const std::string loops =
      "instrumentable void loops() { while (n < 2) { n++; watching = false; } watching = true; }\n"
      "instrumentable void labels() { again: n++; watching = false; if (n < 2) { goto again; } "
      "watching = true; }\n";
  EXPECT_EQ(run_handler(model("noinstr ", "instrumentation_begin(); loops(); instrumentation_end();", loops)),
            Names{});
  EXPECT_EQ(
      run_handler(model("noinstr ", "instrumentation_begin(); labels(); instrumentation_end();", loops)),
      Names{});
}

TEST(Noinstr, AnInstrumentableProcedureIsNeverAnExpressionProcedure) {
  // Its call must be a step of its own, where the requirement is checked.
  auto l = load_text(
      model("", "bool b; b = traced_value();", "instrumentable bool traced_value() { return true; }\n"));
  ASSERT_TRUE(l.ok) << l.errors;
  Driver d(l.lm->ts);
  d.set("watching", false);
  d.deliver("h");
  d.step();
  EXPECT_EQ(d.last_failed(), Names{"needs_watching"});
}

TEST(Noinstr, BadDeclarationsAreLocatedErrors) {
  EXPECT_EQ(errors_of("noinstr 5;\n"),
            Names{"m.ct:1:9: error: expected a procedure after the section qualifier but found number"});
  EXPECT_EQ(errors_of("noinstr const int x = 1;\n"),
            Names{"m.ct:1:9: error: expected a procedure after the section qualifier but found 'const'"});
  EXPECT_EQ(errors_of("instrumentable requires p(1, 2);\n"),
            Names{"m.ct:1:30: error: expected a message but found number"});
  EXPECT_EQ(errors_of("instrumentable requires (true, \"m\");\n"),
            Names{"m.ct:1:25: error: expected a property name but found '('"});
  EXPECT_EQ(errors_of("enum e { A };\ninstrumentable requires p(A, \"m\");\n"),
            Names{"m.ct:2:27: error: what instrumentable code requires must be a condition"});
  EXPECT_EQ(errors_of("instrumentable requires p(undefined_name, \"m\");\n").size(), 1u);
  EXPECT_EQ(errors_of("instrumentable requires noinstr_region_balanced(true, \"m\");\n"),
            Names{"m.ct:1:1: error: 'noinstr_region_balanced' is a built-in property"});
  EXPECT_EQ(
      errors_of("override instrumentable requires p(true, \"m\");\n"),
      Names{
          "m.ct:1:10: error: 'override' applies to constants, variables, enums, procedures and invariants"});
}

}  // namespace
}  // namespace ctcheck::frontend
