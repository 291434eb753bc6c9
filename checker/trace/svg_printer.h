// Counterexamples as a picture (self-contained SVG, or an HTML page holding
// that SVG and a table of the steps): steps run left to right (column "init"
// is the initial state, column k the k-th step and the state after it); per
// CPU one lane per context (the task, and every interrupt source) with the
// procedure that ran in that step, a waveform of IF, a lane for the mode
// (user/kernel), and value lanes for model variables; the violation is
// highlighted in red (for an assertion, an extra column shows the failing
// action, which never completes). Hover text (<title>) holds each step's
// statement and source location. Deterministic (no dates, integer geometry):
// golden tests compare it verbatim.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

#include "ir/transition_system.h"
#include "core/trace.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

struct SvgOptions {
  // At most this many model variables get a value lane (see value_lane_vars).
  std::size_t max_value_lanes = 8;
};

// Which Model-role variables get a value lane: those whose name contains
// "context_tracking_state", "ct_state" or "dynticks" (whether or not they
// change), then every other one that changes in the trace; at most `cap`,
// preferred names first, returned in variable order.
std::vector<std::uint32_t> value_lane_vars(const ir::TransitionSystem &ts, const Trace &t, std::size_t cap);

void print_svg(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts = {});
// A standalone HTML page: a heading, the SVG inline, and the steps as a table.
void print_html(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts = {});

}  // namespace ctcheck::trace
