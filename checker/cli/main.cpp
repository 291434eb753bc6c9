// ctcheck: a thin dispatcher. Parsing lives in CLI11, work in cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/gate_cost.h"
#include "cli/interrupt.h"
#include "cli/model_io.h"
#include "cli/suggest.h"
#include "cli/usage.h"
#include "trace/results_printer.h"

using namespace ctcheck::cli;

namespace {

int dispatch(int argc, char **argv);

// A validator for an enum option spelt by name: "'xml' is not one of text,
// json, ... (did you mean ...)" instead of CLI11's mapping dump; shown in
// --help as "{a,b,c}".
template <class T>
CLI::Validator choice(const std::map<std::string, T> &names) {
  std::vector<std::string> keys;
  for (const auto &kv : names) keys.push_back(kv.first);
  std::string list;
  for (const std::string &k : keys) list += (list.empty() ? "" : ",") + k;
  CLI::Validator v(
      [names, keys, list](std::string &value) -> std::string {
        auto it = names.find(value);
        if (it == names.end()) return "'" + value + "' is not one of " + list + did_you_mean(value, keys);
        value = std::to_string(static_cast<int>(it->second));
        return "";
      },
      "{" + list + "}");
  return v;
}

// check, cases and gate: the same threshold, the same help.
void add_certify_option(CLI::App *cmd, std::uint64_t &states) {
  cmd->add_option(
         "--certify-states", states,
         "re-check proofs by exhaustion as Z3 certificates (an inductive invariant) when the state space has "
         "at most N states; 0: never (a proof under a relative abstraction is its certificate: always "
         "checked)")
      ->capture_default_str();
}

// Every subcommand that loads a model: the front end's limits (docs/language.md §7).
void add_limit_options(CLI::App *cmd) {
  ctcheck::frontend::Limits &l = model_limits();
  cmd->add_option(ctcheck::frontend::kMaxNestingFlag, l.max_nesting,
                  "limit: nesting of statements, expressions, imports and inlined calls")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str()
      ->group("Limits");
  cmd->add_option(ctcheck::frontend::kMaxInlineNodesFlag, l.max_inline_nodes,
                  "limit: size of one task or handler after inlining")
      ->capture_default_str()
      ->group("Limits");
  cmd->add_option(ctcheck::frontend::kMaxTotalNodesFlag, l.max_total_nodes,
                  "limit: inline sizes summed over every CPU and context level")
      ->capture_default_str()
      ->group("Limits");
  cmd->add_option(ctcheck::frontend::kMaxContextLevelsFlag, l.max_context_levels,
                  "limit: context levels per CPU (1 + the sum of the nest bounds)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str()
      ->group("Limits");
  cmd->add_option(ctcheck::frontend::kMaxStateBitsFlag, l.max_state_bits, "limit: bits of the state")
      ->capture_default_str()
      ->group("Limits");
}

}  // namespace

// Exits without destructors: Z3 contexts still being freed in the background
// (engines/solver.h, retire) must not hold up the user once the answer is out.
int main(int argc, char **argv) {
  ctcheck::cli::interrupt::install();  // before any thread starts: they inherit the blocked signals
  const int code = dispatch(argc, argv);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

namespace {

int dispatch(int argc, char **argv) {
  CLI::App app{"ctcheck: a model checker for Linux context tracking + RCU dynticks on x86-64 entry paths"};
  app.footer(
      "Exit codes: 0 every property holds (proved or bounded), 1 a property is violated,\n"
      "            2 usage or input error, 3 unknown (a resource limit was hit, no violation),\n"
      "            130/143 interrupted by SIGINT/SIGTERM (what was decided is still reported).\n"
      "Each subcommand's --help lists its own. With no subcommand, ctcheck runs the embedded\n"
      "2015 story (Linux 4.3, the 2015 patch, 4.6) and the Linux 6.1 and 6.12 syscall models;\n"
      "exit 1 if they do not match their expectations.");
  app.set_version_flag("--version", std::string("ctcheck ") + ctcheck::trace::tool_version());
  app.require_subcommand(0, 1);

  std::string model;
  auto *parse = app.add_subcommand(
      "parse", "Check a model and summarise CPUs, contexts, interrupts, properties, state size");
  parse->add_option("MODEL", model, "model file (.ct)")->required();
  parse->footer("Exit codes: 0 the model loads, 2 it does not (file:line:col: error: ... on stderr).");

  int steps = 50;
  std::uint64_t seed = 1;
  auto *simulate = app.add_subcommand("simulate", "One random run of a model, printed step by step");
  simulate->add_option("MODEL", model, "model file (.ct)")->required();
  simulate->add_option("--steps", steps, "number of steps")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  simulate->add_option("--seed", seed, "random seed")->capture_default_str();
  simulate->footer(
      "Exit codes: 0 the run ended without a violation, 1 it reached one (printed as a trace),\n"
      "            2 usage or input error.");

  const std::map<std::string, OutputFormat> formats{{"text", OutputFormat::Text},
                                                    {"json", OutputFormat::Json},
                                                    {"sarif", OutputFormat::Sarif},
                                                    {"junit", OutputFormat::Junit}};
  std::map<std::string, OutputFormat> check_formats = formats;
  check_formats["itf"] = OutputFormat::Itf;
  const std::map<std::string, ctcheck::engines::EngineChoice> engines{
      {"auto", ctcheck::engines::EngineChoice::Auto},
      {"bmc", ctcheck::engines::EngineChoice::Bmc},
      {"kind", ctcheck::engines::EngineChoice::Kind},
      {"explicit", ctcheck::engines::EngineChoice::Explicit}};

  CheckOptions check;
  int depth = 0;
  auto *chk =
      app.add_subcommand("check", "Check every property of a model (explicit search, BMC and k-induction)");
  chk->add_option("MODEL", check.model, "model file (.ct)")->required();
  chk->add_option(
         "--engine", check.engine,
         "auto (the default: explicit, then bmc and kind side by side for what it leaves open), bmc, kind "
         "(k-induction) or explicit")
      ->transform(choice(engines));
  chk->add_flag("--no-reduce", check.no_reduce,
                "check the model as written: one statement per step, every local its own variable (see "
                "docs/semantics.md, Reduction)");
  add_certify_option(chk, check.certify_states);
  chk->add_flag("--require-proof", check.require_proof,
                "exit 3 unless every property is proved or violated (a bound is not enough)");
  auto *depth_opt =
      chk->add_option("--depth", depth,
                      "depth bound (default: the model's `bound` for bmc and kind, none for explicit)")
          ->check(CLI::Range(0, 100000));
  chk->add_option("--max-states", check.max_states,
                  "explicit engine: state limit (running out is unknown; see `ctcheck parse` for the memory)")
      ->capture_default_str();
  chk->add_option("--property", check.properties, "check only this property (repeatable)");
  chk->add_option("--timeout", check.timeout, "wall-clock seconds for the whole command (0: none)")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  chk->add_option("--format", check.format,
                  "text (the default), json, sarif, junit, or itf (Apalache's Informal Trace Format: the "
                  "counterexample --trace-out draws by default)")
      ->transform(choice(check_formats));
  chk->add_option("--output", check.output, "write the report to FILE (whole or not at all)");
  std::vector<std::string> check_reports;
  chk->add_option(
         "--report", check_reports,
         "also write the results as FORMAT to FILE: FORMAT=FILE with FORMAT text, json, sarif, junit or itf "
         "(repeatable; each file whole or not at all)")
      ->allow_extra_args(false);
  chk->add_option("--trace-dir", check.trace_dir,
                  "write each counterexample as DIR/PROPERTY.json (DIR is created)");
  chk->add_option(
         "--trace-out", check.trace_out,
         "draw a counterexample: [PROPERTY=]FILE.vcd (GTKWave), .svg or .html; PROPERTY=FILE draws that "
         "property; a plain FILE the first violated assertion (else invariant), every other violation to "
         "FILE-PROPERTY.ext (repeatable; whole or not at all)")
      ->allow_extra_args(false);
  chk->add_flag("--quiet", check.quiet, "no progress or settled verdicts on stderr");
  chk->add_flag("--verbose", check.verbose, "engine statistics on stderr, local variables in traces");
  chk->add_option(
         "--jobs", check.jobs,
         "BMC threads: property groups in parallel, one solver each (one joint solver is usually faster)")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  chk->footer(
      "Exit codes: 0 every property holds (proved or bounded), 1 a property is violated,\n"
      "            2 usage or input error, 3 unknown and no violation (or --require-proof unmet),\n"
      "            130/143 interrupted by SIGINT/SIGTERM (the report says INCOMPLETE).");

  std::string trace_file;
  auto *replay = app.add_subcommand("replay", "Replay a saved JSON trace on the concrete simulator");
  replay->add_option("MODEL", model, "model file (.ct)")->required();
  replay->add_option("TRACE", trace_file, "trace JSON (from --trace-dir or --format json)")->required();
  replay->footer(
      "Exit codes: 1 the trace reproduces its violation, 0 it does not reach it,\n"
      "            2 usage or input error (not JSON, not a trace of MODEL).");

  CasesOptions cases;
  auto *cs = app.add_subcommand("cases", "Run every case and compare verdicts with its expectations");
  cs->add_option("DIR", cases.dir, "directory of cases")->capture_default_str();
  cs->add_option("--jobs", cases.jobs, "cases checked in parallel threads (default: number of cores)")
      ->check(CLI::Range(1, 4096));
  cs->add_option("--shard", cases.shard,
                 "I/N: only the files with index % N == I of the sorted list (CI matrix)");
  cs->add_option("--format", cases.format, "text (the default), json, sarif or junit")
      ->transform(choice(formats));
  cs->add_option("--output", cases.output,
                 "write the report to FILE (whole or not at all); the table still goes to stdout");
  cs->add_option("--cache", cases.cache,
                 "keep reports in DIR, keyed by the model's sources, the options and the ctcheck version; an "
                 "unchanged model is not checked again");
  add_certify_option(cs, cases.certify_states);
  cs->add_flag("--quiet", cases.quiet, "no progress or settled verdicts on stderr");
  cs->add_flag("--verbose", cases.verbose, "engine statistics on stderr");
  cs->footer(
      "Exit codes: 0 every case matches its expectations, 1 a mismatch, 2 usage error or a case\n"
      "            that does not load, 130/143 interrupted (the table says INCOMPLETE).");

  GateOptions gate;
  auto *gt = app.add_subcommand(
      "gate", "Check a base and a head (models, cases or case directories); exit 1 on a regression");
  gt->add_option("--base", gate.base, "model, case file or case directory before the change")->required();
  gt->add_option("--head", gate.head, "model, case file or case directory after the change")->required();
  gt->add_option("--format", gate.format, "text (the default), json, sarif or junit")
      ->transform(choice(formats));
  gt->add_option("--output", gate.output,
                 "write the report to FILE (whole or not at all); the table still goes to stdout");
  gt->add_option(
      "--cache", gate.cache,
      "keep reports in DIR, keyed by the model's sources, the options and the ctcheck version (the base "
      "side of a pull request is checked once)");
  add_certify_option(gt, gate.certify_states);
  std::vector<std::string> cost_limits;
  gt->add_option(
      "--max-cost-increase", cost_limits,
      "EVENT=N: a regression when some path of the head has more than N more EVENTs than the base's "
      "(repeatable; events: full_barrier, atomic, ct_state, rcu_eqs, vtime, irq_save_restore, hook, "
      "schedule)");
  gt->add_flag("--quiet", gate.quiet, "no progress or settled verdicts on stderr");
  gt->add_flag("--verbose", gate.verbose, "engine statistics on stderr");
  gt->add_option("--jobs", gate.jobs, "models checked in parallel threads (default: number of cores)")
      ->check(CLI::Range(1, 4096));
  gt->footer(
      "Exit codes: 0 no regression, 1 a regression (a new violation, a weakened proof, a broken\n"
      "            expectation), 2 usage error or a model that does not load, 130/143 interrupted.");

  MergeOptions merge;
  auto *mg =
      app.add_subcommand("merge", "Combine the JSON reports of `cases --shard I/N --format json` runs");
  mg->add_option("FILES", merge.inputs, "JSON reports")->required();
  mg->add_option("--format", merge.format, "text (the default), json, sarif or junit")
      ->transform(choice(formats));
  mg->footer(
      "Exit codes: 0 every shard matched, 1 a shard had a mismatch, 2 a shard is missing, given\n"
      "            twice or not a ctcheck report.");
  mg->add_option("--output", merge.output,
                 "write the report to FILE (whole or not at all); the table still goes to stdout");

  CostCommandOptions cost;
  auto *co = app.add_subcommand(
      "cost", "Cost events (barriers, atomics, ct/RCU transitions, ...) per entry path, min and max");
  co->add_option("CASE", cost.model, "model or case file (.ct)")->required();
  co->add_option("--base", cost.base,
                 "a second variant: print both side by side with the change per path and event");
  const std::map<std::string, ctcheck::cost::CostFormat> cost_formats = {
      {"text", ctcheck::cost::CostFormat::Text},
      {"json", ctcheck::cost::CostFormat::Json},
      {"csv", ctcheck::cost::CostFormat::Csv},
      {"svg", ctcheck::cost::CostFormat::Svg}};
  co->add_option("--format", cost.format, "text (the default), json, csv or svg (a grouped bar chart)")
      ->transform(choice(cost_formats));
  co->add_option("--output", cost.output, "write the report to FILE (whole or not at all)");
  co->add_option("--max-states", cost.max_states, "stop the state search after this many states (exit 3)")
      ->capture_default_str();
  co->footer(
      "Exit codes: 0 done, 2 usage or input error (no file written), 3 the state limit was hit\n"
      "            (the counts cover the states found). See docs/cost.md.");

  GraphOptions graph;
  auto *gr = app.add_subcommand(
      "graph", "Reachable protocol states (ct state x RCU watching x mode) and the procedures between them");
  gr->add_option("MODEL", graph.model, "model file (.ct)")->required();
  std::string graph_format = "dot";
  gr->add_option("--format", graph_format, "dot (Graphviz)")->check(CLI::IsMember({"dot"}));
  gr->add_option("--output", graph.output, "write the graph to FILE (whole or not at all)");
  gr->add_option("--max-states", graph.max_states,
                 "stop exploring after this many states (exit 3: incomplete)")
      ->capture_default_str();
  gr->footer(
      "Exit codes: 0 the graph is complete, 2 usage or input error, 3 the state limit was hit\n"
      "            (the graph found so far is still written, marked incomplete).");
  gr->add_option(
        "--state-var", graph.state_vars,
        "project onto this model variable, NAME or NAME&MASK, or IF (the interrupt flag) (repeatable; "
        "default: context_tracking_state or ct_state, and dynticks&1 as RCU watching). Nodes where a "
        "property fails are red")
      ->allow_extra_args(false);

  for (CLI::App *loads_models : {parse, simulate, chk, replay, cs, gt, gr}) add_limit_options(loads_models);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    return report_usage_error(app, e);  // exit 2, not CLI11's 100+
  }
  if (depth_opt->count()) check.depth = depth;  // the one place the default is resolved: unset
  for (const std::string &r : check_reports) {
    const std::size_t eq = r.find('=');
    const std::optional<OutputFormat> f =
        eq == std::string::npos ? std::nullopt : parse_output_format(r.substr(0, eq));
    if (!f || eq + 1 >= r.size()) {
      std::cerr
          << "ctcheck: error: --report wants FORMAT=FILE with FORMAT text, json, sarif, junit or itf, not '"
          << r << "'\n";
      return kExitUsage;
    }
    check.reports.emplace_back(*f, r.substr(eq + 1));
  }
  for (const std::string &l : cost_limits) {
    std::optional<ctcheck::cost::CostLimit> limit = parse_cost_limit(l);
    if (!limit) return kExitUsage;
    gate.cost_limits.push_back(*limit);
  }
  try {
    if (*parse) return run_parse(model);
    if (*co) return run_cost(cost);
    if (*simulate) return run_simulate(model, steps, seed);
    if (*chk) return run_check(check);
    if (*replay) return run_replay(model, trace_file);
    if (*cs) return run_cases(cases);
    if (*gr) return run_graph(graph);
    if (*gt) return run_gate(gate);
    if (*mg) return run_merge(merge);
    return run_default();
  } catch (const std::exception &e) {
    std::cerr << "ctcheck: internal error: " << e.what() << "\n";
    return kExitUnknown;
  }
}

}  // namespace
