#include "frontend/builtins.h"

#include <map>

namespace ctcheck::frontend {
namespace {

using Effect = BuiltinEffect;
using Step = BuiltinStep;
using Value = BuiltinValue;
using Typing = BuiltinTyping;
using Cost = ir::CostKind;

// The language's built-ins (docs/language.md §5 describes each).
std::vector<Builtin> make_table() {
  const Type none = Type::void_(), boolean = Type::boolean();
  return {
      // Statements: the interrupt flag, mode switches, barriers.
      {"local_irq_disable", 0, Typing::NoArgs, none, Step{Step::Step, {{Effect::SetIf, false}}}},
      {"local_irq_enable", 0, Typing::NoArgs, none, Step{Step::Step, {{Effect::SetIf, true}}}},
      {"local_irq_restore", 1, Typing::IrqFlags, none, Step{Step::Step, {{Effect::RestoreIf}}}},
      // SYSCALL clears IF through FMASK; SYSRET/IRET to user sets it again.
      // One pair per save (the restore is its other half).
      {"local_irq_save",
       1,
       Typing::IrqFlags,
       none,
       Step{Step::Step, {{Effect::SaveIf}, {Effect::SetIf, false}}},
       false,
       {{Cost::IrqSaveRestore, 1}}},
      {"syscall_insn", 0, Typing::NoArgs, none,
       Step{Step::Step, {{Effect::SetUser, false}, {Effect::SetIf, false}}}},
      {"sysret_to_user", 0, Typing::NoArgs, none,
       Step{Step::Step, {{Effect::SetUser, true}, {Effect::SetIf, true}}}},
      {"user_code", 0, Typing::NoArgs, none, Step{Step::Step, {}}},
      {"may_fault", 0, Typing::NoArgs, none, Step{Step::FaultPoint, {}}},
      // No step: the model is sequentially consistent (docs/semantics.md).
      // The full barriers still cost one each (Documentation/atomic_t.txt: the
      // __before/__after_atomic pair makes an unordered RMW fully ordered).
      {"smp_mb", 0, Typing::NoArgs, none, Step{Step::None, {}}, false, {{Cost::FullBarrier, 1}}},
      {"smp_mb__before_atomic",
       0,
       Typing::NoArgs,
       none,
       Step{Step::None, {}},
       false,
       {{Cost::FullBarrier, 1}}},
      {"smp_mb__after_atomic",
       0,
       Typing::NoArgs,
       none,
       Step{Step::None, {}},
       false,
       {{Cost::FullBarrier, 1}}},
      {"barrier", 0, Typing::NoArgs, none, Step{Step::None, {}}},
      // objtool's markers in noinstr code (include/linux/instrumentation.h).
      {"instrumentation_begin", 0, Typing::NoArgs, none, Step{Step::RegionBegin, {}}},
      {"instrumentation_end", 0, Typing::NoArgs, none, Step{Step::RegionEnd, {}}},
      // `cost NAME [N];` (the parser writes it as this call): no step, N events.
      {"cost", 2, Typing::CostName, none, Step{Step::None, {}}},
      // Expressions.
      {"irqs_disabled", 0, Typing::NoArgs, boolean, Value::IrqsDisabled},
      {"in_user_mode", 0, Typing::NoArgs, boolean, Value::InUserMode},
      {"in_handler", 0, Typing::NoArgs, boolean, Value::InHandler},
      {"user_mode", 0, Typing::NoArgs, boolean, Value::InterruptedUserMode},
      {"regs_irqs_enabled", 0, Typing::NoArgs, boolean, Value::InterruptedIrqsEnabled},
      {"smp_processor_id", 0, Typing::NoArgs, Type::integer(32, true), Value::CpuId, /*stable=*/true},
      {"per_cpu", 2, Typing::PerCpuVar, Type::error(), Value::PerCpu},
      {"old", 1, Typing::SameAsArg, Type::error(), Value::Old},
      {"nondet_bool", 0, Typing::NoArgs, boolean, Value::NondetBool},
      {"nondet_int", 2, Typing::NondetRange, Type::integer(64, true), Value::NondetInt},
  };
}

// Kernel atomics by their ordering (Documentation/atomic_t.txt, "ORDERING"):
// RMW operations without a return value are unordered; those that return a
// value are fully ordered, "like having an smp_mb() before and an smp_mb()
// after". The conditional ones are counted as if they succeed.
std::map<std::string, std::vector<CostCount>> make_cost_names() {
  std::map<std::string, std::vector<CostCount>> m;
  for (ir::CostKind k : ir::kAllCostKinds) m[std::string(ir::cost_kind_name(k))] = {{k, 1}};
  for (const char *unordered : {"atomic_inc", "atomic_dec", "atomic_add", "atomic_sub", "atomic_andnot",
                                "atomic_or", "atomic_and", "atomic_xor"})
    m[unordered] = {{Cost::Atomic, 1}};
  for (const char *ordered :
       {"atomic_add_return", "atomic_sub_return", "atomic_inc_return", "atomic_dec_return",
        "atomic_fetch_add", "atomic_fetch_or", "atomic_fetch_andnot", "atomic_xchg", "atomic_cmpxchg",
        "atomic_add_unless", "atomic_dec_and_test", "atomic_inc_and_test"})
    m[ordered] = {{Cost::Atomic, 1}, {Cost::FullBarrier, 2}};
  return m;
}

const std::map<std::string, std::vector<CostCount>> &cost_table() {
  static const auto table = make_cost_names();
  return table;
}

}  // namespace

const std::vector<CostCount> *cost_name_events(const std::string &name) {
  auto it = cost_table().find(name);
  return it == cost_table().end() ? nullptr : &it->second;
}

std::vector<std::string> cost_names() {
  std::vector<std::string> out;
  for (const auto &[name, events] : cost_table()) out.push_back(name);
  return out;
}

bool is_builtin_property(const std::string &name) {
  for (const char *p : {kRangeProperty, kShiftInRange, kPerCpuIndexInRange, kNoinstrRegionBalanced,
                        kNoinstrCallOutsideRegion})
    if (name == p) return true;
  return false;
}

bool Builtin::writes_arg() const {
  if (const BuiltinStep *s = step())
    for (const BuiltinEffect &e : s->effects)
      if (e.kind == BuiltinEffect::SaveIf) return true;
  return false;
}

const std::vector<Builtin> &all_builtins() {
  static const std::vector<Builtin> table = make_table();
  return table;
}

const Builtin *find_builtin(const std::string &name) {
  static const std::map<std::string, const Builtin *> by_name = [] {
    std::map<std::string, const Builtin *> m;
    for (const Builtin &b : all_builtins()) m[b.name] = &b;
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

}  // namespace ctcheck::frontend
