// Fewer and bigger steps, and a smaller state: the reduction every engine
// runs on (docs/semantics.md, "Reduction", has the soundness argument).
//
// 1. Merging invisible steps. A step is *local* when it reads and writes only
//    its own context's locals and program counter (and reads its own CPU's IF
//    and mode, which nothing else can change while it runs), has no assume,
//    is not a fault point and does not start a context. A local step commutes
//    with every step of every other context, so running it right after its
//    predecessor, in the same step, changes no property: each remaining step
//    is one visible statement followed by the local ones after it ("N L*").
//    The program counters of local steps are *absorbed*: no step starts there.
// 2. Sharing local slots. Per CPU and context level, a liveness analysis over
//    the merged steps finds when each local (and each old() snapshot) can
//    still be read; locals whose live ranges never overlap -- in particular
//    the locals of different handlers at the same level -- share one state
//    variable, and a slot whose locals are all dead holds 0, so equal machine
//    states are equal vectors.
//
// The reduced system has the original's inputs and properties (same indices)
// and the original's model and machine variables; its actions start with
// original actions (action_origin). Traces of the reduced system are expanded
// into traces of the original (sim/expand.h) and replayed there.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::ir {

struct ReduceOptions {
  bool merge_steps = true;
  bool share_slots = true;
};

struct Reduction {
  TransitionSystem ts;
  std::vector<int> action_origin;        // reduced action -> the original action it starts with
  std::vector<std::int64_t> var_origin;  // reduced variable -> original variable, -1 for a shared slot
  // original [cpu][level][pc]: a local step merged into the step before it.
  std::vector<std::vector<std::vector<bool>>> absorbed;
  std::size_t original_actions = 0, original_bits = 0;
};

Reduction reduce(const TransitionSystem &ts, const ReduceOptions &opts = {});

// The passes, for tests and for reduce(): each keeps inputs and properties.
// merge_steps: `absorbed` and `action_origin` of `out` are filled, vars unchanged.
void merge_steps(const TransitionSystem &ts, Reduction &out);
// share_slots: rewrites `r.ts` onto shared slots and fills `r.var_origin`.
void share_slots(Reduction &r);

// The table lookups exec_at / deliver_at / return_at of a system whose
// actions were rebuilt.
void rebuild_tables(TransitionSystem &ts);

}  // namespace ctcheck::ir
