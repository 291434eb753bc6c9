// A counterexample as plain data: read from a Z3 model once (or produced by the
// explicit engine), confirmed by replaying it on the concrete simulator (which
// also records the check that fails), then handed to printers. Indices refer to
// the transition system the trace belongs to.
#pragma once

#include <cstdint>
#include <vector>

namespace ctcheck::core {

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
  // Recorded by the replay that confirms the trace: the index of the failing
  // check in the violating action's `checks` (-1: an invariant, or not yet confirmed).
  int failed_check = -1;
  int depth() const { return static_cast<int>(steps.size()); }
  const std::vector<std::uint64_t> &final_state() const { return steps.empty() ? initial : steps.back().state; }
};

}  // namespace ctcheck::core
