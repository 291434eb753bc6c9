// Breadth-first exploration of the reachable states of a transition system on
// the concrete simulator: the one search loop behind the explicit engine and
// `ctcheck graph`. States are stored bit-packed (sim/state_store.h) in BFS
// order with how each was first reached, so the path to any state is a
// shortest path.
//
// Per dequeued state the visitor sees the state (invariants), every enabled
// action with every input vector before it fires (assertion checks: also at
// the depth limit, since a violation at depth N is within a bound N), and
// every transition fired.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.h"
#include "engines/engine.h"
#include "sim/simulator.h"
#include "sim/state_store.h"

namespace ctcheck::engines {

class Explorer {
 public:
  struct Limits {
    std::uint64_t max_states = 4'000'000;
    int max_depth = -1;  // do not expand states at this depth (-1: none)
    Deadline deadline;
    const StopSource *stop = nullptr;
  };
  // Why run() returned.
  enum class End { Exhausted, DepthLimit, StateLimit, Timeout, Interrupted, InitLimit, Satisfied };

  class Visitor {
   public:
    virtual ~Visitor() = default;
    virtual void state(std::uint32_t /*index*/, const sim::Values & /*s*/, int /*depth*/) {}
    virtual void step(std::uint32_t /*index*/, const sim::Values & /*s*/, int /*action*/,
                      const sim::Values & /*inputs*/) {}
    virtual void edge(const sim::Values & /*from*/, int /*action*/, const sim::Values & /*inputs*/,
                      const sim::Values & /*to*/) {}
    // True when nothing more is to be learnt (every property settled).
    virtual bool satisfied() const { return false; }
    // Called about every second while exploring.
    virtual void progress(int /*depth*/, std::uint64_t /*states*/) {}
  };

  Explorer(const ir::TransitionSystem &ts, Limits limits);
  End run(Visitor &v);

  // The shortest path from an initial state to state `index`. With relative
  // abstractions (ir/relative.h) its states are the real ones the path's
  // steps reach, which may not replay: a stored state stands for a class.
  core::Trace path_to(std::uint32_t index) const;
  // State `index` (0 <= index < states()), in the order found.
  sim::Values state(std::uint32_t index) const { return store_.get(index); }
  const sim::Simulator &simulator() const { return sim_; }

  std::uint64_t states() const { return origin_.size(); }
  std::uint64_t transitions() const { return transitions_; }
  int depth() const { return depth_; }  // deepest BFS level dequeued
  // Memory per stored state: measured once states are stored (the store, the
  // origins); before that, a new state's tuple, index slots and origin.
  std::uint64_t bytes_per_state() const {
    if (origin_.empty()) return store_.tuple_bytes() + kIndexBytes + sizeof(Origin);
    return (store_.bytes() + origin_.capacity() * sizeof(Origin)) / origin_.size();
  }
  // Set when some action had too many input vectors to enumerate (its
  // successors are missing: the exploration is not exhaustive).
  const std::string &input_limit() const { return input_limit_; }

 private:
  // How each state was first reached, to rebuild the shortest path.
  struct Origin {
    std::uint32_t parent;
    std::int32_t action;   // -1 for initial states
    std::uint32_t inputs;  // index into input_pool_
    std::int32_t depth;
  };

  void expand_state(Visitor &v, std::uint32_t idx, const sim::Values &s, int depth, bool expand, bool visit);

  static constexpr std::uint64_t kIndexBytes = 12;  // sim/key_table.h: 8 to 16 per key

  const ir::TransitionSystem &ts_;
  Limits limits_;
  sim::Simulator sim_;
  sim::StateStore store_;
  std::vector<Origin> origin_;
  std::vector<sim::Values> input_pool_;
  std::vector<sim::Values> real_initial_;
  std::vector<sim::Values>
      inputs_;  // scratch: one action's input vectors  // per initial state: before ir::to_representative
  std::uint64_t transitions_ = 0;
  int depth_ = 0;
  std::string input_limit_;
};

}  // namespace ctcheck::engines
