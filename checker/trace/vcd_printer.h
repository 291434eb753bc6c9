// Counterexamples as Value Change Dump (IEEE 1364 §18) for GTKWave and other
// waveform viewers: one signal per state variable (so IF, user mode and the
// context depth of every CPU, each level's source and pc, and every model
// variable), scoped by the dotted parts of its name ("cpu0.l1.pc" is signal
// `pc` in scope ctcheck.cpu0.l1), plus three bookkeeping signals at the top:
// `step_cpu` and `step_action` (the CPU and the action index of the step that
// led to this time) and `violated` (1 from the bad state on).
//
// Time k (1 ns per step) is the state after step k; time 0 is the initial
// state. For an assertion, time depth+1 shows the failing action (the state
// does not change: the step does not complete). The header's $comment lists
// every step as "#k cpuN procedure: statement (file:line)" because VCD has no
// portable string signals. Deterministic: no $date, no version number, so
// golden tests compare it verbatim.
#pragma once

#include <ostream>

#include "ir/transition_system.h"
#include "core/trace.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

void print_vcd(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out);

}  // namespace ctcheck::trace
