// The built-in procedures of the language (docs/language.md §5), in one table
// that every stage reads: sema types a call from its row, the CFG builder turns
// a statement built-in into its step's micro-operations, and the lowering
// evaluates an expression built-in by its value kind.
//
// Adding a built-in is one row in builtins.cpp. A statement built-in whose step
// is made of existing effects needs nothing else; a new kind of typing, effect
// or value is a new enumerator, and -Wswitch points at each stage that must
// handle it.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "frontend/ast.h"
#include "ir/cost_event.h"

namespace ctcheck::frontend {

// How sema checks the arguments and finds the result type.
enum class BuiltinTyping {
  NoArgs,       // no arguments; the row's result type
  IrqFlags,     // one integer or bool: the saved interrupt flag (written when the effect saves it)
  PerCpuVar,    // (percpu or pertask variable, CPU number): the variable's type
  SameAsArg,    // old(e): the type of e
  NondetRange,  // two constant integer bounds: s64
  CostName,     // `cost NAME N;`: a cost name (cost_name_events) and a positive count
};

// `count` events of one kind.
struct CostCount {
  ir::CostKind kind;
  std::uint32_t count = 1;
};

// One change of machine state, in order, inside a statement built-in's step.
struct BuiltinEffect {
  enum Kind {
    SetIf,      // IF := value
    SetUser,    // mode := user when value, else kernel
    SaveIf,     // argument 0 := IF
    RestoreIf,  // IF := argument 0
  } kind;
  bool value = false;
};

// A statement built-in (no value).
struct BuiltinStep {
  enum Kind {
    None,        // takes no step at all (sequential consistency makes barriers no-ops)
    Step,        // one step doing `effects`
    FaultPoint,  // one step doing `effects`, before which an exception may be delivered
    // instrumentation_begin() / instrumentation_end(): the CFG builder opens or
    // closes a region of the noinstr procedure they lie in (a nop at run time).
    RegionBegin,
    RegionEnd,
  } kind = Step;
  std::vector<BuiltinEffect> effects;
  bool marks_region() const { return kind == RegionBegin || kind == RegionEnd; }
};

// What an expression built-in evaluates to.
enum class BuiltinValue {
  IrqsDisabled,            // IF == 0
  InUserMode,              // this CPU runs in user mode now
  InHandler,               // context level >= 1
  InterruptedUserMode,     // the interrupted context's mode (a handler's `regs`)
  InterruptedIrqsEnabled,  // the interrupted context's IF
  CpuId,                   // smp_processor_id()
  PerCpu,                  // another CPU's copy of a variable
  Old,                     // the value at handler entry
  NondetBool,
  NondetInt,
};

struct Builtin {
  std::string name;
  int arity = 0;
  BuiltinTyping typing = BuiltinTyping::NoArgs;
  Type result;                                      // NoArgs / NondetRange: the result type
  std::variant<BuiltinStep, BuiltinValue> meaning;  // a statement or an expression
  // The value is the same everywhere in one context (so an argument made of it
  // can be substituted into the callee instead of copied in a step).
  bool stable = false;
  // What the call costs (ir/cost_event.h): no effect on its step, or on its
  // absence of one (smp_mb() costs a full barrier and takes no step).
  std::vector<CostCount> costs = {};

  const BuiltinStep *step() const { return std::get_if<BuiltinStep>(&meaning); }
  const BuiltinValue *value() const { return std::get_if<BuiltinValue>(&meaning); }
  bool is_statement() const { return step() != nullptr; }
  bool is(BuiltinValue v) const { return value() && *value() == v; }
  // Nondeterministic: not allowed in expression procedures, which must be pure.
  bool is_nondet() const { return is(BuiltinValue::NondetBool) || is(BuiltinValue::NondetInt); }
  // Whether the call writes its first argument (the flags of local_irq_save).
  bool writes_arg() const;
};

// The built-in properties: checks the language adds by itself (docs/language.md).
inline constexpr const char *kRangeProperty = "range";          // a range<> value stays in range
inline constexpr const char *kShiftInRange = "shift_in_range";  // shift count in 0..width-1
inline constexpr const char *kPerCpuIndexInRange =
    "per_cpu_index_in_range";  // per_cpu(v, cpu): 0 <= cpu < cpus
inline constexpr const char *kNoinstrRegionBalanced = "noinstr_region_balanced";  // instrumentation regions
inline constexpr const char *kNoinstrCallOutsideRegion = "noinstr_call_outside_region";
bool is_builtin_property(const std::string &name);

// The row of a built-in, or null when `name` is not one.
const Builtin *find_builtin(const std::string &name);
// Every row, in the table's order.
const std::vector<Builtin> &all_builtins();

// The names a `cost NAME [N];` statement accepts: every cost kind
// ("full_barrier", "atomic", ...) and the kernel's atomic primitives, which
// cost what Documentation/atomic_t.txt says they imply ("atomic_inc": one
// atomic; "atomic_add_return": one atomic and two full barriers). Null when
// `name` is none of them.
const std::vector<CostCount> *cost_name_events(const std::string &name);
// Every accepted name, for error messages.
std::vector<std::string> cost_names();

}  // namespace ctcheck::frontend
