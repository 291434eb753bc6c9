// Cost events counted along every path of each kind (docs/cost.md).
//
// A path is the code of one context running alone: a handler from its
// delivery to its iret, or the task from the step that leaves user mode to
// the step that returns to it. Nothing else moves meanwhile (no other CPU, no
// nested interrupt: a nested handler is a path of its own), so from a given
// state the path is a walk in a finite graph over the full state, and the
// minimum and maximum of each event are exact. Paths start in every state the
// explicit search reaches.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "cost/path_kind.h"
#include "ir/transition_system.h"

namespace ctcheck::cost {

struct EventRange {
  std::uint64_t min = 0, max = 0;
};

// One cost event met on a path, where it is written.
struct CostedStep {
  std::string name;  // as written: "smp_mb__before_atomic", "atomic_inc", "rcu_eqs"
  ir::CostKind kind = ir::CostKind::FullBarrier;
  std::uint32_t count = 1;
  std::string procedure, file;
  int line = 0;
};

struct PathCost {
  PathKind kind = PathKind::Syscall;
  std::uint64_t starts = 0;                       // reachable (state, first step) pairs it starts from
  std::array<EventRange, ir::kCostKinds> events;  // by ir::CostKind
  // A path of this kind can repeat a state (a loop without a bound, e.g. the
  // idle loop inside a blocking system call): the maxima are unbounded.
  bool unbounded = false;
  // The path with the most cost events in total, its events in order.
  std::vector<CostedStep> heaviest;

  const EventRange &operator[](ir::CostKind k) const { return events[static_cast<std::size_t>(k)]; }
};

struct CostReport {
  std::string model;
  std::uint64_t states = 0;     // reachable states explored
  bool complete = true;         // false: the state limit stopped the search (the counts cover what was found)
  std::vector<PathCost> paths;  // the kinds the model has, in kAllPathKinds order

  const PathCost *find(PathKind k) const {
    for (const PathCost &p : paths)
      if (p.kind == k) return &p;
    return nullptr;
  }
};

struct CostOptions {
  std::uint64_t max_states = 2'000'000;
  bool reduce = true;  // walk the reduced system (merged steps carry their statements' costs)
};

CostReport analyse_costs(const ir::TransitionSystem &lowered, const std::string &model,
                         const CostOptions &opt = {});

}  // namespace ctcheck::cost
