// Inputs that used to crash the front end (deep recursion) or make it run for
// minutes (exponential inlining, huge products of CPUs, levels and steps) are
// now located errors that name the limit and the flag that raises it; with
// the limit raised the same model loads.
#include "frontend/limits.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

using fetest::error_lines;
using fetest::Files;
using fetest::Loaded;
using fetest::map_reader;

Loaded load_with(const std::string &text, const Limits &limits) {
  Loaded out;
  Diagnostics diags(out.lm->sources);
  out.ok = load_model("m.ct", map_reader({{"m.ct", text}}), *out.lm, diags, limits);
  std::ostringstream s;
  diags.print(s);
  out.errors = s.str();
  return out;
}

Loaded load(const std::string &text) { return load_with(text, Limits{}); }

// The first error line, which must name the limit.
std::string first_error(const Loaded &l) {
  std::vector<std::string> lines = error_lines(l.errors);
  return lines.empty() ? "<no error>" : lines.front();
}

std::string repeat(const std::string &s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kNesting = "nesting too deep (limit 256; raise it with --max-nesting)";

// ---------- recursion depth ----------

TEST(Limits, ALongSumIsTooDeep) {
  auto l = load("const s64 X = 1" + repeat(" + 1", 8000) + ";\nvoid t() { }\ntask t;\n");
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(kNesting), std::string::npos) << l.errors;
}

TEST(Limits, ALongConjunctionInAnInvariantIsTooDeep) {
  auto l = load("global bool b = true;\ninvariant i(b" + repeat(" && b", 20000) +
                ", \"m\");\nvoid t() { }\ntask t;\n");
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(kNesting), std::string::npos) << l.errors;
}

TEST(Limits, DeeplyNestedConditionalsAndBlocksAreTooDeep) {
  auto ternary = load("const s64 X = " + repeat("1 ? 1 : ", 20000) + "1;\nvoid t() { }\ntask t;\n");
  EXPECT_NE(first_error(ternary).find(kNesting), std::string::npos) << ternary.errors;
  auto blocks = load("void t() " + repeat("{ ", 20000) + repeat("} ", 20000) + "\ntask t;\n");
  EXPECT_NE(first_error(blocks).find(kNesting), std::string::npos) << blocks.errors;
}

// p0 calls p1 calls ... p{n-1}: every call is inlined.
std::string call_chain(int n, bool expression_procedures) {
  std::string out = "global s32 x = 0;\n";
  for (int i = 0; i < n - 1; ++i)
    out += expression_procedures
               ? "s32 p" + std::to_string(i) + "() { return p" + std::to_string(i + 1) + "() + 1; }\n"
               : "void p" + std::to_string(i) + "() { p" + std::to_string(i + 1) + "(); }\n";
  out += expression_procedures ? "s32 p" + std::to_string(n - 1) + "() { return x; }\n"
                               : "void p" + std::to_string(n - 1) + "() { x = 1; }\n";
  out += expression_procedures ? "void t() { x = p0(); }\n" : "void t() { p0(); }\n";
  return out + "task t;\n";
}

TEST(Limits, ADeepCallChainIsTooDeepToInline) {
  auto l = load(call_chain(20000, false));
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(kNesting), std::string::npos) << l.errors;
  auto e = load(call_chain(20000, true));
  EXPECT_FALSE(e.ok);
  EXPECT_NE(first_error(e).find(kNesting), std::string::npos) << e.errors;
}

TEST(Limits, ADeepCallChainUnderANoinstrProcedureIsTooDeep) {
  // Whether the noinstr procedure needs a region count looks down the whole
  // chain of plain helpers before inlining reaches the limit.
  std::string chain = call_chain(60000, false);
  chain.replace(chain.find("void p0()"), 4, "noinstr void");
  chain.replace(chain.find("{ x = 1; }"), 10, "{ instrumentation_begin(); instrumentation_end(); }");
  auto l = load(chain);
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(kNesting), std::string::npos) << l.errors;
}

TEST(Limits, RaisingTheNestingLimitLoadsTheSameModel) {
  const std::string deep = "const s64 X = 1" + repeat(" + 1", 300) + ";\nvoid t() { }\ntask t;\n";
  EXPECT_FALSE(load(deep).ok);
  Limits raised;
  raised.max_nesting = 400;
  auto l = load_with(deep, raised);
  ASSERT_TRUE(l.ok) << l.errors;
  EXPECT_EQ(l.lm->program.named.at("X")->as<ConstDecl>()->value, 301u);
  const std::string chain = call_chain(300, false);
  EXPECT_FALSE(load(chain).ok);
  raised.max_nesting = 1000;
  EXPECT_TRUE(load_with(chain, raised).ok);
}

TEST(Limits, ADeepImportChainIsTooDeep) {
  Files files;
  for (int i = 0; i < 300; ++i)
    files["f" + std::to_string(i) + ".ct"] = "import \"f" + std::to_string(i + 1) + ".ct\";\n";
  files["f300.ct"] = "void t() { }\ntask t;\n";
  Loaded l;
  Diagnostics diags(l.lm->sources);
  EXPECT_FALSE(load_model("f0.ct", map_reader(files), *l.lm, diags));
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.errors()[0].message, "imports nested too deeply " + limit_hint(256, "--max-nesting"));
}

// ---------- size ----------

// n procedures, each calling the next twice: 2^n copies when inlined.
std::string doubling(int n, bool expression_procedures) {
  std::string out = "global s32 x = 0;\n";
  for (int i = 0; i < n - 1; ++i) {
    std::string next = "p" + std::to_string(i + 1) + "()";
    out += expression_procedures
               ? "s32 p" + std::to_string(i) + "() { return " + next + " + " + next + "; }\n"
               : "void p" + std::to_string(i) + "() { " + next + "; " + next + "; }\n";
  }
  out += expression_procedures ? "s32 p" + std::to_string(n - 1) + "() { return x; }\n"
                               : "void p" + std::to_string(n - 1) + "() { x++; }\n";
  out += expression_procedures ? "void t() { x = p0(); }\n" : "void t() { p0(); }\n";
  return out + "task t;\n";
}

double seconds_to_load(const std::string &text, Loaded *out) {
  auto start = std::chrono::steady_clock::now();
  *out = load(text);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Limits, ExponentialInliningStopsAtTheInlineLimit) {
  for (bool expr : {false, true}) {
    for (int n : {20, 40}) {
      Loaded l;
      double s = seconds_to_load(doubling(n, expr), &l);
      EXPECT_FALSE(l.ok);
      EXPECT_NE(first_error(l).find("is too large after inlining"), std::string::npos) << l.errors;
      EXPECT_NE(first_error(l).find(limit_hint(100000, "--max-inline-nodes")), std::string::npos) << l.errors;
      EXPECT_LT(s, 10.0) << n << " procedures";
    }
  }
  // Below the limit the model loads, and the limit can be lowered.
  EXPECT_TRUE(load(doubling(8, false)).ok);
  Limits low;
  low.max_inline_nodes = 100;
  auto l = load_with(doubling(8, false), low);
  EXPECT_NE(first_error(l).find(limit_hint(100, "--max-inline-nodes")), std::string::npos) << l.errors;
}

TEST(Limits, TooManyContextLevels) {
  std::string text = "cpus 8;\nvoid t() { }\ntask t;\n";
  for (int i = 0; i < 50; ++i) {
    text += "void h" + std::to_string(i) + "() { }\n";
    text += "irq h" + std::to_string(i) + " nest 4;\n";
  }
  Loaded l;
  double s = seconds_to_load(text, &l);
  EXPECT_FALSE(l.ok);
  EXPECT_LT(s, 10.0);
  // At the fourth source, which crosses the limit: 1 + 4 * 4 = 17 levels.
  EXPECT_EQ(first_error(l),
            "m.ct:11:5: error: 17 context levels per CPU, one for the task and one per nest bound "
            "of each interrupt source, are too many " +
                limit_hint(16, "--max-context-levels"))
      << l.errors;
}

TEST(Limits, TooManyStateBits) {
  std::string locals;
  for (int i = 0; i < 3000; ++i) locals += "u64 v" + std::to_string(i) + "; ";
  const std::string text = "cpus 8;\nvoid t() { " + locals + "}\ntask t;\n";
  auto l = load(text);
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(limit_hint(1000000, "--max-state-bits")), std::string::npos) << l.errors;
  Limits raised;
  raised.max_state_bits = 2000000;
  EXPECT_TRUE(load_with(text, raised).ok);
}

// The limit counts exactly the bits `ctcheck parse` reports.
TEST(Limits, StateBitsAreCountedAsTheTransitionSystemHasThem) {
  const std::string text = R"(cpus 2;
percpu range<0, 5> r = 0;
global u16 g = 0;
void h() { s32 local = 1; }
void t() { bool b = true; }
task t;
irq h nest 2;
)";
  auto l = load(text);
  ASSERT_TRUE(l.ok) << l.errors;
  const std::size_t bits = ir::state_bits(l.lm->ts);
  Limits exact;
  exact.max_state_bits = bits;
  EXPECT_TRUE(load_with(text, exact).ok);
  exact.max_state_bits = bits - 1;
  EXPECT_FALSE(load_with(text, exact).ok);
}

TEST(Limits, TheTotalSizeOverAllInstancesIsBounded) {
  Limits low;
  low.max_total_nodes = 50;
  auto l =
      load_with("cpus 4;\nglobal s32 x = 0;\nvoid t() { x = x + 1; x = x + 1; x = x + 1; }\ntask t;\n", low);
  EXPECT_FALSE(l.ok);
  EXPECT_NE(first_error(l).find(limit_hint(50, "--max-total-nodes")), std::string::npos) << l.errors;
}

// A cycle of jumps with no step was found by following every label's chain
// to its end: quadratic in the number of labels.
TEST(Limits, ManyStepLessCyclesAreFoundQuickly) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "L" + std::to_string(i) + ": goto L" + std::to_string(i) + ";\n";
  Loaded l;
  double s = seconds_to_load("void t() {\n" + body + "}\ntask t;\n", &l);
  EXPECT_FALSE(l.ok);
  EXPECT_EQ(first_error(l), "m.ct:1:6: error: in 't': a loop or goto cycle takes no step");
  EXPECT_LT(s, 10.0);
}

}  // namespace
}  // namespace ctcheck::frontend
