// The protocol-state graph of a model (`ctcheck graph`) as plain data: every
// reachable state projected, per CPU, onto a few components (by default the
// context-tracking state, whether RCU is watching, and the mode; IF on
// request), with the procedures that move between the projections and the
// properties that fail in each. Built by
// engines/state_graph.h, printed by trace/dot_printer.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ctcheck::core {

struct StateGraph {
  struct Component {
    std::string name;      // as shown, e.g. "context_tracking_state", "rcu", "dynticks&1"
    int var = -1;          // a state variable of the component (any CPU's copy), for its type
    bool rcu = false;      // shown as "RCU watching" / "RCU not watching"
    bool masked = false;   // NAME&MASK: shown as a number
    bool partial = false;  // some CPU has no copy (shown as "-" there)
  };
  std::vector<Component> components;  // the mode (user/kernel) is the last value of every key
  struct Node {
    std::vector<std::uint64_t> key;  // one value per component, then the mode (1 = user)
    bool initial = false;            // some initial state projects onto it
    // Properties that fail in a state projecting onto it: an invariant false
    // there (marked on every CPU's projection), an assertion failing in a
    // statement that CPU can run there. Sorted, unique.
    std::vector<std::string> fails;
  };
  std::vector<Node> nodes;  // sorted by key
  struct Edge {
    std::size_t from = 0, to = 0;
    std::vector<std::string> labels;  // procedures, sorted, unique
  };
  std::vector<Edge> edges;  // sorted by (from, to)
  std::uint64_t states = 0, transitions = 0;
  bool complete = true;
  std::string incomplete_reason;

  static constexpr std::uint64_t kMissing = ~std::uint64_t{0};  // the CPU has no copy of the variable
};

}  // namespace ctcheck::core
