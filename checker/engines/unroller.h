// Timed copies of a transition system for Z3 (Pono's Unroller): the one place
// that creates `x@k` constants, so engines never build timed variables.
//
// Time k has one copy of every state variable (its value in state s_k), one
// copy of every input and one *move* selector `act@k` (the inputs and move of
// the step s_k -> s_{k+1}; at the last time those of the action whose
// assertion fails there). A move is what a lowered system chooses between:
// per CPU and context level, "the context at that level executes its next
// statement", "source s is delivered there" or "it returns"; which statement
// runs is then determined by the level's program counter. So an action is
// selected by (move, pc value), and the solver decides among a few dozen moves
// instead of hundreds of actions. A hand-built system without lowering tables
// gets one move per action. The selector is a bit-vector of ceil(log2(#moves))
// bits (at least 1); range constraints are the encoder's job.
//
// Translation of an ir::ExprId at time k is memoised per (ExprId, k); forget(k)
// drops the memo of time k once no new formula will mention it, so memory
// stays proportional to one frame, not to the depth.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::engines {

class Unroller {
 public:
  Unroller(const ir::TransitionSystem &ts, z3::context &ctx);

  z3::expr var(std::uint32_t v, int k);
  z3::expr input(std::uint32_t i, int k);
  z3::expr act(int k);
  // Action `action` is the step taken at time k: act@k is its move and, for a
  // statement, its level's pc is its pc.
  z3::expr selects(int action, int k);
  std::size_t moves() const { return move_action_.size(); }
  // The action taken by move `move` in state `s` (-1: none).
  int action_of(std::uint64_t move, const std::vector<std::uint64_t> &s) const;
  // e with its variables and inputs at time k.
  z3::expr at(ir::ExprId e, int k);
  // Release the translation memo of time k (constants stay valid).
  void forget(int k);

  unsigned act_width() const { return act_width_; }
  z3::sort sort_of(ir::Sort s);
  z3::expr value(ir::Sort s, std::uint64_t v);
  z3::context &ctx() { return ctx_; }
  const ir::TransitionSystem &system() const { return ts_; }

 private:
  using Frame = std::unordered_map<ir::ExprId, z3::expr>;
  void ensure_time(int k);
  z3::expr translate(const ir::Node &n, const std::vector<z3::expr> &args);

  const ir::TransitionSystem &ts_;
  z3::context &ctx_;
  unsigned act_width_ = 1;
  std::vector<int> move_of_;                     // [action] -> move
  std::vector<int> move_action_;                 // [move] -> its action, -1 for "the statement at the pc"
  std::vector<std::pair<int, int>> move_level_;  // [move] -> (cpu, level) of a statement move
  std::vector<std::string> var_names_, input_names_;  // unique symbol stems
  std::string act_name_;
  // [k][index]; all copies of a time are made together.
  std::vector<std::vector<z3::expr>> var_at_, input_at_;
  std::vector<z3::expr> act_at_;
  std::vector<Frame> memo_;  // [k]
};

}  // namespace ctcheck::engines
