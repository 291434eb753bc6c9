// The protocol-state graph of a model (`ctcheck graph`): every reachable state
// of the transition system (breadth-first, on the concrete simulator) is
// projected, per CPU, onto a few components -- by default the context-tracking
// state (the Model variable named `context_tracking_state`, else `ct_state`),
// whether RCU is watching (`dynticks & 1`) and the mode (user/kernel) -- and
// every step that changes a CPU's projection adds an edge labelled with the
// procedure that took it. Nodes are shared by all CPUs (the protocol is the
// same on each). Deterministic: nodes are numbered in order of their values.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::trace {

struct StateGraphOptions {
  std::uint64_t max_states = 2'000'000;  // stop exploring after this many states (graph incomplete)
  // Components besides the mode: "NAME" (the value of the Model variable
  // NAME, per CPU for percpu variables; a "cpuN." prefix is not part of the
  // name) or "NAME&MASK" (its value masked, MASK decimal or 0x hex).
  // Empty: context_tracking_state or ct_state, and dynticks&1, when present.
  std::vector<std::string> state_vars;
};

struct StateGraph {
  std::vector<std::string> components;  // e.g. {"context_tracking_state", "rcu", "mode"}
  struct Node {
    std::vector<std::string> values;  // one per component, formatted
    bool initial = false;             // some initial state projects onto it
  };
  std::vector<Node> nodes;
  struct Edge {
    std::size_t from = 0, to = 0;
    std::vector<std::string> labels;  // procedures, sorted, unique
  };
  std::vector<Edge> edges;  // sorted by (from, to)
  std::uint64_t states = 0, transitions = 0;
  bool complete = true;
  std::string incomplete_reason;
};

// Returns false with `error` set when a state variable is not in the model or
// a component spec is malformed.
bool build_state_graph(const ir::TransitionSystem &ts, const StateGraphOptions &opts, StateGraph &out,
                       std::string &error);

// Graphviz DOT; `title` goes into the leading comment.
void print_dot(const StateGraph &g, const std::string &title, std::ostream &out);

}  // namespace ctcheck::trace
