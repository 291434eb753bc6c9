// A counterexample as plain data: read from a Z3 model once (or produced by the
// explicit engine), replayed on the simulator, then handed to printers.
#pragma once

#include <cstdint>
#include <vector>

namespace ctcheck::trace {

struct TraceStep {
  int action = -1;                    // index into TransitionSystem::actions
  std::vector<std::uint64_t> inputs;  // value of every TS input at this step (unused ones 0)
  std::vector<std::uint64_t> state;   // values of all state variables after the step
};

// depth() steps lead from `initial` to the bad state. The property is violated
// in the last state: either an invariant is false there, or the enabled action
// `violating_action` (with `violating_inputs`) fails one of its assertion checks.
struct Trace {
  std::uint32_t property = 0;
  std::vector<std::uint64_t> initial;
  std::vector<TraceStep> steps;
  int violating_action = -1;                    // -1 for invariants
  std::vector<std::uint64_t> violating_inputs;  // inputs of that action's step
  int depth() const { return static_cast<int>(steps.size()); }
  const std::vector<std::uint64_t> &final_state() const {
    return steps.empty() ? initial : steps.back().state;
  }
};

}  // namespace ctcheck::trace
