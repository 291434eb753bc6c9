// A trace of an abstracted system (ir/abstraction.h: counters kept modulo
// 2^bits) as a trace of the system at its real widths: the same actions with
// the same inputs, re-executed from the real initial state (the model's
// initial values; an abstracted variable without one keeps its explored value). The abstraction is exact, so
// the actions fire and the property fails in the same way; the result is replayed like any trace before it is
// shown.
#pragma once

#include <string>

#include "core/trace.h"
#include "sim/simulator.h"

namespace ctcheck::sim {

// `real` simulates the unabstracted system (same variables, actions and inputs).
// False with `why` when an action does not fire there.
bool lift_trace(const Simulator &real, const core::Trace &abstract, core::Trace &out, std::string &why);

}  // namespace ctcheck::sim
