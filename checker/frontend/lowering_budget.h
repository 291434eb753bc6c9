// The limits of limits.h as the lowering meets them: context levels and state
// bits are checked before anything is allocated; then every expression node
// lowered is counted, for nesting (the lowering recurses through substituted
// expression procedures) and for size, per unit of work (one task or handler
// on one CPU and context level, or one invariant on one CPU) and in total.
// Hitting a limit is a located error, then FatalError.
#pragma once

#include <cstddef>
#include <string>

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/limits.h"
#include "frontend/system.h"

namespace ctcheck::frontend {

class LoweringBudget {
 public:
  LoweringBudget(const Limits &limits, Diagnostics &diags) : limits_(limits), diags_(diags) {}

  // 1 + the nest bounds of the interrupt sources.
  int context_levels(const Model &m);
  // `bits` in all; `part_bits` of them for the locals of `part`, the largest part.
  void check_state_bits(std::size_t bits, const ProcDecl &part, std::size_t part_bits);

  // The steps and inlined calls of every unit, before any is lowered; `at`
  // is the task or handler with the most.
  void reserve(std::size_t steps, const Loc &at);
  // Starts a unit of work named `what` ("'task_loop'", "invariant 'x'") that
  // already has `size` nodes (its steps and inlined calls).
  void begin(std::string what, std::size_t size);
  void enter(const Expr &e);
  void leave() { --depth_; }

 private:
  void check_total(const Loc &at);
  [[noreturn]] void fail(const Loc &at, const std::string &message);
  const Limits &limits_;
  Diagnostics &diags_;
  std::string unit_;
  std::size_t unit_size_ = 0, total_size_ = 0;
  int depth_ = 0;
};

}  // namespace ctcheck::frontend
