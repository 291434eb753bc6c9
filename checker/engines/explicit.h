// Explicit-state engine: breadth-first search over the IR, executed by the
// concrete simulator (no Z3). States are hashed; the first violation of a
// property found in BFS order is a shortest counterexample; an exhausted
// state space proves every property that was not violated.
//
// Call order: construct (configure) -> run() exactly once.
//
// When a limit stops the search, open properties are Unknown with `depth` set
// to the deepest BFS level whose states were all checked: no violation exists
// up to that depth (callers may report that as Bounded).
//
// Independent of the Z3 engines, so it serves as the second opinion on their
// verdicts, and as the fast path for small state spaces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engines/result.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

class Explicit {
 public:
  struct Options {
    std::uint64_t max_states = 4'000'000;  // running out is Unknown
    double timeout_seconds = 0;           // 0 = none
    std::vector<std::string> properties;  // empty = all
    int max_depth = -1;                   // stop expanding below this depth (-1: none) -> Bounded
  };
  struct Stats {
    std::uint64_t states = 0;     // distinct states found
    std::uint64_t transitions = 0;
    int depth = 0;                // deepest BFS level expanded
    std::uint64_t state_bytes = 0;  // bytes per stored state
  };

  Explicit(const ir::TransitionSystem &ts, Options options);
  std::vector<PropertyResult> run();
  const Stats &stats() const { return stats_; }

 private:
  const ir::TransitionSystem &ts_;
  Options opt_;
  Stats stats_;
  bool ran_ = false;
};

}  // namespace ctcheck::engines
