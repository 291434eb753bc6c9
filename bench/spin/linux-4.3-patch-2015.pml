/*
 * bench/spin/linux-4.3-patch-2015.pml: a hand-written Promela model of
 * cases/linux-4.3-patch-2015.ct (Linux 4.3 + the Aug-2015 patch
 * "x86/entry/64: Context-track syscalls before enabling interrupts"), for
 * benchmarking ctcheck's engines against Spin (bench/engines_vs_spin.sh).
 *
 * Translated from spec/{rcu_dynticks,hardirq,context_tracking,properties}.ct,
 * encodings/x86_64/{common,linux-4.3,patch-2015-ct-syscalls-before-irqs,
 * user_start}.ct. Build variants with the C preprocessor (spin -D...):
 *   (default)        the patched kernel: every assertion should hold.
 *   -DLINUX_4_3_HOLE plain Linux 4.3: entry_SYSCALL_64 enables IRQs *before*
 *                    enter_from_user_mode() (via syscall_trace_enter_phase1).
 *                    Expected: irq_not_in_user and ct_kernel_when_irqs_on
 *                    violated (bench/spin/linux-4.3.pml sets this).
 *   -DNO_INV         do not check the invariant ct_kernel_when_irqs_on (so that
 *                    the 4.3 run reports irq_not_in_user, which is otherwise
 *                    shadowed by the invariant failing two steps earlier).
 *
 * ---------------------------------------------------------------------------
 * EXECUTION MODEL (ctcheck docs/semantics.md) and how it is mirrored here
 * ---------------------------------------------------------------------------
 * One CPU, four contexts: the task (T) and one process per interrupt source,
 * IRQ common_interrupt (I), exception page_fault (E), NMI nmi (N), each
 * `nest 1`. Each is an `active proctype`; the global `top` names the innermost
 * running context, and every step of context X is guarded by (top == X)
 * (macro RUN). So exactly one context can execute at a time, and the only
 * other moves possible in any state are interrupt *deliveries*: exactly
 * ctcheck's "Exec innermost context | Deliver source s | Return (iret)".
 *
 * * One ctcheck step = one Promela transition: a d_step{RUN(X); ...} for
 *   assignments/asserts/builtins (macros STEP, CHECK), or the guard of an
 *   if-option for ctcheck's `if (c)` step (RUN(X) && c  /  RUN(X) && !c; never
 *   `else`, which would be executable when X is not running). The step
 *   decomposition follows the ctcheck lowering statement for statement
 *   (docs/language.md §4), checked against `ctcheck simulate` output: every
 *   assignment, assert, `if` condition, `return e`, local_irq_*(), may_fault(),
 *   user_code(), syscall_insn(), sysret_to_user() is one step; expression
 *   procedures (rcu_is_watching, in_interrupt, ct_state, ...) are inlined into
 *   the step that uses them; parameter passing takes no step; the constant
 *   task loop `while (true)` takes no step, the `while (true) bound 2` of
 *   prepare_exit_to_usermode takes one step per evaluation and at most 2
 *   evaluations per entry (ctcheck cuts the run at the 3rd, as observed with
 *   `ctcheck simulate`).
 * * Deliver (one transition of the handler process, from its idle label):
 *     IRQ:       IF == 1
 *     NMI:       always
 *     exception: user mode (only the task runs in user mode), or the innermost
 *                context is at a may_fault() step (Spin remote references
 *                task[0]@mf_task / irq[1]@mf_irq: the two may_fault() points,
 *                sys_call_body and generic_handle_irq)
 *   and the handler not already active (nest 1; its process sits at `idle`).
 *   The delivery saves IF, mode and the interrupted context (sIF, suser,
 *   prev: what pt_regs / ctcheck's level frame holds), snapshots the old()
 *   ghosts, sets IF := 0, user := 0, top := this handler.
 * * Return (iret): one step restoring IF, mode and top; locals are reset to 0
 *   as ctcheck clears a level, so equal machine states compare equal.
 * * NMI: never enables IRQs and has no may_fault(), so only a second NMI could
 *   nest in it, which nest 1 forbids; IRQ and exception can nest in either order
 *   (exception at generic_handle_irq's may_fault; IRQ once __do_page_fault or
 *   preempt_schedule_irq re-enables IF) -- all generic here, as in ctcheck.
 *
 * ---------------------------------------------------------------------------
 * DATA ABSTRACTIONS (and why verdicts are preserved)
 * ---------------------------------------------------------------------------
 * * dynticks (kernel: atomic_t, ctcheck: u1 parity counter): kept as a bit,
 *   flipped by every atomic_inc. Every read in the model is `dynticks & 1`,
 *   and "counter -> parity" commutes with ++ and with & 1: exact.
 * * dynticks_nesting (kernel: long long, values DYNTICK_TASK_NEST_VALUE =
 *   2^56, DYNTICK_TASK_FLAG = 2^54, DYNTICK_TASK_EXIT_IDLE = 2^56 + 2^54,
 *   DYNTICK_TASK_NEST_MASK = 0x7f << 56; irq nesting counts +-1 in the low
 *   bits). Promela's int is 32 bits, so the task part is scaled down by 2^44:
 *       NEST_VALUE 2^12, FLAG 2^10, EXIT_IDLE 2^12 + 2^10, NEST_MASK 0x7f << 12.
 *   Every reachable value is  v = t * 2^54 + l  with small t >= 0 (task part,
 *   in units of the FLAG) and |l| < 2^10 (irq nesting: at most 2 IRQ-like
 *   handlers nest here); it is encoded as  e = t * 2^10 + l. This map is
 *   additive (so +-1, +-NEST_VALUE and the constant stores commute with it),
 *   preserves sign and zero (|l| < 2^10 <= 2^54), and preserves
 *   v & NEST_MASK == (e & NEST_MASK') scaled: both are floor(t/4 + l/2^k)
 *   mod 128 with k = 56 resp. 12, equal because t mod 4 <= 1 (FLAG is set at
 *   most once) and |l| < 2^10. The model only ever compares dynticks_nesting
 *   with 0, compares its masked value with 0 / NEST_VALUE, adds +-1 /
 *   +-NEST_VALUE and stores 0 / EXIT_IDLE, so all guards and assertions take
 *   the same truth values as in the 64-bit model: verdicts are preserved.
 * * __preempt_count, dynticks_nmi_nesting, context_tracking_recursion: real
 *   values (they fit in an int; HARDIRQ_OFFSET = 1<<16, NMI_OFFSET = 1<<20).
 * * Constant-valued per-CPU/per-task booleans of the ctcheck model that are
 *   never written (context_tracking_active = current_has_mm = true,
 *   current_is_idle = false) are #defines; the steps that test them remain
 *   steps (same interleaving points).
 * * Locals: as in ctcheck's lowering, each context has one copy of each local
 *   of each procedure it can run (ie_oldval = rcu_irq_enter's oldval, ...),
 *   the hidden result of context_tracking_recursion_enter() (ret_rec) and the
 *   loop counter of prepare_exit_to_usermode (pe_n, reset on break); a dead
 *   local keeps its value until the iret clears the level; enum values start
 *   at 1 so that a cleared local (0) differs from every written value. With
 *   Spin's dead-variable elimination off (spin -o2 -a) the stored states are
 *   then exactly ctcheck's explicit-engine states (59067 here, 70243 for the
 *   4.3 variant with pan -c0; DFS depth 148 / 158 = ctcheck's diameters).
 *   Spin's default (dead-variable elimination on) merges states that differ
 *   only in dead locals: about half as many. No verdict depends on dead values.
 *
 * ---------------------------------------------------------------------------
 * PROPERTIES
 * ---------------------------------------------------------------------------
 * Each named ctcheck assertion is an `assert` in the step where ctcheck has it
 * (CHECK(prop, cond)); the property name appears in Spin's "assertion violated"
 * message as a hidden constant-1 conjunct. The invariant ct_kernel_when_irqs_on
 * (in_user_mode() || irqs_disabled() || state == CONTEXT_KERNEL) is asserted at
 * the end of every step that can change IF, user or the context-tracking state
 * (all STEPs, deliveries and irets): every reachable state is the initial one
 * (where it holds: user mode) or the result of such a step, so it is checked in
 * every reachable state, as ctcheck's invariant is.
 */

/* ---- property names (hidden: not part of the state vector) ---- */
hidden byte irq_not_in_user = 1;
hidden byte rcu_watching_in_handlers = 1;
hidden byte dynticks_balanced = 1;
hidden byte ct_kernel_when_irqs_on = 1;
hidden byte ct_warn_enter_from_user_mode = 1;
hidden byte ct_warn_syscall_return_slowpath = 1;
hidden byte warn_syscall_left_irqs_disabled = 1;
hidden byte warn_prepare_exit_irqs_enabled = 1;
hidden byte warn_do_irq_rcu = 1;
hidden byte warn_ct_recursion = 1;
hidden byte warn_ct_enter_kthread = 1;
hidden byte warn_rcu_eqs_enter_nesting = 1;
hidden byte warn_rcu_eqs_enter_common_not_idle = 1;
hidden byte warn_rcu_eqs_enter_common_odd = 1;
hidden byte warn_rcu_eqs_exit_nesting = 1;
hidden byte warn_rcu_eqs_exit_common_even = 1;
hidden byte warn_rcu_eqs_exit_common_not_idle = 1;
hidden byte warn_rcu_irq_enter_nesting = 1;
hidden byte warn_rcu_irq_exit_nesting = 1;
hidden byte warn_rcu_nmi_enter_underflow = 1;
hidden byte warn_rcu_nmi_enter_even = 1;
hidden byte warn_rcu_nmi_exit_underflow = 1;
hidden byte warn_rcu_nmi_exit_eqs = 1;
hidden byte warn_rcu_nmi_exit_odd = 1;
hidden byte warn_irq_exit_irqs_enabled = 1;
hidden byte bug_nmi_enter_in_nmi = 1;
hidden byte bug_nmi_exit_not_in_nmi = 1;
hidden byte bug_preempt_schedule_irq = 1;

/* ---- contexts ---- */
#define T 0     /* the task (syscall_task) */
#define I 1     /* irq common_interrupt */
#define E 2     /* exception page_fault */
#define N 3     /* nmi nmi */

/* ---- enum ctx_state: shifted by one so that 0 (the value of a cleared local
 * or ghost, shown as CONTEXT_DISABLED in ctcheck traces) differs from every
 * value the model writes, as in ctcheck's lowering ---- */
#define CONTEXT_DISABLED 0
#define CONTEXT_KERNEL   1
#define CONTEXT_USER     2

/* ---- include/linux/preempt.h (4.2) ---- */
#define HARDIRQ_OFFSET 65536        /* 1 << 16 */
#define NMI_OFFSET     1048576      /* 1 << 20 */
#define SOFTIRQ_MASK   65280        /* 0x0000ff00 */
#define HARDIRQ_MASK   983040       /* 0x000f0000 */
#define NMI_MASK       1048576      /* 0x00100000 */

/* ---- kernel/rcu/rcu.h (4.2), scaled by 2^-44 (see DATA ABSTRACTIONS) ---- */
#define DYNTICK_TASK_NEST_VALUE 4096    /* 2^56 -> 2^12 */
#define DYNTICK_TASK_FLAG       1024    /* 2^54 -> 2^10 */
#define DYNTICK_TASK_NEST_MASK  520192  /* 0x7f << 56 -> 0x7f << 12 */
#define DYNTICK_TASK_EXIT_IDLE  5120    /* NEST_VALUE + FLAG */

/* ---- never-written model booleans ---- */
#define context_tracking_active true
#define current_has_mm          true
#define current_is_idle         false

/* ---- machine state ---- */
bit  IF = 1;                 /* interrupt flag; the user task starts with IF = 1 */
bit  user = 1;               /* 1 = user mode (task syscall_task user) */
byte top = T;                /* innermost running context */

/* ---- model state (encodings/x86_64/user_start.ct initial values) ---- */
byte context_tracking_state = CONTEXT_USER;
int  context_tracking_recursion = 0;
int  preempt_count = 0;                  /* __preempt_count */
int  dynticks_nesting = 0;               /* scaled, see top */
int  dynticks_nmi_nesting = 0;
bit  dynticks = 0;                       /* parity: 2 in the kernel = 0 here */

#define RUN(me) (top == me)

#ifdef NO_INV
#define INV skip
#else
#define INV assert(ct_kernel_when_irqs_on && (user || !IF || context_tracking_state == CONTEXT_KERNEL))
#endif

/* one ctcheck step of context me: a statement (with the invariant after it) */
#define STEP(me, body)        d_step { RUN(me); body; INV }
/* one ctcheck assert step */
#define CHECK(me, prop, cond) d_step { RUN(me); assert(prop && (cond)) }

#define rcu_is_watching (dynticks == 1)
#define in_interrupt    ((preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK)) != 0)
#define in_nmi          ((preempt_count & NMI_MASK) != 0)

/* ========================= spec/properties.ct ========================= */

/* rcu_read_side_use() */
inline rcu_read_side_use(me) {
    CHECK(me, rcu_watching_in_handlers, rcu_is_watching)
}

/* check_dynticks_parity() */
inline check_dynticks_parity(me) {
    CHECK(me, dynticks_balanced,
          dynticks_nesting >= 0 && dynticks_nmi_nesting >= 0 &&
          ((dynticks == 1) == (dynticks_nesting != 0 || (dynticks_nmi_nesting & 1) != 0)))
}

/* check_return_to_user() */
inline check_return_to_user(me) {
    CHECK(me, dynticks_balanced,
          dynticks_nesting == 0 && dynticks_nmi_nesting == 0 && dynticks == 0 &&
          context_tracking_state == CONTEXT_USER)
}

/* check_handler_balanced(): old() ghosts are o_dn, o_nmi, o_dt, o_cts */
inline check_handler_balanced(me) {
    CHECK(me, dynticks_balanced,
          dynticks_nesting == o_dn && dynticks_nmi_nesting == o_nmi &&
          dynticks == o_dt && context_tracking_state == o_cts);
    if
    :: RUN(me) && suser -> check_return_to_user(me)
    :: RUN(me) && !suser
    fi
}

/* check_irq_not_in_user() */
inline check_irq_not_in_user(me) {
    CHECK(me, irq_not_in_user, context_tracking_state != CONTEXT_USER)
}

/* ========================= spec/rcu_dynticks.ct ========================= */

/* rcu_eqs_enter_common(oldval, user = true) */
inline rcu_eqs_enter_common(me) {
    CHECK(me, warn_rcu_eqs_enter_common_not_idle, true || current_is_idle);
    STEP(me, dynticks = 1 - dynticks);
    CHECK(me, warn_rcu_eqs_enter_common_odd, dynticks == 0)
}

/* rcu_eqs_enter(user = true) */
inline rcu_eqs_enter(me) {
    STEP(me, eqe_oldval = dynticks_nesting);
    CHECK(me, warn_rcu_eqs_enter_nesting, (eqe_oldval & DYNTICK_TASK_NEST_MASK) != 0);
    if
    :: RUN(me) && (eqe_oldval & DYNTICK_TASK_NEST_MASK) == DYNTICK_TASK_NEST_VALUE ->
        STEP(me, dynticks_nesting = 0);
        rcu_eqs_enter_common(me)
    :: RUN(me) && (eqe_oldval & DYNTICK_TASK_NEST_MASK) != DYNTICK_TASK_NEST_VALUE ->
        STEP(me, dynticks_nesting = dynticks_nesting - DYNTICK_TASK_NEST_VALUE)
    fi
}

/* rcu_eqs_exit_common(oldval, user = true) */
inline rcu_eqs_exit_common(me) {
    STEP(me, dynticks = 1 - dynticks);
    CHECK(me, warn_rcu_eqs_exit_common_even, dynticks == 1);
    CHECK(me, warn_rcu_eqs_exit_common_not_idle, true || current_is_idle)
}

/* rcu_eqs_exit(user = true) */
inline rcu_eqs_exit(me) {
    STEP(me, eqx_oldval = dynticks_nesting);
    CHECK(me, warn_rcu_eqs_exit_nesting, eqx_oldval >= 0);
    if
    :: RUN(me) && (eqx_oldval & DYNTICK_TASK_NEST_MASK) != 0 ->
        STEP(me, dynticks_nesting = dynticks_nesting + DYNTICK_TASK_NEST_VALUE)
    :: RUN(me) && (eqx_oldval & DYNTICK_TASK_NEST_MASK) == 0 ->
        STEP(me, dynticks_nesting = DYNTICK_TASK_EXIT_IDLE);
        rcu_eqs_exit_common(me)
    fi
}

/* rcu_irq_enter() */
inline rcu_irq_enter(me) {
    STEP(me, ie_flags = IF; IF = 0);
    STEP(me, ie_oldval = dynticks_nesting);
    STEP(me, dynticks_nesting++);
    CHECK(me, warn_rcu_irq_enter_nesting, dynticks_nesting != 0);
    if
    :: RUN(me) && ie_oldval == 0 -> rcu_eqs_exit_common(me)
    :: RUN(me) && ie_oldval != 0
    fi;
    STEP(me, IF = ie_flags)
}

/* rcu_irq_exit() */
inline rcu_irq_exit(me) {
    STEP(me, ix_flags = IF; IF = 0);
    STEP(me, ix_oldval = dynticks_nesting);
    STEP(me, dynticks_nesting--);
    CHECK(me, warn_rcu_irq_exit_nesting, dynticks_nesting >= 0);
    if
    :: RUN(me) && dynticks_nesting == 0 -> rcu_eqs_enter_common(me)
    :: RUN(me) && dynticks_nesting != 0
    fi;
    STEP(me, IF = ix_flags)
}

/* rcu_nmi_enter() */
inline rcu_nmi_enter(me) {
    STEP(me, incby = 2);
    CHECK(me, warn_rcu_nmi_enter_underflow, dynticks_nmi_nesting >= 0);
    if
    :: RUN(me) && dynticks == 0 ->
        STEP(me, dynticks = 1 - dynticks);
        CHECK(me, warn_rcu_nmi_enter_even, dynticks == 1);
        STEP(me, incby = 1)
    :: RUN(me) && dynticks != 0
    fi;
    STEP(me, dynticks_nmi_nesting = dynticks_nmi_nesting + incby)
}

/* rcu_nmi_exit() */
inline rcu_nmi_exit(me) {
    CHECK(me, warn_rcu_nmi_exit_underflow, dynticks_nmi_nesting > 0);
    CHECK(me, warn_rcu_nmi_exit_eqs, dynticks == 1);
    if
    :: RUN(me) && dynticks_nmi_nesting != 1 ->
        STEP(me, dynticks_nmi_nesting = dynticks_nmi_nesting - 2)
    :: RUN(me) && dynticks_nmi_nesting == 1 ->
        STEP(me, dynticks_nmi_nesting = 0);
        STEP(me, dynticks = 1 - dynticks);
        CHECK(me, warn_rcu_nmi_exit_odd, dynticks == 0)
    fi
}

/* ========================= spec/hardirq.ct ========================= */

inline irq_enter(me) {
    rcu_irq_enter(me);
    STEP(me, preempt_count = preempt_count + HARDIRQ_OFFSET)
}

inline irq_exit(me) {
    CHECK(me, warn_irq_exit_irqs_enabled, IF == 0);
    STEP(me, preempt_count = preempt_count - HARDIRQ_OFFSET);
    rcu_irq_exit(me)
}

/* ========================= spec/context_tracking.ct ========================= */

/* context_tracking_recursion_enter(): the result goes to ret_rec */
inline context_tracking_recursion_enter(me) {
    STEP(me, context_tracking_recursion++; recursion = context_tracking_recursion);
    if
    :: RUN(me) && recursion == 1 -> STEP(me, ret_rec = 1)        /* return true */
    :: RUN(me) && recursion != 1 ->
        CHECK(me, warn_ct_recursion, recursion >= 1);
        STEP(me, context_tracking_recursion--);
        STEP(me, ret_rec = 0)                                   /* return false */
    fi
}

/* context_tracking_enter(state) */
inline context_tracking_enter(me, state) {
    if
    :: RUN(me) && in_interrupt                             /* return */
    :: RUN(me) && !in_interrupt ->
        CHECK(me, warn_ct_enter_kthread, current_has_mm);
        STEP(me, cte_flags = IF; IF = 0);                      /* local_irq_save */
        context_tracking_recursion_enter(me);
        if
        :: RUN(me) && !ret_rec                                  /* goto out */
        :: RUN(me) && ret_rec ->
            if
            :: RUN(me) && context_tracking_state != state ->
                if
                :: RUN(me) && context_tracking_active -> rcu_eqs_enter(me)   /* rcu_user_enter */
                :: RUN(me) && !context_tracking_active
                fi;
                STEP(me, context_tracking_state = state)
            :: RUN(me) && context_tracking_state == state
            fi;
            STEP(me, context_tracking_recursion--)           /* recursion_exit */
        fi;
        STEP(me, IF = cte_flags)                                /* out: local_irq_restore */
    fi
}

/* context_tracking_exit(state) */
inline context_tracking_exit(me, state) {
    if
    :: RUN(me) && in_interrupt
    :: RUN(me) && !in_interrupt ->
        STEP(me, ctx_flags = IF; IF = 0);
        context_tracking_recursion_enter(me);
        if
        :: RUN(me) && !ret_rec
        :: RUN(me) && ret_rec ->
            if
            :: RUN(me) && context_tracking_state == state ->
                if
                :: RUN(me) && context_tracking_active -> rcu_eqs_exit(me)    /* rcu_user_exit */
                :: RUN(me) && !context_tracking_active
                fi;
                STEP(me, context_tracking_state = CONTEXT_KERNEL)
            :: RUN(me) && context_tracking_state != state
            fi;
            STEP(me, context_tracking_recursion--)
        fi;
        STEP(me, IF = ctx_flags)
    fi
}

/* target = exception_enter() */
inline exception_enter(me, target) {
    STEP(me, prev_ctx = context_tracking_state);
    if
    :: RUN(me) && prev_ctx != CONTEXT_KERNEL -> context_tracking_exit(me, prev_ctx)
    :: RUN(me) && prev_ctx == CONTEXT_KERNEL
    fi;
    STEP(me, target = prev_ctx)                             /* return prev_ctx */
}

/* exception_exit(prev) */
inline exception_exit(me, prev) {
    if
    :: RUN(me) && prev != CONTEXT_KERNEL -> context_tracking_enter(me, prev)
    :: RUN(me) && prev == CONTEXT_KERNEL
    fi
}

/* ========================= encodings/x86_64/common.ct ========================= */

inline schedule(me) { rcu_read_side_use(me) }

/* preempt_schedule_irq() */
inline preempt_schedule_irq(me) {
    CHECK(me, bug_preempt_schedule_irq, preempt_count == 0 && IF == 0);
    exception_enter(me, psi_prev_state);
    STEP(me, IF = 1);
    schedule(me);
    STEP(me, IF = 0);
    exception_exit(me, psi_prev_state)
}

/* retint_kernel (CONFIG_PREEMPT) */
inline retint_kernel(me) {
    if
    :: RUN(me) && sIF && preempt_count == 0 ->
        if
        :: RUN(me) -> preempt_schedule_irq(me)              /* nondet_bool() */
        :: RUN(me)
        fi
    :: RUN(me) && !(sIF && preempt_count == 0)
    fi
}

/* ========================= encodings/x86_64/linux-4.3.ct ========================= */

/* enter_from_user_mode() */
inline enter_from_user_mode(me) {
    CHECK(me, ct_warn_enter_from_user_mode, context_tracking_state == CONTEXT_USER);
    context_tracking_exit(me, CONTEXT_USER)                 /* user_exit() */
}

/* exit_to_usermode_work(): one RCU use */
inline exit_to_usermode_work(me) { schedule(me) }

/* prepare_exit_to_usermode(): the loop is `while (true) bound 2` */
inline prepare_exit_to_usermode(me) {
    CHECK(me, warn_prepare_exit_irqs_enabled, IF == 0);
    do
    :: d_step { RUN(me) && pe_n < 2; pe_n++ } ->            /* loop head (bounded) */
        if
        :: d_step { RUN(me); pe_n = 0 } -> break            /* !nondet_bool(): no work */
        :: RUN(me) ->                                       /* work pending */
            STEP(me, IF = 1);
            exit_to_usermode_work(me);
            STEP(me, IF = 0)
        fi
    od;
    context_tracking_enter(me, CONTEXT_USER)                /* user_enter() */
}

/* syscall_return_slowpath() */
inline syscall_return_slowpath(me) {
    CHECK(me, ct_warn_syscall_return_slowpath, context_tracking_state == CONTEXT_KERNEL);
    CHECK(me, warn_syscall_left_irqs_disabled, IF == 1);
    rcu_read_side_use(me);
    STEP(me, IF = 0);
    prepare_exit_to_usermode(me)
}

/* syscall_exit_64 */
inline syscall_exit_64(me) {
    STEP(me, IF = 0);
    STEP(me, IF = 1);
    syscall_return_slowpath(me);
    check_return_to_user(me);
    STEP(me, user = 1; IF = 1)                              /* sysret_to_user() */
}

/* do_IRQ() */
inline do_IRQ(me) {
    check_irq_not_in_user(me);
    irq_enter(me);                                          /* entering_irq() */
    CHECK(me, warn_do_irq_rcu, rcu_is_watching);
    check_dynticks_parity(me);
    rcu_read_side_use(me);                                  /* generic_handle_irq(): */
mf_irq: d_step { RUN(me); skip };                           /*   may_fault() */
    irq_exit(me)                                            /* exiting_irq() */
}

/* do_page_fault() with __do_page_fault() */
inline do_page_fault(me) {
    check_irq_not_in_user(me);
    exception_enter(me, dpf_prev_state);
    check_dynticks_parity(me);
    if
    :: RUN(me) && sIF -> STEP(me, IF = 1)
    :: RUN(me) && !sIF
    fi;
    rcu_read_side_use(me);
    exception_exit(me, dpf_prev_state)
}

/* delivery: save the frame and the old() ghosts, enter the handler */
#define DELIVER(me, cond) \
    d_step { (cond); sIF = IF; suser = user; prev = top; top = me; IF = 0; user = 0; \
             o_dn = dynticks_nesting; o_nmi = dynticks_nmi_nesting; o_dt = dynticks; \
             o_cts = context_tracking_state; INV }
/* the same as an atomic sequence: Spin forbids remote references (the
 * exception's may_fault() test) inside d_step; an atomic sequence whose first
 * statement is the guard is still one indivisible transition sequence */
#define DELIVER_ATOMIC(me, cond) \
    atomic { (cond) -> sIF = IF; suser = user; prev = top; top = me; IF = 0; user = 0; \
             o_dn = dynticks_nesting; o_nmi = dynticks_nmi_nesting; o_dt = dynticks; \
             o_cts = context_tracking_state; INV }
/* iret: restore the frame, clear the level (all locals of the handler to 0) */
#define IRET(me, reset) \
    d_step { RUN(me); IF = sIF; user = suser; top = prev; \
             sIF = 0; suser = 0; prev = 0; o_dn = 0; o_nmi = 0; o_dt = 0; o_cts = 0; \
             reset; INV }

/* Locals, one per procedure and context as in ctcheck's lowering (e.g. the
 * trace variable cpu0.l1.common_interrupt.rcu_irq_enter.oldval): ctcheck keeps a
 * dead local's last value until the level is cleared at iret, so mirroring
 * them makes the two state spaces the same (compare with spin -o2, which turns
 * off Spin's dead-variable elimination). */
#define FRAME    bit sIF; bit suser; byte prev; int o_dn; int o_nmi; bit o_dt; byte o_cts
#define CTLOCALS bit cte_flags; bit ctx_flags; int recursion; bit ret_rec; byte pe_n; \
                 int eqe_oldval; int eqx_oldval
#define CTRESET  cte_flags = 0; ctx_flags = 0; recursion = 0; ret_rec = 0; pe_n = 0; \
                 eqe_oldval = 0; eqx_oldval = 0

/* ---- the task: syscall_task() (pid 0) ---- */
active proctype task() {
    CTLOCALS;
    do
    :: STEP(T, skip);                                       /* user_code() */
       STEP(T, user = 0; IF = 0);                           /* syscall_insn() */
#ifdef LINUX_4_3_HOLE
       /* entry_SYSCALL_64, Linux 4.3: IRQs on before context tracking */
       STEP(T, IF = 1);                                     /* ENABLE_INTERRUPTS */
       enter_from_user_mode(T);                             /* syscall_trace_enter_phase1() */
#else
       /* entry_SYSCALL_64, Linux 4.3 + the Aug-2015 patch */
       enter_from_user_mode(T);                             /* IF = 0 */
       STEP(T, IF = 1);                                     /* local_irq_enable() */
#endif
       /* sys_call_body() */
mf_task: d_step { RUN(T); skip };                           /* may_fault() */
       rcu_read_side_use(T);
       syscall_exit_64(T)
    od
}

/* ---- irq common_interrupt (pid 1) ---- */
active proctype irq() {
    FRAME; CTLOCALS;
    bit ie_flags; int ie_oldval; bit ix_flags; int ix_oldval; byte prev_ctx; byte psi_prev_state;
    do
    :: DELIVER(I, IF == 1);
    if
    :: RUN(I) && suser -> enter_from_user_mode(I)
    :: RUN(I) && !suser
    fi;
    do_IRQ(I);
    if
    :: RUN(I) && suser -> prepare_exit_to_usermode(I)
    :: RUN(I) && !suser -> retint_kernel(I)
    fi;
    check_handler_balanced(I);
    IRET(I, CTRESET; ie_flags = 0; ie_oldval = 0; ix_flags = 0; ix_oldval = 0; prev_ctx = 0; psi_prev_state = 0)
    od
}

/* ---- exception page_fault (pid 2) ---- */
active proctype exc() {
    FRAME; CTLOCALS;
    byte prev_ctx; byte psi_prev_state; byte dpf_prev_state;
    do
    :: DELIVER_ATOMIC(E, user == 1 || (top == T && task[0]@mf_task) || (top == I && irq[1]@mf_irq));
    if
    :: RUN(E) && suser -> enter_from_user_mode(E)           /* error_entry */
    :: RUN(E) && !suser
    fi;
    do_page_fault(E);
    STEP(E, IF = 0);                                        /* error_exit */
    if
    :: RUN(E) && suser -> prepare_exit_to_usermode(E)
    :: RUN(E) && !suser -> retint_kernel(E)
    fi;
    check_handler_balanced(E);
    IRET(E, CTRESET; prev_ctx = 0; psi_prev_state = 0; dpf_prev_state = 0)
    od
}

/* ---- nmi (pid 3) ---- */
active proctype nmi() {
    FRAME; int incby;
    do
    :: DELIVER(N, true);
    /* nmi_enter() */
    CHECK(N, bug_nmi_enter_in_nmi, !in_nmi);
    STEP(N, preempt_count = preempt_count + NMI_OFFSET + HARDIRQ_OFFSET);
    rcu_nmi_enter(N);
    rcu_read_side_use(N);                                   /* default_do_nmi() */
    /* nmi_exit() */
    rcu_nmi_exit(N);
    CHECK(N, bug_nmi_exit_not_in_nmi, in_nmi);
    STEP(N, preempt_count = preempt_count - NMI_OFFSET - HARDIRQ_OFFSET);
    check_handler_balanced(N);
    IRET(N, incby = 0)
    od
}
