// Random simulation (`ctcheck simulate`, and a cheap bug finder in tests):
// from an initial state, fire uniformly chosen firable (action, inputs) pairs
// and stop at the first violation, a deadlock, or the step limit.
// Deterministic for a seed (std::mt19937_64 and no library distributions).
#pragma once

#include <cstdint>
#include <optional>

#include "core/trace.h"
#include "ir/transition_system.h"
#include "sim/simulator.h"

namespace ctcheck::sim {

struct RandomRunOptions {
  int steps = 100;  // at most this many steps
  std::uint64_t seed = 0;
  int input_tries = 8;          // input draws per enabled action to satisfy its guard
  bool random_initial = false;  // draw nondeterministic initial values (else 0)
};

enum class RunEnd {
  StepLimit,       // `steps` steps taken, no violation seen
  Violation,       // `violation` set; `trace` is a replayable counterexample
  Deadlock,        // no (action, inputs) pair found that can fire
  NoInitialState,  // the drawn initial state violates init_constraint
};

const char *to_string(RunEnd e);

struct RandomRun {
  RunEnd end = RunEnd::StepLimit;
  // The steps taken. Only when end == Violation do `property`,
  // `violating_action` and `violating_inputs` mean anything.
  core::Trace trace;
  std::optional<Violation> violation;
};

// Properties are checked in every visited state, the initial one included:
// invariants first (lowest index), then assertion checks of enabled actions
// with each drawn input vector (before the guard is consulted).
RandomRun random_run(const ir::TransitionSystem &ts, const RandomRunOptions &opt);

}  // namespace ctcheck::sim
