// Turns a Z3 model of an unrolling into plain trace data. The model is read
// exactly once (every timed constant evaluated with model completion) into a
// Snapshot; traces for any number of properties violated in that model are
// then cut from the snapshot without touching Z3 again.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <vector>

#include "core/trace.h"
#include "engines/unroller.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

// Values of times 0..depth: vars[t] is state s_t; act[t] and inputs[t] belong
// to the step leaving s_t (at t = depth: the step whose assertion fails).
struct Snapshot {
  int depth = 0;
  std::vector<std::vector<std::uint64_t>> vars, inputs;
  std::vector<std::uint64_t> act;
};

class WitnessReader {
 public:
  explicit WitnessReader(Unroller &u);

  Snapshot read(const z3::model &m, int depth);

  // Inputs a step does not read are recorded as 0 (trace.h), so a trace does
  // not show the solver's arbitrary choices for irrelevant inputs.
  core::Trace trace(const Snapshot &s, std::uint32_t property) const;

 private:
  std::vector<std::uint64_t> step_inputs(const Snapshot &s, int t) const;

  Unroller &u_;
  const ir::TransitionSystem &ts_;
  std::vector<std::vector<bool>> reads_;  // [action][input]
};

}  // namespace ctcheck::engines
