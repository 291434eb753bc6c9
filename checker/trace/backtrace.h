// Where a counterexample ends, the way the kernel reports a splat: the
// inlined calls at the violation, innermost first, then every context the
// CPU interrupted to get there (lockdep style):
//
//   check_irq_not_in_user <- do_IRQ <- common_interrupt (spec/properties.ct:74)
//     <- [IRQ] <- entry_SYSCALL_64 <- syscall_task (encodings/x86_64/linux-4.3.ct:61)
//
// and one compiler-style line for editors and CI logs (checkpatch/sparse):
//
//   spec/properties.ct:74: error: irq_not_in_user: IRQ or exception handler body runs while ...
#pragma once

#include <string>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

// The backtrace at the violation: for an assertion the failing action's calls;
// for an invariant those of the last step (the initial state: "").
// An interrupted context is shown at its next statement (where it resumes),
// after a marker "[IRQ]", "[NMI]" or "[exception]" ("... from user mode" when
// it was interrupted in user mode).
std::string violation_backtrace(const ir::TransitionSystem &ts, const core::Trace &t);

// "FILE:LINE: error: PROPERTY: MESSAGE" for the violation.
std::string error_line(const ir::TransitionSystem &ts, const core::Trace &t);

}  // namespace ctcheck::trace
