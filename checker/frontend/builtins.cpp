#include "frontend/builtins.h"

#include <map>

namespace ctcheck::frontend {
namespace {

using Effect = BuiltinEffect;
using Step = BuiltinStep;
using Value = BuiltinValue;
using Typing = BuiltinTyping;

// The language's built-ins (docs/language.md §5 describes each).
std::vector<Builtin> make_table() {
  const Type none = Type::void_(), boolean = Type::boolean();
  return {
      // Statements: the interrupt flag, mode switches, barriers.
      {"local_irq_disable", 0, Typing::NoArgs, none, Step{Step::Step, {{Effect::SetIf, false}}}},
      {"local_irq_enable", 0, Typing::NoArgs, none, Step{Step::Step, {{Effect::SetIf, true}}}},
      {"local_irq_save", 1, Typing::IrqFlags, none,
       Step{Step::Step, {{Effect::SaveIf}, {Effect::SetIf, false}}}},
      {"local_irq_restore", 1, Typing::IrqFlags, none, Step{Step::Step, {{Effect::RestoreIf}}}},
      // SYSCALL clears IF through FMASK; SYSRET/IRET to user sets it again.
      {"syscall_insn", 0, Typing::NoArgs, none,
       Step{Step::Step, {{Effect::SetUser, false}, {Effect::SetIf, false}}}},
      {"sysret_to_user", 0, Typing::NoArgs, none,
       Step{Step::Step, {{Effect::SetUser, true}, {Effect::SetIf, true}}}},
      {"user_code", 0, Typing::NoArgs, none, Step{Step::Step, {}}},
      {"may_fault", 0, Typing::NoArgs, none, Step{Step::FaultPoint, {}}},
      // No step: the model is sequentially consistent (docs/semantics.md).
      {"smp_mb", 0, Typing::NoArgs, none, Step{Step::None, {}}},
      {"barrier", 0, Typing::NoArgs, none, Step{Step::None, {}}},
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

}  // namespace

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
