#include "sim/random_run.h"

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace ctcheck::sim {

const char *to_string(RunEnd e) {
  switch (e) {
    case RunEnd::StepLimit:
      return "step limit";
    case RunEnd::Violation:
      return "violation";
    case RunEnd::Deadlock:
      return "deadlock";
    case RunEnd::NoInitialState:
      return "no initial state";
  }
  return "?";
}

namespace {

// Uniform enough for simulation; `%` instead of a distribution keeps runs
// identical across standard libraries.
Values draw_inputs(const ir::TransitionSystem &ts, const ir::Action &a, std::mt19937_64 &rng) {
  Values in(ts.inputs.size(), 0);
  for (std::uint32_t i : a.inputs) {
    const ir::Input &def = ts.inputs.at(i);
    in[i] = def.domain_size ? rng() % def.domain_size : rng() & ir::mask_of(def.sort.width);
  }
  return in;
}

}  // namespace

RandomRun random_run(const ir::TransitionSystem &ts, const RandomRunOptions &opt) {
  Simulator sim(ts);
  std::mt19937_64 rng(opt.seed);
  RandomRun run;
  std::optional<Values> init = sim.initial_state(opt.random_initial ? &rng : nullptr);
  if (!init) {
    run.end = RunEnd::NoInitialState;
    return run;
  }
  run.trace.initial = *init;
  Values state = *init;
  const int tries = std::max(opt.input_tries, 1);

  auto found = [&](std::uint32_t property, int action, Values inputs) {
    run.end = RunEnd::Violation;
    run.violation = Violation{property, action};
    run.trace.property = property;
    run.trace.violating_action = action;
    run.trace.violating_inputs = std::move(inputs);
    return run;
  };

  for (int step = 0;; ++step) {
    if (std::vector<std::uint32_t> bad = sim.violated_invariants(state); !bad.empty())
      return found(bad.front(), -1, {});
    std::vector<std::pair<int, Values>> firable;
    for (int a : sim.enabled_actions(state)) {
      const ir::Action &act = ts.actions[a];
      const int n = act.inputs.empty() ? 1 : tries;
      for (int t = 0; t < n; ++t) {
        Values in = draw_inputs(ts, act, rng);
        if (std::vector<std::uint32_t> bad = sim.failed_checks(a, state, in); !bad.empty())
          return found(bad.front(), a, std::move(in));
        if (sim.can_fire(a, state, in)) {
          firable.emplace_back(a, std::move(in));
          break;
        }
      }
    }
    if (step >= opt.steps) return run;  // properties of the last state were checked
    if (firable.empty()) {
      run.end = RunEnd::Deadlock;
      return run;
    }
    auto &[a, in] = firable[rng() % firable.size()];
    state = sim.fire(a, state, in);
    run.trace.steps.push_back(core::TraceStep{a, std::move(in), state});
  }
}

}  // namespace ctcheck::sim
