// Concrete interpreter of the IR, independent of Z3. It executes exactly the
// semantics of transition_system.h (wrap-around included, via ir::apply_op),
// replays every counterexample before it is shown, and drives the explicit
// engine and `ctcheck simulate`.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::sim {

using Values = std::vector<std::uint64_t>;

struct Violation {
  std::uint32_t property;
  int action = -1;  // -1: invariant
};

// Every assignment of `action`'s inputs (the other inputs stay 0), for the
// engines that enumerate successors. False when there would be more than 65536
// (or an input has no small domain).
bool all_input_vectors(const ir::TransitionSystem &ts, const ir::Action &action, std::vector<Values> &out);

// Every initial state: each combination of the variables without an initial
// value that satisfies init_constraint. False when there would be more than
// 65536 combinations.
class Simulator;
bool all_initial_states(const Simulator &sim, std::vector<Values> &out);

class Simulator {
 public:
  explicit Simulator(const ir::TransitionSystem &ts);

  // Value of e in `state` with the step's `inputs` (one entry per TS input;
  // missing trailing inputs read as 0, so `{}` is fine for input-free exprs).
  std::uint64_t eval(ir::ExprId e, const Values &state, const Values &inputs) const;

  // The initial state with every nondeterministic initial value set to 0, or
  // drawn from rng when given; nullopt if init_constraint rules it out.
  std::optional<Values> initial_state(std::mt19937_64 *rng = nullptr) const;
  bool is_initial(const Values &state) const;

  // Actions whose `enabled` is true in `state` (found through the lookup
  // tables; each one re-checked against its `enabled` expression).
  std::vector<int> enabled_actions(const Values &state) const;
  // Debug cross-check of the tables: evaluates every action's `enabled`.
  // Same result (sorted action indices) as enabled_actions on a sound TS.
  std::vector<int> enabled_actions_by_scan(const Values &state) const;
  bool can_fire(int action, const Values &state, const Values &inputs) const;
  // The successor state; does not check can_fire.
  Values fire(int action, const Values &state, const Values &inputs) const;

  // Invariants false in `state`.
  std::vector<std::uint32_t> violated_invariants(const Values &state) const;
  // Assertion checks of `action` that fail in `state` with `inputs`
  // (the action must be enabled; its guard does not matter).
  std::vector<std::uint32_t> failed_checks(int action, const Values &state, const Values &inputs) const;

  // Replays a trace: checks the initial state, that every step can fire and
  // yields exactly the recorded state, and that the property is violated at the
  // end as the trace claims. Returns an empty string on success, else why not.
  // On success `failed_check` (when given) gets the index of the first failing
  // check of the property in the violating action (-1 for an invariant).
  std::string replay(const core::Trace &t, int *failed_check = nullptr) const;

  // Why `inputs` is not a legal input vector (one entry per TS input, each
  // within its sort and its domain_size); empty if it is legal.
  std::string check_inputs(const Values &inputs) const;

  const ir::TransitionSystem &system() const { return ts_; }

 private:
  // Memo of one evaluation "generation": every public call that evaluates
  // starts a new one, so shared sub-DAGs are evaluated once per call. This
  // makes a Simulator unsafe to share between threads (use one per thread).
  void begin_generation() const;
  std::uint64_t eval_in_generation(ir::ExprId e, const Values &state, const Values &inputs) const;
  bool tables_present() const;
  std::string describe_action(int action) const;

  const ir::TransitionSystem &ts_;
  mutable std::vector<std::uint64_t> memo_;
  mutable std::vector<std::uint32_t> stamp_;
  mutable std::uint32_t generation_ = 0;
  mutable std::vector<std::pair<ir::ExprId, bool>> stack_;
  mutable std::vector<ir::Sort> arg_sorts_;
  mutable std::vector<std::uint64_t> arg_values_;
};

}  // namespace ctcheck::sim
