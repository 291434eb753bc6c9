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
  // The interleaving step this action belongs to (0-based): a reduced engine
  // step (ir/reduce.h) expands into several actions of the same group.
  // -1: its own group (its index).
  int group = -1;
};

// depth() interleaving steps lead from `initial` to the bad state. The
// property is violated in the last state: either an invariant is false there,
// or the enabled action `violating_action` (with `violating_inputs`) fails one
// of its assertion checks. An interleaving step may consist of several actions
// (their `group`); for an assertion, the actions of group depth() are the
// statements of the failing step that run before the failing one.
struct Trace {
  std::uint32_t property = 0;
  std::vector<std::uint64_t> initial;
  std::vector<TraceStep> steps;
  int violating_action = -1;                    // -1 for invariants
  std::vector<std::uint64_t> violating_inputs;  // inputs of that action's step
  // Recorded by the replay that confirms the trace: the index of the failing
  // check in the violating action's `checks` (-1: an invariant, or not yet confirmed).
  int failed_check = -1;
  int length = -1;  // interleaving steps; -1: one per action (steps.size())
  int depth() const { return length >= 0 ? length : static_cast<int>(steps.size()); }
  int group_of(std::size_t i) const { return steps[i].group >= 0 ? steps[i].group : static_cast<int>(i); }
  const std::vector<std::uint64_t> &final_state() const {
    return steps.empty() ? initial : steps.back().state;
  }
};

}  // namespace ctcheck::core
