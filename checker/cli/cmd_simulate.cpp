// `ctcheck simulate MODEL --steps N --seed S`: one random run, step by step.
#include <iostream>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "sim/random_run.h"
#include "trace/format.h"
#include "trace/text_printer.h"

namespace ctcheck::cli {

int run_simulate(const std::string &model, int steps, std::uint64_t seed) {
  auto lm = load_or_report(model);
  if (!lm) return kExitUsage;
  const ir::TransitionSystem &ts = lm->ts;
  sim::RandomRunOptions opt;
  opt.steps = steps;
  opt.seed = seed;
  sim::RandomRun run = sim::random_run(ts, opt);
  if (run.end == sim::RunEnd::Violation) {
    trace::print_text(ts, run.trace, std::cout);
    return kExitViolated;
  }
  const core::Trace &t = run.trace;
  std::vector<std::uint64_t> prev = t.initial;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const core::TraceStep &s = t.steps[i];
    const ir::Action &a = ts.actions[s.action];
    std::cout << "step " << i + 1 << "  cpu" << a.cpu << "  "
              << trace::format_contexts(trace::contexts(ts, a.cpu, prev)) << "  " << a.procedure << ": "
              << trace::action_text(ts, s.action, &prev) << "  (" << trace::format_loc(a.loc) << ")\n";
    for (std::size_t v = 0; v < ts.vars.size(); ++v)
      if (ts.vars[v].role == ir::VarRole::Model && s.state[v] != prev[v])
        std::cout << "        " << ts.vars[v].name << ": " << trace::format_value(ts.vars[v], prev[v])
                  << " -> " << trace::format_value(ts.vars[v], s.state[v]) << "\n";
    prev = s.state;
  }
  std::cout << "simulation ended after " << t.steps.size() << " step(s): " << sim::to_string(run.end)
            << " (seed " << seed << ")\n";
  return kExitOk;
}

}  // namespace ctcheck::cli
