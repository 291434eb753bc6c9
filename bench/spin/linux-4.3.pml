/*
 * bench/spin/linux-4.3.pml: the sanity-check variant of
 * linux-4.3-patch-2015.pml for plain Linux 4.3 (cases/linux-4.3.ct):
 * entry_SYSCALL_64 enables IRQs right after the SYSCALL instruction and only
 * then reaches enter_from_user_mode() (tracesys -> syscall_trace_enter_phase1),
 * so an IRQ there comes "from kernel mode", skips enter_from_user_mode() and
 * do_IRQ() runs in CONTEXT_USER. Spin must find
 *   ct_kernel_when_irqs_on  (ctcheck: violated at depth 3), and, with -DNO_INV,
 *   irq_not_in_user         (ctcheck: violated at depth 5).
 * A model that verified this variant would be vacuous.
 */
#define LINUX_4_3_HOLE 1
#include "linux-4.3-patch-2015.pml"
