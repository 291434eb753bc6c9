// Counterexamples as text for kernel developers: the interleaving in one
// line, the model variables at step 0, then every step in its CPU and context
// with the variables it changed, and the violated property last.
// Deterministic (no dates, no timings): golden tests compare it verbatim.
#pragma once

#include <ostream>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

struct TextOptions {
  // Also show changes of Local, Ghost and saved-IF/mode variables (pc, source
  // and depth changes are never listed: the context line shows them).
  bool verbose = false;
};

void print_text(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out);
void print_text(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const TextOptions &opts);

}  // namespace ctcheck::trace
