// Bounded model checking with ONE incremental Z3 solver (engines/engine.h for
// the call order and the run() contract).
//
// run() asserts I(0) once and, entering depth k, T(k-1 -> k) and frame(k) once
// (encoder.h). At depth k every still-open property p is checked for bad(p, k)
// under assumption literals (check(assumptions), never re-solving from
// scratch), jointly first (joint_check.h). Depths go 0, 1, 2, ..., so the
// first SAT for p is its shortest counterexample.
//
//   sat      the trace is read from the model once and replayed on the
//            simulator (confirm.h): Violated at depth k, or an internal error.
//   unsat    p stays open for depth k+1, and ¬bad(p, k) is asserted (it is
//            now entailed) so deeper checks know p held at every earlier state.
//   unknown  Unknown with the cause and `bound` k-1; the bound is not
//            advanced and p is not checked further.
// Properties still open after max_depth are Bounded at max_depth.
#pragma once

#include "engines/engine.h"

namespace ctcheck::engines {

class Bmc : public Engine {
 public:
  using Options = EngineOptions;
  // Throws std::invalid_argument for a negative depth or timeout, or an unknown property name.
  Bmc(const ir::TransitionSystem &ts, Options options);
  EngineKind kind() const override { return EngineKind::Bmc; }

 private:
  std::vector<PropertyResult> solve() override;
  friend class BmcSession;
};

}  // namespace ctcheck::engines
