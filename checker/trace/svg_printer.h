// Counterexamples as a picture (self-contained SVG, or an HTML page): steps
// run left to right (column "init" is the initial state, then one column per
// statement, a merged step's statements as 5, 5b, 5c, and a completed call
// folded into one dashed box "▸ NAME" spanning steps "7-9"; for an assertion a
// last column shows the failing action, which never completes). Under the step
// numbers each column's statement is written out (vertically). Per CPU a lane
// per context that runs (the task, every interrupt source delivered on it)
// with the procedure that ran, a waveform of IF, the mode (when it changes),
// and value lanes for the model variables that change; what never changes is
// named in a note under the picture. The violating column is red, the culprit
// (trace/svg_layout.h: the last change of IF or the context-tracking state
// before it) dashed orange. Hover text (<title>) holds each statement and its
// location; a folded box lists its statements.
//
// The HTML page shows the title lines as text, the lane labels in a column
// that stays in view while the steps scroll (position: sticky), the folded
// picture, a link to the picture with every statement, and a table of the
// steps. Deterministic (no dates, integer geometry): golden tests compare it
// verbatim.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

struct SvgOptions {
  // At most this many model variables get a value lane (see value_lane_vars).
  std::size_t max_value_lanes = 8;
  bool fold = true;  // completed calls as one box each (trace/svg_layout.h)
};

// Which Model-role variables get a value lane: those that change in the
// trace, names containing "context_tracking_state", "ct_state" or "dynticks"
// first; at most `cap`, returned in variable order.
std::vector<std::uint32_t> value_lane_vars(const ir::TransitionSystem &ts, const Trace &t, std::size_t cap);

void print_svg(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out,
               const SvgOptions &opts = {});
// A standalone HTML page: a heading, the SVG inline, and the steps as a table.
void print_html(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out,
                const SvgOptions &opts = {});

}  // namespace ctcheck::trace
