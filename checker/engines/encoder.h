// The symbolic semantics of transition_system.h as Z3 formulas over the
// Unroller's timed copies. Every engine that unrolls (BMC, k-induction) builds
// its queries from these pieces, so they all agree with the simulator.
//
//   initial()       I(0): variables with `init` equal it, and init_constraint.
//   frame(k)        the inputs of time k lie in their domains (domain_size).
//   transition(k)   T(k -> k+1): act@k names a move (act@k < #moves; unroller.h)
//                   that, with the pc, selects one action that is enabled
//                   and whose guard holds at k; every variable at
//                   k+1 is that action's update, or keeps its value at k.
//   step(a, k)      transition(k) restricted to action a: a is selected,
//                   enabled and its guard holds; its updates, every other
//                   variable kept. The transitions are the union over a.
//   bad(p, k)       p is violated in state k: an invariant is false there, or
//                   some action with a check of p is selected at k, enabled,
//                   reaches the check and fails it. The guard is deliberately
//                   not required (an assert before an assume still fires).
//
// A violation at depth k is then I(0) ∧ frame(0..k) ∧ T(0..k-1) ∧ bad(p, k).
#pragma once

#include <z3++.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "engines/unroller.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

class Encoder {
 public:
  explicit Encoder(Unroller &u);

  z3::expr initial();
  z3::expr frame(int k);
  z3::expr transition(int k);
  z3::expr step(int action, int k);
  z3::expr bad(std::uint32_t property, int k);
  // False when bad(property, k) is false at every k (no check, or a trivial
  // invariant), so engines can skip the solver for it.
  bool may_fail(std::uint32_t property) const;

 private:
  struct Writer {
    int action;
    ir::ExprId value;
  };
  // The checks of one property inside one action.
  struct ActionChecks {
    int action;
    std::vector<const ir::Check *> checks;
  };

  Unroller &u_;
  const ir::TransitionSystem &ts_;
  std::vector<std::vector<Writer>> writers_;          // [var]
  std::vector<std::vector<ActionChecks>> checks_of_;  // [property]
};

}  // namespace ctcheck::engines
