// Cost events: what an entry path pays (barriers, atomics, context-tracking
// and RCU transitions, accounting, IRQ-flag pairs, hooks, schedule() calls).
// They are annotations carried by actions: no step, no state, no effect on
// any verdict (docs/cost.md). `ctcheck cost` counts them along paths.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ir/expr.h"

namespace ctcheck::ir {

enum class CostKind : std::uint8_t {
  FullBarrier,     // smp_mb(), smp_mb__{before,after}_atomic(), a fully ordered RMW's two implied ones
  Atomic,          // an atomic read-modify-write (ordered or not)
  CtState,         // a context-tracking state change
  RcuEqs,          // RCU enters or leaves an extended quiescent state
  Vtime,           // a vtime / time-accounting call
  IrqSaveRestore,  // a local_irq_save() ... local_irq_restore() pair
  Hook,            // a tracing or lockdep hook
  Schedule,        // a schedule() call (exit work, preemption, blocking)
};
inline constexpr std::size_t kCostKinds = 8;

// Spelling in models, reports and options ("full_barrier", ...).
std::string_view cost_kind_name(CostKind k);
std::optional<CostKind> cost_kind_by_name(std::string_view name);
inline constexpr std::array<CostKind, kCostKinds> kAllCostKinds = {
    CostKind::FullBarrier, CostKind::Atomic,         CostKind::CtState, CostKind::RcuEqs,
    CostKind::Vtime,       CostKind::IrqSaveRestore, CostKind::Hook,    CostKind::Schedule};

// One cost event of an action: `count` events of `kind` when the path taken
// inside the action reaches it (`reach`, over the pre-state and the inputs,
// like a Check's).
struct CostEvent {
  CostKind kind = CostKind::FullBarrier;
  std::uint32_t count = 1;
  ExprId reach = 0;
  std::string name;       // as the model wrote it: "smp_mb__before_atomic", "atomic_inc", "rcu_eqs"
  std::string procedure;  // the model procedure it is in
  std::string file;
  int line = 0;
};

}  // namespace ctcheck::ir
