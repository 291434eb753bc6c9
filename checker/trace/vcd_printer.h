// Counterexamples as Value Change Dump (IEEE 1364 §18) for GTKWave and other
// waveform viewers: one signal per state variable (so IF, user mode and the
// context depth of every CPU, each level's source and pc, and every model
// variable), scoped by the dotted parts of its name ("cpu0.l1.pc" is signal
// `pc` in scope ctcheck.cpu0.l1), plus three bookkeeping signals at the top:
// `step_cpu` and `step_action` (the CPU and the action index of the step that
// led to this time) and `violated` (1 from the bad state on). Signal names
// are trace::unique_var_names. An enum-typed variable also gets a string
// signal NAME_name holding the enumerator ("CONTEXT_USER"): GTKWave's
// `string` variable type (values "sTEXT"); viewers without it skip it.
//
// Time k (1 ns per step) is the state after interleaving step k, the step
// numbers of the text trace (a merged step shows the state after its last
// statement); time 0 is the initial state. For an assertion, time depth+1
// shows the failing action (the state does not change: the step does not
// complete). The header's $comment lists every statement as "#k cpuN
// procedure: statement (file:line)". Deterministic: no $date, no version
// number, so golden tests compare it verbatim.
#pragma once

#include <ostream>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

void print_vcd(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out);

}  // namespace ctcheck::trace
