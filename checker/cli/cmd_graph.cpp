// `ctcheck graph MODEL --format dot`: the reachable protocol states
// (context-tracking state x RCU watching x mode, per CPU) and the procedures
// that move between them, as Graphviz DOT (see core/state_graph.h).
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "engines/state_graph.h"
#include "trace/dot_printer.h"

namespace ctcheck::cli {

int run_graph(const GraphOptions &opt) {
  if (opt.max_states == 0) {
    std::cerr << "ctcheck: error: --max-states must be at least 1\n";
    return kExitUsage;
  }
  auto lm = load_or_report(opt.model);
  if (!lm) return kExitUsage;
  engines::StateGraphOptions go;
  go.max_states = opt.max_states;
  go.state_vars = opt.state_vars;
  core::StateGraph g;
  std::string error;
  if (!engines::build_state_graph(lm->ts, go, g, error)) {
    std::cerr << "ctcheck: error: " << opt.model << ": " << error << "\n";
    return kExitUsage;
  }
  std::ostringstream out;
  trace::print_dot(lm->ts, g, opt.model, out);
  if (!opt.output.empty()) {
    if (!write_whole_file(opt.output, out.str())) return kExitUsage;
  } else {
    std::cout << out.str();
  }
  if (!g.complete) {
    std::cerr << "ctcheck: warning: the graph is incomplete: " << g.incomplete_reason
              << " (raise --max-states)\n";
    return kExitUnknown;
  }
  return kExitOk;
}

}  // namespace ctcheck::cli
