// Hand-counted cost events of three paths in three kernel versions, each count
// traced to the kernel source. 6.1 lines are Debian's linux-source-6.1
// (6.1.192); the 4.x functions are cited by name (no pinned 4.2/4.3 tree with
// line numbers was available, docs/cost.md).
#include <gtest/gtest.h>

#include <map>

#include "cost/analysis.h"
#include "load.h"

namespace ctcheck::testing {
namespace {

using cost::PathKind;
using ir::CostKind;

const cost::CostReport &report(const std::string &rel) {
  static std::map<std::string, cost::CostReport> cache;
  auto it = cache.find(rel);
  if (it != cache.end()) return it->second;
  auto lm = lower_repo(rel);
  EXPECT_TRUE(lm) << rel;
  return cache[rel] = cost::analyse_costs(lm->ts, rel);
}

struct Expected {
  CostKind kind;
  std::uint64_t count;
};

// The least costly path of the kind (no exit work): each event's minimum.
void expect_min(const std::string &rel, PathKind path, std::initializer_list<Expected> counts) {
  const cost::PathCost *p = report(rel).find(path);
  ASSERT_TRUE(p) << rel << ": no " << cost::path_kind_title(path);
  for (const Expected &e : counts)
    EXPECT_EQ((*p)[e.kind].min, e.count)
        << rel << ": " << cost::path_kind_title(path) << ", " << ir::cost_kind_name(e.kind);
}

// Linux 4.2, IRQ from user mode: context tracking is not called (the IRQ entry
// has no CT hook in 4.2); rcu_irq_enter() takes RCU out of the EQS and
// rcu_irq_exit() puts it back.
//   rcu_irq_enter() (kernel/rcu/tree.c): local_irq_save          irq pair 1
//     -> rcu_eqs_exit_common(): smp_mb__before_atomic()           full barrier 1
//        atomic_inc(&rdtp->dynticks)                              atomic 1, EQS 1
//        smp_mb__after_atomic()                                   full barrier 2
//   __irq_enter() (include/linux/hardirq.h): account_irq_enter_time -> vtime   vtime 1
//   irq_exit() (kernel/softirq.c): account_irq_exit_time -> vtime            vtime 2
//   rcu_irq_exit(): local_irq_save                                irq pair 2
//     -> rcu_eqs_enter_common(): smp_mb__before_atomic(), atomic_inc, smp_mb__after_atomic()
//                                                                 full barriers 3, 4; atomic 2; EQS 2
TEST(KernelPaths, Linux42IrqFromUser) {
  expect_min("cases/linux-4.2.ct", PathKind::IrqFromUser,
             {{CostKind::FullBarrier, 4},
              {CostKind::Atomic, 2},
              {CostKind::RcuEqs, 2},
              {CostKind::CtState, 0},
              {CostKind::IrqSaveRestore, 2},
              {CostKind::Vtime, 2}});
}

// Linux 4.3, IRQ from user mode: the asm entry calls enter_from_user_mode()
// (arch/x86/entry/common.c) and the exit prepare_exit_to_usermode().
//   enter_from_user_mode -> user_exit() -> context_tracking_exit() (kernel/context_tracking.c):
//     local_irq_save                                              irq pair 1
//     rcu_user_exit() -> rcu_eqs_exit() -> rcu_eqs_exit_common(): before, atomic_inc, after
//                                                                 full barriers 1, 2; atomic 1; EQS 1
//     vtime_user_exit(current)                                    vtime 1
//     state = CONTEXT_KERNEL                                      ct 1
//   irq_enter() -> rcu_irq_enter(): local_irq_save; nesting != 0: no EQS change   irq pair 2
//     __irq_enter: vtime_account_irq_enter                        vtime 2
//   irq_exit(): vtime_gen_account_irq_exit                        vtime 3
//     rcu_irq_exit(): local_irq_save; nesting != 0                irq pair 3
//   prepare_exit_to_usermode -> user_enter() -> context_tracking_enter(): local_irq_save   irq pair 4
//     vtime_user_enter(current)                                   vtime 4
//     rcu_user_enter() -> rcu_eqs_enter_common(): before, atomic_inc, after
//                                                                 full barriers 3, 4; atomic 2; EQS 2
//     state = CONTEXT_USER                                        ct 2
// The same 4 full barriers as 4.2 (rcu_user_* replace the rcu_irq_* transitions),
// twice the irq pairs and the vtime calls.
TEST(KernelPaths, Linux43IrqFromUser) {
  expect_min("cases/linux-4.3.ct", PathKind::IrqFromUser,
             {{CostKind::FullBarrier, 4},
              {CostKind::Atomic, 2},
              {CostKind::RcuEqs, 2},
              {CostKind::CtState, 2},
              {CostKind::IrqSaveRestore, 4},
              {CostKind::Vtime, 4}});
}

// Linux 6.1, IRQ from user mode (irqentry_enter/irqentry_exit, kernel/entry/common.c):
//   __enter_from_user_mode (:19) -> user_exit_irqoff (:25) -> __ct_user_exit
//   (kernel/context_tracking.c:606) -> ct_kernel_enter (:619) -> ct_kernel_enter_state:
//     ct_state_inc (:110) = arch_atomic_add_return (include/linux/context_tracking.h:131),
//     fully ordered: atomic 1, full barriers 1, 2; EQS 1 and the context in the same add: ct 1
//     vtime_user_exit (:622)                                      vtime 1
//   irq_enter_rcu (kernel/softirq.c:636): no ct_irq_enter from user mode; vtime hooks empty on x86
//   __exit_to_user_mode -> user_enter_irqoff -> __ct_user_enter: vtime_user_enter (:489)  vtime 2
//     ct_kernel_exit (:505) -> ct_kernel_exit_state: ct_state_inc (:91): atomic 2, full barriers 3, 4; EQS 2;
//     ct 2
//   No local_irq_save anywhere on the path.
TEST(KernelPaths, Linux61IrqFromUser) {
  expect_min("cases/linux-6.1-syscall.ct", PathKind::IrqFromUser,
             {{CostKind::FullBarrier, 4},
              {CostKind::Atomic, 2},
              {CostKind::RcuEqs, 2},
              {CostKind::CtState, 2},
              {CostKind::IrqSaveRestore, 0},
              {CostKind::Vtime, 2}});
}

// Linux 4.2, 64-bit SYSCALL with TIF_NOHZ (entry_SYSCALL_64 -> tracesys):
//   syscall_trace_enter_phase1 (arch/x86/kernel/ptrace.c) -> user_exit(): irq pair 1, EQS exit
//     (2 full barriers, 1 atomic), vtime_user_exit, ct 1
//   int_very_careful -> syscall_trace_leave (ptrace.c): user_exit() again (state already
//     KERNEL: irq pair 2 and nothing else), then user_enter(): irq pair 3, vtime_user_enter,
//     EQS entry (2 full barriers, 1 atomic), ct 2
TEST(KernelPaths, Linux42Syscall) {
  expect_min("cases/linux-4.2.ct", PathKind::Syscall,
             {{CostKind::FullBarrier, 4},
              {CostKind::Atomic, 2},
              {CostKind::RcuEqs, 2},
              {CostKind::CtState, 2},
              {CostKind::IrqSaveRestore, 3},
              {CostKind::Vtime, 2}});
}

// Linux 4.3: the same syscall without syscall_trace_leave's redundant user_exit():
// enter_from_user_mode -> user_exit() (irq pair 1), prepare_exit_to_usermode -> user_enter() (irq pair 2).
TEST(KernelPaths, Linux43Syscall) {
  expect_min("cases/linux-4.3.ct", PathKind::Syscall,
             {{CostKind::FullBarrier, 4},
              {CostKind::Atomic, 2},
              {CostKind::CtState, 2},
              {CostKind::IrqSaveRestore, 2}});
}

// NMI from user mode, 4.2 and 6.1: rcu_nmi_enter/exit (4.2: the before/atomic_inc/after
// triple in each, kernel/rcu/tree.c) or ct_nmi_enter (:280) / ct_nmi_exit (:239) (6.1: one
// ct_state_inc each): 4 full barriers, 2 atomics, 2 EQS changes, no context change, no irq pair.
TEST(KernelPaths, NmiFromUser) {
  for (const char *rel : {"cases/linux-4.2.ct", "cases/linux-6.1-syscall.ct"})
    expect_min(rel, PathKind::NmiFromUser,
               {{CostKind::FullBarrier, 4},
                {CostKind::Atomic, 2},
                {CostKind::RcuEqs, 2},
                {CostKind::CtState, 0},
                {CostKind::IrqSaveRestore, 0}});
}

}  // namespace
}  // namespace ctcheck::testing
