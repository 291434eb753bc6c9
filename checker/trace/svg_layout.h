// What the SVG/HTML picture of a counterexample shows, before any drawing:
// its columns (a statement each, or a completed call folded into one box),
// the culprit step, and which lanes are worth a row.
//
// Folding: a call made by the code of one context (a procedure inlined below
// the context's entry procedure) whose statements run one after the other,
// uninterrupted, and that returns within the trace, is one column named after
// the procedure ("rcu_irq_enter: 4 statements"). Never folded: the culprit,
// the failing step's statements, interrupt deliveries and returns.
//
// The culprit: the last statement before the violation that turns IF on or
// off, or changes a context-tracking state variable (a name containing
// "context_tracking_state" or "ct_state") -- where a reader starts looking.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

struct SvgColumn {
  int first = -1, last = -1;  // indices into Trace::steps; -1: the initial state (or the failing action)
  bool failing = false;       // the failing action of an assertion
  std::string fold;           // the folded call's procedure ("" when the column is one statement)
  bool folded() const { return !fold.empty(); }
};

// Column 0 is the initial state; then one column per statement or folded
// call; then, for an assertion, the failing action. `fold` false: one column
// per statement.
std::vector<SvgColumn> svg_columns(const ir::TransitionSystem &ts, const core::Trace &t, bool fold);

// The step index (into Trace::steps) of the culprit, -1 when none.
int culprit_step(const ir::TransitionSystem &ts, const core::Trace &t);

// Context lanes of `cpu` that anything runs in during the trace: 0 (the task,
// always), then interrupt source s (1-based) when delivered on that CPU.
std::vector<int> busy_context_lanes(const ir::TransitionSystem &ts, const core::Trace &t, int cpu);

// True when variable `v` has the same value in every state of the trace.
bool constant_in_trace(const core::Trace &t, std::uint32_t v);

}  // namespace ctcheck::trace
