// One line telling the story of a counterexample, built from its Deliver and
// Return steps and the violation: what a kernel developer reads first.
//   cpu0: entry_SYSCALL_64 enables IRQs -> IRQ common_interrupt arrives in
//   syscall_trace_enter_phase1 -> assert irq_not_in_user fails in do_IRQ
#pragma once

#include <string>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

std::string interleaving_summary(const ir::TransitionSystem &ts, const Trace &t);

}  // namespace ctcheck::trace
