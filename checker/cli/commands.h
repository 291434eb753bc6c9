// One function per subcommand; main.cpp only parses arguments and dispatches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ctcheck::cli {

int run_parse(const std::string &model);
int run_simulate(const std::string &model, int steps, std::uint64_t seed);

struct CheckOptions {
  std::string model;
  std::string engine = "auto";
  std::uint64_t max_states = 4'000'000;
  int depth = -1;  // -1: the model's `bound`
  std::vector<std::string> properties;
  double timeout = 0;
  std::string format = "text";
  std::string output;
  std::string trace_dir;
  bool quiet = false, verbose = false;
  bool require_proof = false;  // exit 3 unless every property is proved or violated
  int jobs = 1;  // BMC threads (property groups in parallel); 1 by default: see docs/ci.md
  // --trace-out FILE.vcd|.svg|.html (repeatable): the first counterexample to FILE, the
  // others to FILE-PROPERTY.ext (cmd_check.cpp, trace_out_path).
  std::vector<std::string> trace_out;
};
int run_check(const CheckOptions &opt);
int run_replay(const std::string &model, const std::string &trace_file);

struct CasesOptions {
  std::string dir = "cases";
  bool quiet = false;
  std::string format = "text";  // text, json, sarif, junit
  std::string output;           // write the report here (whole or not at all)
  std::string shard;            // "I/N": only files with index % N == I
  int jobs = 0;                 // cases in parallel; 0: the number of cores
};
int run_cases(const CasesOptions &opt);
// cmd_cases_batch.cpp: the parallel, sharded, multi-format `cases`.
int run_cases_batch(const CasesOptions &opt);

// `ctcheck gate --base A --head B`: verdict changes between two models, case
// files or case directories; exit 1 on a regression (cmd_gate.cpp).
struct GateOptions {
  std::string base, head;
  std::string format = "text";  // text, json, sarif, junit
  std::string output;
  int jobs = 0;
};
int run_gate(const GateOptions &opt);

// `ctcheck merge F1 F2 ...`: one report from the JSON of several shards (cmd_merge.cpp).
struct MergeOptions {
  std::vector<std::string> inputs;
  std::string format = "text";  // text, json, sarif, junit
  std::string output;
};
int run_merge(const MergeOptions &opt);

// `ctcheck graph MODEL --format dot`: reachable protocol states and the
// procedures between them (cmd_graph.cpp, trace/state_graph.h).
struct GraphOptions {
  std::string model;
  std::string format = "dot";
  std::string output;
  std::uint64_t max_states = 2'000'000;
  std::vector<std::string> state_vars;  // NAME or NAME&MASK; empty: the defaults
};
int run_graph(const GraphOptions &opt);

// `ctcheck` with no arguments: the 2015 story on the embedded models.
int run_default();

}  // namespace ctcheck::cli
