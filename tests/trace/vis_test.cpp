// The VCD and SVG/HTML trace printers and the protocol-state graph, against
// golden files in tests/data/vis/ (CTCHECK_UPDATE_GOLDEN=1 rewrites them).
// The model is loaded under its repository-relative path so locations in the
// output do not depend on where the checkout lives.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "engines/state_graph.h"
#include "frontend/lower.h"
#include "sim/simulator.h"
#include "trace/dot_printer.h"
#include "trace/golden.h"
#include "trace/json_printer.h"
#include "trace/svg_layout.h"
#include "trace/svg_printer.h"
#include "trace/vcd_printer.h"

namespace ctcheck::trace {
namespace {

using namespace ctcheck::testing;

const char *const kModel = "tests/data/vis/mini_entry.ct";

std::string read(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const frontend::LoadedModel &model() {
  static const std::unique_ptr<frontend::LoadedModel> lm = [] {
    auto m = std::make_unique<frontend::LoadedModel>();
    frontend::Diagnostics diags(m->sources);
    frontend::FileReader reader = [](const std::string &path) -> std::optional<std::string> {
      std::ifstream in(std::string(CTCHECK_SOURCE_DIR) + "/" + path);
      if (!in) return std::nullopt;
      std::stringstream s;
      s << in.rdbuf();
      return s.str();
    };
    const bool ok = frontend::load_model(kModel, reader, *m, diags);
    std::ostringstream errors;
    diags.print(errors);
    EXPECT_TRUE(ok) << errors.str();
    return m;
  }();
  return *lm;
}

// A saved counterexample of the mini model (what `check --trace-dir` wrote),
// replayed on the simulator so the goldens only ever show real traces.
Trace saved_trace(const std::string &property) {
  const ir::TransitionSystem &ts = model().ts;
  const std::string text = read(std::string(CTCHECK_TEST_DATA) + "/vis/mini_entry-" + property + ".json");
  std::string error;
  std::optional<Trace> t = trace_from_json(ts, nlohmann::json::parse(text), &error);
  EXPECT_TRUE(t) << error;
  if (!t) return {};
  EXPECT_EQ(sim::Simulator(ts).replay(*t), "");
  return *t;
}

std::string vcd(const Trace &t) {
  std::ostringstream out;
  print_vcd(model().ts, t, out);
  return out.str();
}
std::string svg(const Trace &t) {
  std::ostringstream out;
  print_svg(model().ts, t, out);
  return out.str();
}

TEST(Vcd, GoldenAssertion) { expect_golden("vis/irq_not_in_user.vcd", vcd(saved_trace("irq_not_in_user"))); }
TEST(Vcd, GoldenInvariant) {
  expect_golden("vis/watching_in_kernel.vcd", vcd(saved_trace("watching_in_kernel")));
}

// What GTKWave needs: a header without dates, unique identifiers, one signal
// per state variable, and time stamps that only grow.
TEST(Vcd, WellFormed) {
  const Trace t = saved_trace("irq_not_in_user");
  const std::string text = vcd(t);
  EXPECT_EQ(text.find("$date"), std::string::npos);
  std::istringstream in(text);
  std::string line;
  std::set<std::string> ids;
  int vars = 0, scopes = 0, last_time = -1;
  bool defs_done = false;
  while (std::getline(in, line)) {
    if (line.rfind("$var ", 0) == 0) {
      std::istringstream f(line);
      std::string kw, type, width, id;
      f >> kw >> type >> width >> id;
      EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
      ++vars;
    }
    if (line.rfind("$scope ", 0) == 0) ++scopes;
    if (line.rfind("$upscope", 0) == 0) --scopes;
    if (line == "$enddefinitions $end") defs_done = true;
    if (defs_done && !line.empty() && line[0] == '#') {
      const int time = std::stoi(line.substr(1));
      EXPECT_GT(time, last_time);
      last_time = time;
    }
  }
  EXPECT_TRUE(defs_done);
  EXPECT_EQ(scopes, 0);
  int enums = 0;
  for (const ir::StateVar &v : model().ts.vars) enums += !v.enum_names.empty();
  ASSERT_GT(enums, 0);
  // + step_cpu, step_action, violated, and a string signal per enum variable.
  EXPECT_EQ(vars, static_cast<int>(model().ts.vars.size()) + enums + 3);
  EXPECT_NE(text.find("$var string 1 "), std::string::npos);
  EXPECT_NE(text.find("\nsCONTEXT_"), std::string::npos) << "enumerator names as string values";
  EXPECT_EQ(last_time, t.depth() + 2);  // the failing step, then the end marker
  for (const char *name : {" IF $end", " user $end", " depth $end", " ct_state $end", " dynticks $end"})
    EXPECT_NE(text.find(name), std::string::npos) << name;
}

TEST(Svg, GoldenAssertion) { expect_golden("vis/irq_not_in_user.svg", svg(saved_trace("irq_not_in_user"))); }
TEST(Svg, GoldenInvariant) {
  expect_golden("vis/watching_in_kernel.svg", svg(saved_trace("watching_in_kernel")));
}
TEST(Svg, GoldenHtml) {
  std::ostringstream out;
  print_html(model().ts, saved_trace("irq_not_in_user"), out);
  expect_golden("vis/irq_not_in_user.html", out.str());
}

TEST(Svg, LanesAndHighlight) {
  const std::string text = svg(saved_trace("irq_not_in_user"));
  EXPECT_EQ(text.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(text.find("</svg>\n"), std::string::npos);
  for (const char *label : {"task syscall_task", "irq timer_irq", ">IF<", ">mode<", ">syscalls<",
                            "id=\"violation\"", "Violated: assertion irq_not_in_user", "id=\"culprit\"",
                            // ct_state and dynticks do not change in this trace: no lane, a note
                            "Unchanged throughout: ct_state = CONTEXT_USER, dynticks = 2",
                            // the statements under the step numbers
                            ">local_irq_enable();<", ">syscalls++;<"})
    EXPECT_NE(text.find(label), std::string::npos) << label;
  EXPECT_EQ(text.find(">ct_state<"), std::string::npos) << "an unchanged variable has no lane";
  // No external references: the picture is self-contained.
  EXPECT_EQ(text.find("href"), std::string::npos);
  EXPECT_EQ(text.find("<script"), std::string::npos);
}

// Changing variables only, preferred names first; capped; returned in variable order.
TEST(Svg, ValueLaneChoice) {
  const ir::TransitionSystem &ts = model().ts;
  auto var = [&](const std::string &n) {
    for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
      if (ts.vars[v].name == n) return v;
    ADD_FAILURE() << "no variable " << n;
    return 0u;
  };
  const std::uint32_t ct = var("ct_state"), dyn = var("dynticks"), calls = var("syscalls");
  Trace t = saved_trace("irq_not_in_user");  // syscalls changes, ct_state and dynticks do not
  EXPECT_EQ(value_lane_vars(ts, t, 8), (std::vector<std::uint32_t>{calls}));
  t.steps.back().state[dyn] ^= 1;  // now dynticks changes: it comes first
  EXPECT_EQ(value_lane_vars(ts, t, 8), (std::vector<std::uint32_t>{dyn, calls}));
  EXPECT_EQ(value_lane_vars(ts, t, 1), (std::vector<std::uint32_t>{dyn}));
  EXPECT_EQ(value_lane_vars(ts, t, 0), (std::vector<std::uint32_t>{}));
  t.steps.back().state[ct] ^= 1;
  EXPECT_EQ(value_lane_vars(ts, t, 2), (std::vector<std::uint32_t>{ct, dyn}));
}

// The task of the mini model alone for `n` statements (no interrupts): it
// runs ct_user_exit() and ct_user_enter() to completion, two statements each.
Trace task_only(int n) {
  const ir::TransitionSystem &ts = model().ts;
  const sim::Simulator sim(ts);
  Trace t;
  t.initial = *sim.initial_state();
  const std::vector<std::uint64_t> no_inputs(ts.inputs.size(), 0);
  for (int k = 0; k < n; ++k) {
    const std::vector<std::uint64_t> &s = t.final_state();
    const int a = ts.exec_at[0][0][s.at(ts.cpus[0].pc[0])];
    t.steps.push_back({a, no_inputs, sim.fire(a, s, no_inputs)});
  }
  return t;
}

// A completed call is one column, the culprit (last IF / ct_state change) is
// never folded, and without folding every statement is a column.
TEST(Svg, FoldsCompletedCallsButNotTheCulprit) {
  const ir::TransitionSystem &ts = model().ts;
  Trace t = task_only(9);  // user_code .. ct_user_enter(), which has not returned yet
  t.property = 1;          // watching_in_kernel: an invariant, the last step is the bad one
  std::vector<std::string> folds;
  for (const SvgColumn &c : svg_columns(ts, t, true))
    if (c.folded()) folds.push_back(c.fold + ":" + std::to_string(c.first) + "-" + std::to_string(c.last));
  // ct_user_enter() changes ct_state in its first statement: the culprit, so it stays unfolded.
  EXPECT_EQ(folds, (std::vector<std::string>{"ct_user_exit:4-5"}));
  EXPECT_EQ(ts.actions[t.steps[culprit_step(ts, t)].action].procedure, "ct_user_enter");
  EXPECT_EQ(svg_columns(ts, t, false).size(), t.steps.size() + 1);
  EXPECT_EQ(svg_columns(ts, t, true).size(), t.steps.size());  // one column fewer
  std::ostringstream out;
  print_svg(ts, t, out);
  EXPECT_NE(out.str().find("\xE2\x96\xB8 ct_user_exit"), std::string::npos);
  EXPECT_NE(out.str().find(">5-6<"), std::string::npos) << "a folded column spans its steps (indices 4-5)";
}

std::string dot(const engines::StateGraphOptions &opts) {
  core::StateGraph g;
  std::string error;
  EXPECT_TRUE(engines::build_state_graph(model().ts, opts, g, error)) << error;
  std::ostringstream out;
  trace::print_dot(model().ts, g, kModel, out);
  return out.str();
}

TEST(Graph, GoldenDefault) {
  const std::string text = dot({});
  expect_golden("vis/mini_entry.dot", text);
  EXPECT_NE(text.find("; complete\n"), std::string::npos);
}

TEST(Graph, GoldenStateVars) {
  engines::StateGraphOptions o;
  o.state_vars = {"ct_state", "dynticks&0x3", "syscalls"};
  expect_golden("vis/mini_entry-state-vars.dot", dot(o));
}

TEST(Graph, Errors) {
  core::StateGraph g;
  std::string error;
  engines::StateGraphOptions o;
  o.state_vars = {"no_such_var"};
  EXPECT_FALSE(engines::build_state_graph(model().ts, o, g, error));
  EXPECT_NE(error.find("no_such_var"), std::string::npos);
  o.state_vars = {"dynticks&x"};
  EXPECT_FALSE(engines::build_state_graph(model().ts, o, g, error));
  EXPECT_NE(error.find("bad mask"), std::string::npos);
}

TEST(Graph, StateLimitMakesItIncomplete) {
  core::StateGraph g;
  std::string error;
  engines::StateGraphOptions o;
  o.max_states = 5;
  ASSERT_TRUE(engines::build_state_graph(model().ts, o, g, error)) << error;
  EXPECT_FALSE(g.complete);
  EXPECT_NE(g.incomplete_reason.find("state limit of 5"), std::string::npos);
  core::StateGraph full;
  ASSERT_TRUE(engines::build_state_graph(model().ts, {}, full, error));
  EXPECT_TRUE(full.complete);
  EXPECT_LT(g.states, full.states);
}

// Same input, same bytes: nothing depends on addresses, hashing or time.
TEST(Graph, Deterministic) { EXPECT_EQ(dot({}), dot({})); }

}  // namespace
}  // namespace ctcheck::trace
