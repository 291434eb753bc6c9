// One function per subcommand; main.cpp only parses arguments and dispatches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/output.h"
#include "cost/compare.h"
#include "cost/printers.h"
#include "engines/portfolio.h"

namespace ctcheck::cli {

int run_parse(const std::string &model);
int run_simulate(const std::string &model, int steps, std::uint64_t seed);

struct CheckOptions {
  std::string model;
  engines::EngineChoice engine = engines::EngineChoice::Auto;
  std::uint64_t max_states = 4'000'000;
  std::optional<int> depth;  // unset: the model's `bound` (BMC, kind), no limit (explicit)
  std::vector<std::string> properties;
  double timeout = 0;
  OutputFormat format = OutputFormat::Text;
  std::string output;
  // --report FORMAT=FILE (repeatable): the same results in more formats from
  // one run (a CI job writes SARIF and JUnit and logs the text).
  std::vector<std::pair<OutputFormat, std::string>> reports;
  std::string trace_dir;
  bool quiet = false, verbose = false;
  bool require_proof = false;  // exit 3 unless every property is proved or violated
  bool no_reduce = false;      // engines on the model as written (no merged steps, no shared slots)
  std::uint64_t certify_states =
      engines::kDefaultCertifyStates;  // proofs by exhaustion certified up to this many states
  int jobs = 1;  // BMC threads (property groups in parallel); 1 by default: see docs/ci.md
  // --trace-out FILE.vcd|.svg|.html (repeatable): the first counterexample to FILE, the
  // others to FILE-PROPERTY.ext (cmd_check.cpp, trace_out_path).
  std::vector<std::string> trace_out;
};
int run_check(const CheckOptions &opt);
int run_replay(const std::string &model, const std::string &trace_file);

struct CasesOptions {
  std::string dir = "cases";
  bool quiet = false, verbose = false;  // no progress / engine statistics too
  OutputFormat format = OutputFormat::Text;
  std::string output;  // write the report here (whole or not at all)
  std::string shard;   // "I/N": only files with index % N == I
  int jobs = 0;        // cases in parallel; 0: the number of cores
  std::string cache;   // --cache DIR: reuse reports of unchanged models (cli/result_cache.h)
  std::uint64_t certify_states = engines::kDefaultCertifyStates;
};
int run_cases(const CasesOptions &opt);

// `ctcheck gate --base A --head B`: verdict changes between two models, case
// files or case directories; exit 1 on a regression (cmd_gate.cpp).
struct GateOptions {
  std::string base, head;
  bool quiet = false, verbose = false;
  OutputFormat format = OutputFormat::Text;
  std::string output;
  int jobs = 0;
  std::string cache;  // --cache DIR
  std::uint64_t certify_states = engines::kDefaultCertifyStates;
  // --max-cost-increase EVENT=N: fail when a path of the head has more than N
  // more EVENTs than the base's (model or case files only).
  std::vector<cost::CostLimit> cost_limits;
};
int run_gate(const GateOptions &opt);

// `ctcheck cost CASE [--base CASE]`: cost events per entry path (cmd_cost.cpp, docs/cost.md).
struct CostCommandOptions {
  std::string model, base;  // base: "" for one variant
  cost::CostFormat format = cost::CostFormat::Text;
  std::string output;
  std::uint64_t max_states = 2'000'000;
};
int run_cost(const CostCommandOptions &opt);
// The cost report of one model; null after printing its diagnostics.
std::optional<cost::CostReport> cost_report_or_report(const std::string &model, std::uint64_t max_states);

// `ctcheck merge F1 F2 ...`: one report from the JSON of several shards (cmd_merge.cpp).
struct MergeOptions {
  std::vector<std::string> inputs;
  OutputFormat format = OutputFormat::Text;
  std::string output;
};
int run_merge(const MergeOptions &opt);

// `ctcheck graph MODEL --format dot`: reachable protocol states and the
// procedures between them (cmd_graph.cpp, trace/state_graph.h).
struct GraphOptions {
  std::string model;  // the only format is Graphviz DOT
  std::string output;
  std::uint64_t max_states = 2'000'000;
  std::vector<std::string> state_vars;  // NAME or NAME&MASK; empty: the defaults
};
int run_graph(const GraphOptions &opt);

// `ctcheck` with no arguments: the 2015 story on the embedded models.
int run_default();

}  // namespace ctcheck::cli
