// Builds the protocol-state graph (core/state_graph.h) by exploring every
// reachable state with the explicit engine's breadth-first search
// (engines/explore.h). Deterministic: nodes are sorted by their values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/state_graph.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

struct StateGraphOptions {
  std::uint64_t max_states = 2'000'000;  // stop exploring after this many states (graph incomplete)
  // Components besides the mode: "NAME" (the value of the Model variable
  // NAME, per CPU for percpu variables; a "cpuN." prefix is not part of the
  // name) or "NAME&MASK" (its value masked, MASK decimal or 0x hex); "IF" is
  // the CPU's interrupt flag (unless the model has a variable of that name).
  // Empty: context_tracking_state or ct_state, and dynticks&1, when present.
  std::vector<std::string> state_vars;
};

// Returns false with `error` set when a state variable is not in the model or
// a component spec is malformed.
bool build_state_graph(const ir::TransitionSystem &ts, const StateGraphOptions &opts, core::StateGraph &out,
                       std::string &error);

}  // namespace ctcheck::engines
