// Shared vocabulary of the trace printers: values in the model's own terms,
// the context stack of a CPU, and where a violation is reported.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

// Two's-complement reading of a `width`-bit value.
std::int64_t as_signed(std::uint64_t value, unsigned width);

// true/false, enum names, signed decimal, or hex for magnitudes >= 2^16
// (zero-padded to the width: 0x0140000000000000).
std::string format_value(const ir::StateVar &var, std::uint64_t value);
std::string format_input(const ir::Input &input, std::uint64_t value);

// One name per state variable, as every printer and the trace reader use it:
// the lowering's name, where that is unique. The lowering gives the locals of
// several inlined instances of one procedure the same name
// ("cpu0.l1.page_fault.context_tracking_exit.flags" three times); the k-th
// variable of such a name (k >= 2, in variable order, which is the order of
// the instances) is NAME#k. Stable for a given model and ctcheck version.
std::vector<std::string> unique_var_names(const ir::TransitionSystem &ts);

struct ContextFrame {
  std::string kind;  // "task", "irq", "nmi", "exception" ("?" for a bad source)
  std::string name;  // task or handler procedure
  int level = 0;
};

const char *kind_name(ir::SourceKind k);   // "irq", "nmi", "exception"
const char *event_name(ir::SourceKind k);  // "IRQ", "NMI", "exception" (in sentences)

// Levels 0..depth of `cpu` in `state`; empty when the TS has no layout for it.
std::vector<ContextFrame> contexts(const ir::TransitionSystem &ts, int cpu,
                                   const std::vector<std::uint64_t> &state);
// "task t > irq h@1 > nmi n@2"
std::string format_contexts(const std::vector<ContextFrame> &frames);

bool irqs_enabled(const ir::TransitionSystem &ts, int cpu, const std::vector<std::uint64_t> &state);
bool in_user_mode(const ir::TransitionSystem &ts, int cpu, const std::vector<std::uint64_t> &state);

// The statement text, or a generated one for Deliver/Return actions without
// ("<irq timer delivered>", "<iret from timer>": the handler is read from the
// pre-state when given).
std::string action_text(const ir::TransitionSystem &ts, int action,
                        const std::vector<std::uint64_t> *pre = nullptr);
// "file:line" ("?" when unknown).
std::string format_loc(const ir::SourceLoc &loc);

// Where to point the reader: for an assertion the failing check of the
// violating action (first failing one with the trace's property), for an
// invariant its declaration.
ir::SourceLoc violation_loc(const ir::TransitionSystem &ts, const Trace &t);
// The one number of a counterexample, said the same way in every printer:
// "violated at 5 (5 steps, then the assertion fails in step 6)" or
// "violated at 3 (false after step 3)". Steps are interleaving steps.
std::string depth_phrase(const ir::TransitionSystem &ts, const Trace &t);

// The message of the failing assertion (several asserts may share a property
// name with different messages), else the property's message.
std::string violation_message(const ir::TransitionSystem &ts, const Trace &t);

}  // namespace ctcheck::trace
