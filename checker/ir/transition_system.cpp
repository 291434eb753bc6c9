#include "ir/transition_system.h"

namespace ctcheck::ir {

std::uint64_t state_bits(const TransitionSystem &ts) {
  std::uint64_t bits = 0;
  for (const StateVar &v : ts.vars) bits += v.sort.width;
  return bits;
}

}  // namespace ctcheck::ir

namespace ctcheck::ir {

std::string_view cost_kind_name(CostKind k) {
  switch (k) {
    case CostKind::FullBarrier:
      return "full_barrier";
    case CostKind::Atomic:
      return "atomic";
    case CostKind::CtState:
      return "ct_state";
    case CostKind::RcuEqs:
      return "rcu_eqs";
    case CostKind::Vtime:
      return "vtime";
    case CostKind::IrqSaveRestore:
      return "irq_save_restore";
    case CostKind::Hook:
      return "hook";
    case CostKind::Schedule:
      return "schedule";
  }
  return "?";
}

std::optional<CostKind> cost_kind_by_name(std::string_view name) {
  for (CostKind k : kAllCostKinds)
    if (cost_kind_name(k) == name) return k;
  return std::nullopt;
}

}  // namespace ctcheck::ir
