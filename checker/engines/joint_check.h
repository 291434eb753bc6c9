// How BMC (at each depth) and the base case of k-induction ask the solver
// about several properties: all pending properties together first (at most
// depths nothing is violated, and one unsat answer settles them all); a sat
// model settles every property that is bad in it; an unknown joint answer is
// split into single queries, so one hard property cannot take the others down
// with it. Time: a joint query may use half of what is left, a single one its
// fair share.
#pragma once

#include <z3++.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "engines/solver.h"

namespace ctcheck::engines {

struct JointItem {
  std::size_t id;  // the caller's handle
  z3::expr bad;    // the property is violated (at the depth being checked)
};

struct JointHandlers {
  // Assumptions every query adds (k-induction: init and the hypotheses).
  std::function<void(z3::expr_vector &)> assumptions;
  // No item of `ids` can be bad.
  std::function<void(const std::vector<std::size_t> &ids)> unsat;
  // `bad_ids` (non-empty) are bad in `model`: each must be settled.
  std::function<void(const z3::model &model, const std::vector<std::size_t> &bad_ids)> sat;
  // A sat model in which no queried item is bad: a solver or encoding bug.
  std::function<void(const std::vector<std::size_t> &ids)> inconsistent;
  // The solver gave up on this single item.
  std::function<void(std::size_t id, const SolverSession::Answer &answer)> unknown;
};

void check_jointly(SolverSession &s, std::vector<JointItem> items, const JointHandlers &h);

}  // namespace ctcheck::engines
