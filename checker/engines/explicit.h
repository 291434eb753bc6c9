// Explicit-state engine: breadth-first search over the IR on the concrete
// simulator (engines/explore.h; no Z3). The first violation of a property
// found in BFS order is a shortest counterexample; an exhausted state space
// proves every property that was not violated.
//
// Call order and the run() contract: engines/engine.h. `max_depth` is a depth
// limit here (-1: none): a search cut by it gives Bounded. When a limit stops
// the search (states, inputs, time), open properties are Unknown with `bound`
// the deepest BFS level whose states were all checked: no violation exists up
// to that depth.
//
// Independent of the Z3 engines, so it serves as the second opinion on their
// verdicts, and as the fast path for small state spaces.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engines/engine.h"

namespace ctcheck::engines {

class Explorer;

class Explicit : public Engine {
 public:
  struct Options : EngineOptions {
    Options() { max_depth = -1; }
    // After an exhausted search, check the proof's certificate in Z3
    // (engines/certificate.h) when there are at most this many states (0: never).
    std::uint64_t certify_states = 0;
    // The system the certificate is checked on: the explored one at its real
    // widths when that is an abstraction (same variables, wider counters); by
    // default the explored system itself.
    const ir::TransitionSystem *real = nullptr;
    // Told once the search ends (before the certificate is checked) the names
    // of the properties it left open (a limit); the portfolio decides from it
    // whether the symbolic engines are needed.
    std::function<void(const std::vector<std::string> &open)> on_explored;
  };
  struct Stats {
    std::uint64_t states = 0;  // distinct states found
    std::uint64_t transitions = 0;
    int depth = 0;                  // deepest BFS level expanded
    std::uint64_t state_bytes = 0;  // bytes per stored state
  };

  Explicit(const ir::TransitionSystem &ts, Options options);
  EngineKind kind() const override { return EngineKind::Explicit; }
  const Stats &stats() const { return stats_; }

 private:
  std::vector<PropertyResult> solve() override;
  void certify(const Explorer &x, std::vector<PropertyResult> &results);
  Stats stats_;
  std::uint64_t certify_states_;
  const ir::TransitionSystem *real_;
  std::function<void(const std::vector<std::string> &)> on_explored_;
};

}  // namespace ctcheck::engines
