// Lowering: small models are lowered to a transition system and executed on
// the concrete simulator one chosen action at a time; the tests check the
// values after each step and which actions are possible.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

using fetest::Driver;
using fetest::load_files;
using fetest::load_text;

#define LOAD_OK(var, text)           \
  auto var = load_text(text);        \
  ASSERT_TRUE(var.ok) << var.errors; \
  Driver d(var.lm->ts)

// Steps the task of `cpu` until it has no enabled step; returns the number of steps.
int run_to_end(Driver &d, int cpu = 0, int limit = 200) {
  int n = 0;
  while (d.find(ir::ActionKind::Exec, cpu) >= 0 && n < limit) {
    d.step(cpu);
    ++n;
  }
  return n;
}

TEST(Lowering, WrapAroundArithmetic) {
  LOAD_OK(m, R"(
global u8 a = 255;
global s32 b = 2147483647;
global s8 c = -128;
global u32 u = 0;
global s64 e = 0x7FFFFFFFFFFFFFFF;
global u16 g = 0;
global s16 h = 0;
void t() {
  a = a + 1;
  b++;
  c--;
  u -= 1;
  e += 1;
  g = 65535 * 2;
  a += 300;
  h = (s16)40000;
  b <<= 1;
  u >>= 28;
  c = c * 2;
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("a"), 0u);
  d.step();
  EXPECT_EQ(d.sget("b"), INT32_MIN);
  d.step();
  EXPECT_EQ(d.sget("c"), 127);
  d.step();
  EXPECT_EQ(d.get("u"), 0xFFFFFFFFu);
  d.step();
  EXPECT_EQ(d.sget("e"), INT64_MIN);
  d.step();
  EXPECT_EQ(d.get("g"), 65534u);
  d.step();
  EXPECT_EQ(d.get("a"), 44u);
  d.step();
  EXPECT_EQ(d.sget("h"), 40000 - 65536);
  d.step();
  EXPECT_EQ(d.sget("b"), 0);  // INT_MIN << 1
  d.step();
  EXPECT_EQ(d.get("u"), 0xFu);  // logical shift of an unsigned value
  d.step();
  EXPECT_EQ(d.sget("c"), -2);                      // 127 * 2 = 254 -> s8 -2
  EXPECT_EQ(d.find(ir::ActionKind::Exec, 0), -1);  // the task has finished
}

TEST(Lowering, SignedUnsignedComparisonAtRuntime) {
  LOAD_OK(m, R"(
global s32 neg = -1;
global u32 zero = 0;
global bool lt = true;
global bool lt64 = false;
global s64 wide = -1;
void t() {
  lt = neg < zero;          // C: -1 converted to unsigned: false
  lt64 = wide < zero;       // s64 holds every u32: true
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("lt"), 0u);
  d.step();
  EXPECT_EQ(d.get("lt64"), 1u);
}

TEST(Lowering, IfElseTakesOneStepForTheCondition) {
  const char *src = R"(
global s32 x = 0;
global s32 y = 0;
const bool CONFIG_FOO = false;
void t() {
  if (x == 0) y = 1; else y = 2;
  if (x != 0) { y = 3; } else { y = y + 10; }
  if (CONFIG_FOO) y = 1000;   // a constant condition takes no step
  y = y * 2;
}
task t;
)";
  {
    LOAD_OK(m, src);
    d.step();  // condition
    EXPECT_EQ(d.get("y"), 0u);
    d.step();
    EXPECT_EQ(d.get("y"), 1u);
    d.step();  // condition
    d.step();
    EXPECT_EQ(d.get("y"), 11u);
    d.step();
    EXPECT_EQ(d.get("y"), 22u);
    EXPECT_EQ(run_to_end(d), 0);
  }
  {
    LOAD_OK(m2, src);
    d.set("x", 1);
    EXPECT_EQ(run_to_end(d), 5);
    EXPECT_EQ(d.get("y"), 6u);
  }
}

TEST(Lowering, BoundedWhileIsCutAfterNIterations) {
  const char *src = R"(
global s32 n = 0;
void t() {
  while (n < 100) bound 3 {
    n++;
  }
  n = -1;
}
task t;
)";
  {
    LOAD_OK(m, src);
    for (int i = 1; i <= 3; ++i) {
      d.step();  // condition: true, counted
      d.step();
      EXPECT_EQ(d.get("n"), static_cast<std::uint64_t>(i));
    }
    // The fourth evaluation would be true again: the run is cut.
    ASSERT_GE(d.find(ir::ActionKind::Exec, 0), 0);
    EXPECT_FALSE(d.can_step(0));
  }
  {
    // Starting at 97 the loop exits by its condition on the fourth evaluation.
    LOAD_OK(m2, src);
    d.set("n", 97);
    EXPECT_EQ(run_to_end(d), 8);
    EXPECT_EQ(d.sget("n"), -1);
  }
}

TEST(Lowering, LoopCounterIsResetWhenTheLoopIsLeft) {
  LOAD_OK(m, R"(
global s32 i = 0;
global s32 j = 0;
global s32 total = 0;
void t() {
  while (i < 3) {
    i++;
    j = 0;
    while (j < 10) bound 2 {   // at most 2 iterations per entry into the loop
      j++;
      total++;
      if (j == 2) break;
    }
  }
}
task t;
)");
  EXPECT_EQ(run_to_end(d), 3 * (1 + 1 + 1 + 2 * 4) + 1);
  EXPECT_EQ(d.get("i"), 3u);
  EXPECT_EQ(d.get("total"), 6u);  // the inner bound applies afresh on every outer iteration
}

TEST(Lowering, DoWhile) {
  LOAD_OK(m, R"(
global s32 n = 0;
global s32 m = 0;
void t() {
  do { n++; } while (n < 3);
  n = 50;
  do { m++; } while (true) bound 1;
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("n"), 1u);  // the body runs before the first evaluation
  d.steps(5);                 // cond, n++, cond, n++, cond (false)
  EXPECT_EQ(d.get("n"), 3u);
  d.step();
  EXPECT_EQ(d.get("n"), 50u);
  d.step();  // m++
  d.step();  // condition: counted (1 of 1)
  d.step();  // m++
  EXPECT_EQ(d.get("m"), 2u);
  EXPECT_FALSE(d.can_step(0));  // the second repetition is beyond the bound
}

TEST(Lowering, BreakAndContinue) {
  LOAD_OK(m, R"(
global s32 i = 0;
global s32 s = 0;
void t() {
  while (true) {
    i++;
    if (i == 2) continue;
    if (i == 4) break;
    s += i;
  }
  s = s * 10;
}
task t;
)");
  // i=1: 4 steps; i=2: 2; i=3: 4; i=4: 3; then s*10.
  EXPECT_EQ(run_to_end(d), 4 + 2 + 4 + 3 + 1);
  EXPECT_EQ(d.get("i"), 4u);
  EXPECT_EQ(d.get("s"), 40u);
}

TEST(Lowering, Goto) {
  LOAD_OK(m, R"(
global s32 x = 0;
global s32 y = 0;
void t() {
  x = 1;
  goto skip;
  x = 2;
skip:
  x = x + 10;
again:
  y++;
  if (y < 3) goto again;
}
task t;
)");
  d.step();
  d.step();
  EXPECT_EQ(d.get("x"), 11u);
  EXPECT_EQ(run_to_end(d), 6);
  EXPECT_EQ(d.get("y"), 3u);
}

TEST(Lowering, InlinedCallsSubstituteOrBindParameters) {
  LOAD_OK(m, R"(
global s32 g = 5;
global s32 out = 0;
void add(s32 a, s32 b) { out = a + b; }
void bump(s32 k) { k = k + 1; out = k; }
void t() {
  add(1, 2);      // constants: substituted, no binding step
  add(g, 3);      // a global: bound into a slot in one step
  bump(7);        // the callee assigns its parameter: bound
  s32 loc = 4;
  add(loc, loc);  // the caller's locals: substituted
}
void irq_h() { g = 100; }
irq irq_h;
task t;
)");
  d.step();
  EXPECT_EQ(d.get("out"), 3u);
  d.step();  // binds a = g (5)
  EXPECT_EQ(d.get("out"), 3u);
  // An IRQ changes g between the binding and the body: the parameter keeps 5.
  d.deliver("irq_h");
  d.step(0);
  EXPECT_EQ(d.get("g"), 100u);
  d.iret();
  d.step();
  EXPECT_EQ(d.get("out"), 8u);
  d.step();  // binds k = 7
  d.step();  // k = k + 1
  d.step();  // out = k
  EXPECT_EQ(d.get("out"), 8u);
  d.step();  // loc = 4
  d.step();
  EXPECT_EQ(d.get("out"), 8u);
  EXPECT_EQ(run_to_end(d), 0);
}

TEST(Lowering, ReturnValueIsStoredInTheTargetInTheReturnStep) {
  LOAD_OK(m, R"(
global s32 x = 0;
global s32 y = 0;
s32 f(s32 v) {
  if (v > 0)
    return v * 2;
  return -1;
}
void t() {
  x = f(3);
  y = f(-3);
}
task t;
)");
  d.step();  // condition
  EXPECT_EQ(d.get("x"), 0u);
  d.step();  // return v * 2: writes x
  EXPECT_EQ(d.get("x"), 6u);
  d.step();
  d.step();
  EXPECT_EQ(d.sget("y"), -1);
  EXPECT_EQ(run_to_end(d), 0);
}

TEST(Lowering, ReturnIntoPerCpuTargetUsesTheCallersLocals) {
  // The target's CPU expression belongs to the caller, not to the callee
  // whose `return` writes it.
  LOAD_OK(m, R"(
cpus 2;
percpu s32 v = 0;
s32 f(s32 a, s32 b) { a = a + 1; return a + b; }
void t() {
  s32 other = 1 - smp_processor_id();
  per_cpu(v, other) = f(10, 20);
}
task t;
)");
  EXPECT_EQ(run_to_end(d, 0), 4);  // other = ..., bind a, a = a + 1, return
  EXPECT_EQ(d.get("cpu1.v"), 31u);
  EXPECT_EQ(d.get("cpu0.v"), 0u);
}

TEST(Lowering, PerCpuInsideExpressionProceduresAndInvariants) {
  LOAD_OK(m, R"(
cpus 2;
percpu s32 v = 0;
percpu s32 seen = 0;
s32 v_of(s32 c) { return per_cpu(v, c); }
invariant cpu1_small(per_cpu(v, 1) < 5, "cpu1's v stays below 5");
void t() {
  v = 3 + 4 * smp_processor_id();
  seen = v_of(1 - smp_processor_id());
}
task t;
)");
  d.step(0);
  d.step(1);
  EXPECT_EQ(d.get("cpu1.v"), 7u);
  EXPECT_EQ(d.violated_now(), (std::vector<std::string>{"cpu1_small"}));
  d.step(0);
  d.step(1);
  EXPECT_EQ(d.get("cpu0.seen"), 7u);
  EXPECT_EQ(d.get("cpu1.seen"), 3u);
}

TEST(Lowering, CallsInsideExpressionsAreHoistedLeftToRight) {
  LOAD_OK(m, R"(
global s32 counter = 0;
global s32 x = 0;
global s32 first = 0;
s32 one() { counter++; return 1; }
s32 two() { counter = counter * 10; return 2; }
void t() {
  x = one() + two() * 10;
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("counter"), 1u);  // one() runs first
  d.step();                         // its return, into a hidden local
  d.step();
  EXPECT_EQ(d.get("counter"), 10u);
  d.step();
  EXPECT_EQ(d.get("x"), 0u);
  d.step();
  EXPECT_EQ(d.get("x"), 21u);
  EXPECT_EQ(run_to_end(d), 0);
}

TEST(Lowering, ExpressionProceduresTakeNoStep) {
  LOAD_OK(m, R"(
global s32 x = 0;
global s32 y = 0;
bool is_pos(s32 v) { return v > 0; }
s32 twice(s32 v) { return v + v; }
void t() {
  x = twice(5) + (is_pos(x) ? 1 : 0);
  y = twice(twice(x)) + (is_pos(x) ? 1 : 0);
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("x"), 10u);
  d.step();
  EXPECT_EQ(d.get("y"), 41u);
  EXPECT_EQ(run_to_end(d), 0);
}

TEST(Lowering, ExpressionProcedureChainsDeclaredAfterUse) {
  LOAD_OK(m, R"(
global s32 x = 0;
global bool r = false;
void t() {
  r = (x == 0) && outer(x);   // allowed on the right of &&: no step of its own
  x = count();                // not an expression procedure: its step, then the return
}
bool outer(s32 v) { return inner(v) && true; }
bool inner(s32 v) { return v == 0; }
s32 count() { return nondet_int(7, 7); }   // nondet: not an expression procedure
task t;
)");
  d.step();
  EXPECT_EQ(d.get("r"), 1u);
  EXPECT_EQ(run_to_end(d), 1);
  EXPECT_EQ(d.get("x"), 7u);
}

TEST(Lowering, AtomicBlockIsOneStep) {
  LOAD_OK(m, R"(
global s32 x = 0;
global s32 y = 0;
global s32 z = 0;
global s32 w = 0;
void helper(s32 base) { w = base; w = w + 1; }
void t() {
  atomic {
    x = 1;
    y = x + 1;
    if (y == 2) z = 3; else z = 4;
    helper(9);
    local_irq_disable();
  }
  x = 0;
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("x"), 1u);
  EXPECT_EQ(d.get("y"), 2u);
  EXPECT_EQ(d.get("z"), 3u);
  EXPECT_EQ(d.get("w"), 10u);
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  EXPECT_EQ(run_to_end(d), 1);
}

// A `return` inside atomic ends its procedure on that path: the rest of the
// caller runs, the statements after the return do not -- at any depth of
// calls (it used to fall through two calls down: docs/models.md, checker issues).
TEST(Lowering, ReturnInsideAtomicEndsItsProcedureAtAnyDepth) {
  LOAD_OK(m, R"(
global s32 x = 0;
global s32 y = 0;
global s32 z = 0;
void f() { if (x == 0) { x = 5; return; } x = 7; }
void g() { f(); y = y + 1; }
void k() { x = 1; return; x = 2; }
void t() {
  atomic { x = 0; g(); }
  atomic { g(); }
  atomic { k(); z = 3; }
}
task t;
)");
  d.step();
  EXPECT_EQ(d.get("x"), 5u);  // not 7: the return two calls down is taken
  EXPECT_EQ(d.get("y"), 1u);  // the rest of g still runs
  d.step();
  EXPECT_EQ(d.get("x"), 7u);
  EXPECT_EQ(d.get("y"), 2u);
  d.step();
  EXPECT_EQ(d.get("x"), 1u);
  EXPECT_EQ(d.get("z"), 3u);
  EXPECT_EQ(run_to_end(d), 0);
}

// A `return` directly inside an atomic block leaves the procedure holding it
// (with its value), in the same step.
TEST(Lowering, ReturnInsideAtomicLeavesTheProcedure) {
  LOAD_OK(m, R"(
global s32 y = 0;
global s32 r = 0;
s32 h() {
  atomic { if (y > 0) return 3; y = 9; }
  return 4;
}
void t() {
  r = h();
  y = 1;
  r = h();
  atomic { y = 2; return; }
  y = 5;
}
task t;
)");
  d.steps(2);
  EXPECT_EQ(d.get("r"), 4u);
  EXPECT_EQ(d.get("y"), 9u);
  d.steps(2);
  EXPECT_EQ(d.get("r"), 3u);
  EXPECT_EQ(d.get("y"), 1u);
  d.step();
  EXPECT_EQ(d.get("y"), 2u);
  EXPECT_EQ(run_to_end(d), 0);  // the task has ended: y = 5 never runs
  EXPECT_EQ(d.get("y"), 2u);
}

// Loops and gotos stay out of atomic blocks, however deep the call.
TEST(Lowering, LoopsInsideAtomicAreErrorsAtAnyDepth) {
  auto l = load_text(R"(
global s32 x = 0;
void f() { while (x < 3) x++; }
void g() { f(); }
void t() { atomic { g(); } }
task t;
)");
  EXPECT_FALSE(l.ok);
  EXPECT_NE(l.errors.find("m.ct:3:12: error: this statement is not allowed inside atomic"), std::string::npos)
      << l.errors;
}

// Each `if` with a return copies the rest of the block into its branches:
// the copies count towards the inline-size limit, so no input blows up.
TEST(Lowering, CopiesOfTheRestOfAnAtomicBlockAreBounded) {
  std::string procs = "global s32 x = 0;\n";
  for (int i = 0; i < 40; ++i)
    procs += "void p" + std::to_string(i) + "() { if (x == " + std::to_string(i) +
             ") { if (x > 100) return; } x++; }\n";
  std::string calls;
  for (int i = 0; i < 40; ++i) calls += "p" + std::to_string(i) + "(); ";
  auto l = load_text(procs + "void t() { atomic { " + calls + "} }\ntask t;\n");
  EXPECT_FALSE(l.ok);
  EXPECT_NE(l.errors.find("--max-inline-nodes"), std::string::npos) << l.errors;
}

TEST(Lowering, LocalIrqSaveRestore) {
  LOAD_OK(m, R"(
global s32 hits = 0;
void t() {
  unsigned long flags;
  bool b;
  local_irq_save(flags);
  local_irq_restore(flags);
  local_irq_disable();
  local_irq_save(b);
  local_irq_restore(b);
  local_irq_enable();
}
void h() { hits++; }
irq h;
task t;
)");
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  EXPECT_TRUE(d.can_deliver(0, "h"));
  d.step();
  EXPECT_EQ(d.get("cpu0.l0.t.t.flags"), 1u);
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  EXPECT_FALSE(d.can_deliver(0, "h"));
  d.step();
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  d.step();
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  d.step();
  EXPECT_EQ(d.get("cpu0.l0.t.t.b"), 0u);
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  d.step();
  EXPECT_EQ(d.get("cpu0.IF"), 0u);  // restored to "off"
  d.step();
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
}

TEST(Lowering, SyscallAndSysret) {
  LOAD_OK(m, R"(
global s32 x = 0;
global bool was_user = false;
void t() {
  user_code();
  syscall_insn();
  was_user = in_user_mode();
  sysret_to_user();
}
task t user;
)");
  EXPECT_EQ(d.get("cpu0.user"), 1u);
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  d.step();
  EXPECT_EQ(d.get("cpu0.user"), 1u);
  d.step();
  EXPECT_EQ(d.get("cpu0.user"), 0u);
  EXPECT_EQ(d.get("cpu0.IF"), 0u);  // FMASK clears IF
  d.step();
  EXPECT_EQ(d.get("was_user"), 0u);
  d.step();
  EXPECT_EQ(d.get("cpu0.user"), 1u);
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
}

TEST(Lowering, PerCpuAcrossTwoCpus) {
  LOAD_OK(m, R"(
cpus 2;
percpu s32 v = 0;
percpu s32 seen = 0;
void t() {
  v = smp_processor_id() + 10;
  per_cpu(v, 1 - smp_processor_id()) += 100;
  seen = per_cpu(v, 1 - smp_processor_id());
}
task t;
)");
  d.step(0);
  EXPECT_EQ(d.get("cpu0.v"), 10u);
  EXPECT_EQ(d.get("cpu1.v"), 0u);
  d.step(1);
  EXPECT_EQ(d.get("cpu1.v"), 11u);
  d.step(0);
  EXPECT_EQ(d.get("cpu1.v"), 111u);
  EXPECT_EQ(d.get("cpu0.v"), 10u);
  d.step(1);
  EXPECT_EQ(d.get("cpu0.v"), 110u);
  d.step(0);
  EXPECT_EQ(d.get("cpu0.seen"), 111u);
  EXPECT_EQ(d.get("cpu1.seen"), 0u);
  d.step(1);
  EXPECT_EQ(d.get("cpu1.seen"), 110u);
}

TEST(Lowering, OldIsTheValueAtHandlerEntry) {
  LOAD_OK(m, R"(
global s64 nesting = 5;
void t() { while (true) { nesting++; } }
void h() {
  nesting = nesting + 100;
  assert balanced(nesting == old(nesting), "handler changed nesting");
  nesting = old(nesting);
}
irq h;
task t;
)");
  d.step();
  EXPECT_EQ(d.get("nesting"), 6u);
  d.deliver("h");
  d.step();
  EXPECT_EQ(d.get("nesting"), 106u);
  EXPECT_EQ(d.violated_now(), (std::vector<std::string>{"balanced"}));
  d.step();
  EXPECT_EQ(d.last_failed(), (std::vector<std::string>{"balanced"}));
  d.step();
  EXPECT_EQ(d.get("nesting"), 6u);
  d.iret();
  d.step();
  EXPECT_EQ(d.get("nesting"), 7u);
  // A second activation snapshots anew.
  d.deliver("h");
  d.steps(3);
  EXPECT_EQ(d.get("nesting"), 7u);
}

TEST(Lowering, WhenInterruptsCanBeDelivered) {
  const char *src = R"(
global s32 a = 0;
void t() {
  local_irq_disable();
  may_fault();
  a = 1;
  local_irq_enable();
  user_code();
}
void i_h() { a++; }
void n_h() { a++; }
void e_h() { a++; }
irq i_h;
nmi n_h;
exception e_h;
task t;
)";
  LOAD_OK(m, src);
  // Kernel mode, IF = 1, not at a may_fault(): IRQ and NMI only.
  EXPECT_TRUE(d.can_deliver(0, "i_h"));
  EXPECT_TRUE(d.can_deliver(0, "n_h"));
  EXPECT_FALSE(d.can_deliver(0, "e_h"));
  d.step();
  // IF = 0, before may_fault(): NMI and exception, no IRQ.
  EXPECT_FALSE(d.can_deliver(0, "i_h"));
  EXPECT_TRUE(d.can_deliver(0, "n_h"));
  EXPECT_TRUE(d.can_deliver(0, "e_h"));
  d.step();
  EXPECT_FALSE(d.can_deliver(0, "i_h"));
  EXPECT_TRUE(d.can_deliver(0, "n_h"));
  EXPECT_FALSE(d.can_deliver(0, "e_h"));
  d.steps(2);
  EXPECT_TRUE(d.can_deliver(0, "i_h"));
  EXPECT_FALSE(d.can_deliver(0, "e_h"));  // user_code() in kernel mode is no fault point

  // In user mode an exception can always be taken.
  auto u = load_text(std::string(src) + "task t user;\n");
  EXPECT_FALSE(u.ok);  // CPU 0 would have two tasks
  std::string user_src = src;
  user_src.replace(user_src.find("task t;"), 7, "task t user;");
  auto um = load_text(user_src);
  ASSERT_TRUE(um.ok) << um.errors;
  Driver du(um.lm->ts);
  EXPECT_TRUE(du.can_deliver(0, "e_h"));
  EXPECT_TRUE(du.can_deliver(0, "i_h"));
}

TEST(Lowering, NestingBounds) {
  LOAD_OK(m, R"(
global s32 a = 0;
void t() { while (true) { user_code(); } }
void h() { local_irq_enable(); a++; }
void n() { a++; }
irq h nest 2;
nmi n nest 1;
task t;
)");
  EXPECT_EQ(m.lm->ts.levels, 4);
  d.deliver("h");
  EXPECT_EQ(d.get("cpu0.depth"), 1u);
  EXPECT_FALSE(d.can_deliver(0, "h"));  // IF = 0 on entry
  d.step();                             // local_irq_enable()
  d.deliver("h");
  EXPECT_EQ(d.get("cpu0.depth"), 2u);
  d.step();
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  EXPECT_FALSE(d.can_deliver(0, "h"));  // two activations already
  d.deliver("n");
  EXPECT_EQ(d.get("cpu0.depth"), 3u);
  EXPECT_FALSE(d.can_deliver(0, "n"));
  d.step();
  d.iret();
  EXPECT_EQ(d.get("cpu0.depth"), 2u);
  EXPECT_TRUE(d.can_deliver(0, "n"));
}

TEST(Lowering, NmiNestOneCannotNestEvenWithLevelsLeft) {
  LOAD_OK(m, R"(
void t() { while (true) { user_code(); } }
void h() { user_code(); }
void n() { user_code(); }
irq h nest 3;
nmi n nest 1;
task t;
)");
  d.deliver("n");
  EXPECT_FALSE(d.can_deliver(0, "n"));
  EXPECT_FALSE(d.can_deliver(0, "h"));  // IF = 0 in the NMI
}

TEST(Lowering, IretRestoresIfAndMode) {
  LOAD_OK(m, R"(
global bool from_user = false;
global bool irqs_were_on = true;
void t() {
  user_code();
  syscall_insn();
  while (true) { user_code(); }
}
void e_h() {
  from_user = user_mode();
  irqs_were_on = regs_irqs_enabled();
  local_irq_enable();
}
void n_h() {
  from_user = user_mode();
  irqs_were_on = regs_irqs_enabled();
  local_irq_enable();
}
exception e_h;
nmi n_h;
task t user;
)");
  // An exception from user mode with IF = 1.
  d.deliver("e_h");
  EXPECT_EQ(d.get("cpu0.user"), 0u);
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  d.steps(3);
  EXPECT_EQ(d.get("from_user"), 1u);
  EXPECT_EQ(d.get("irqs_were_on"), 1u);
  d.iret();
  EXPECT_EQ(d.get("cpu0.user"), 1u);
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  EXPECT_EQ(d.get("cpu0.depth"), 0u);
  // An NMI in the kernel with IF = 0: the handler enables IRQs, iret turns them off again.
  d.steps(2);  // user_code(); syscall_insn()
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  d.deliver("n_h");
  d.steps(3);
  EXPECT_EQ(d.get("from_user"), 0u);
  EXPECT_EQ(d.get("irqs_were_on"), 0u);
  EXPECT_EQ(d.get("cpu0.IF"), 1u);
  d.iret();
  EXPECT_EQ(d.get("cpu0.IF"), 0u);
  EXPECT_EQ(d.get("cpu0.user"), 0u);
}

TEST(Lowering, InvariantHoldsPerCpu) {
  LOAD_OK(m, R"(
cpus 2;
percpu s32 c = 0;
invariant small(c < 2, "c stays below 2");
void t() { c++; c++; }
task t;
)");
  EXPECT_TRUE(d.violated_now().empty());
  d.step(0);
  d.step(1);
  EXPECT_TRUE(d.violated_now().empty());
  d.step(1);
  EXPECT_EQ(d.violated_now(), (std::vector<std::string>{"small"}));  // cpu1 only
  EXPECT_EQ(d.get("cpu0.c"), 1u);
}

TEST(Lowering, InvariantWithMachineState) {
  LOAD_OK(m, R"(
invariant irqs_on_in_task(in_handler() || !irqs_disabled(), "task runs with IRQs off");
void t() { local_irq_disable(); local_irq_enable(); }
void h() { user_code(); }
irq h;
task t;
)");
  d.deliver("h");
  EXPECT_TRUE(d.violated_now().empty());  // IF = 0, but in a handler
  d.step();
  d.iret();
  d.step();
  EXPECT_EQ(d.violated_now(), (std::vector<std::string>{"irqs_on_in_task"}));
  d.step();
  EXPECT_TRUE(d.violated_now().empty());
}

TEST(Lowering, RangePropertyFiresWhenAValueLeavesItsRange) {
  LOAD_OK(m, R"(
global range<-1, 2> r = -1;
void t() { r++; r++; r++; r = r - 5; }
task t;
)");
  EXPECT_EQ(d.get("r"), 0u);  // stored as the offset from the lower bound
  d.step();
  EXPECT_TRUE(d.last_failed().empty());
  d.step();
  d.step();
  EXPECT_EQ(d.get("r"), 3u);  // value 2
  EXPECT_TRUE(d.last_failed().empty());
  EXPECT_EQ(d.violated_now(), (std::vector<std::string>{"range"}));
  d.step();
  EXPECT_EQ(d.last_failed(), (std::vector<std::string>{"range"}));
}

TEST(Lowering, NondetIntIsAnInputWithADomain) {
  LOAD_OK(m, R"(
global s32 x = 0;
void t() { x = nondet_int(-2, 2); }
task t;
)");
  ASSERT_EQ(m.lm->ts.inputs.size(), 1u);
  EXPECT_EQ(m.lm->ts.inputs[0].domain_size, 5u);
  d.set_input(0, 4);
  d.step();
  EXPECT_EQ(d.sget("x"), 2);
}

TEST(Lowering, NondetIntBoundsKeepTheirValue) {
  // Bounds beyond 32 bits, and unsigned bounds above INT_MAX, are not truncated.
  LOAD_OK(m, R"(
const s64 BASE = 0x100000000;
global s64 x = 0;
global s64 y = 0;
void t() {
  x = nondet_int(BASE, BASE + 3);
  y = nondet_int(3000000000U, 3000000002U);
}
task t;
)");
  ASSERT_EQ(m.lm->ts.inputs.size(), 2u);
  EXPECT_EQ(m.lm->ts.inputs[0].domain_size, 4u);
  EXPECT_EQ(m.lm->ts.inputs[1].domain_size, 3u);
  d.set_input(0, 2);
  d.set_input(1, 1);
  d.step();
  EXPECT_EQ(d.sget("x"), 0x100000002LL);
  d.step();
  EXPECT_EQ(d.sget("y"), 3000000001LL);
}

TEST(Lowering, OverrideInAnImportingFileReplacesTheBase) {
  fetest::Files files = {{"base.ct", R"(
global s32 x = 0;
const bool CFG = true;
void step_fn() { x = 1; }
void t() {
  step_fn();
  x = x + 10;
  if (CFG) x = x + 100;
}
task t;
)"},
                         {"v/variant.ct", R"(
import "../base.ct";
// The patch: only step_fn changes.
override void step_fn() { x = 5; x = x * 2; }
override const bool CFG = false;
)"}};
  {
    auto b = load_files(files, "base.ct");
    ASSERT_TRUE(b.ok) << b.errors;
    Driver d(b.lm->ts);
    EXPECT_EQ(run_to_end(d), 3);  // `if (CFG)` is configuration: no step
    EXPECT_EQ(d.get("x"), 111u);
  }
  {
    auto v = load_files(files, "v/variant.ct");
    ASSERT_TRUE(v.ok) << v.errors;
    Driver d(v.lm->ts);
    EXPECT_EQ(run_to_end(d), 3);
    EXPECT_EQ(d.get("x"), 20u);
  }
}

TEST(Lowering, ExpectLinesOfAnImportingFileReplaceTheImportedOnes) {
  fetest::Files files = {{"base.ct", R"(
global s32 x = 0;
void t() { x = 1; }
task t;
invariant small(x < 1, "x is 0");
invariant nonneg(x >= 0, "x is not negative");
expect small violated at 0;
expect nonneg proved;
)"},
                         {"variant.ct", R"(
import "base.ct";
override void t() { x = 0; }
expect small proved;
)"}};
  auto v = load_files(files, "variant.ct");
  ASSERT_TRUE(v.ok) << v.errors;
  ASSERT_EQ(v.lm->model.expects.size(), 2u);
  EXPECT_EQ(v.lm->model.expects[0]->property, "nonneg");  // kept from base.ct
  EXPECT_EQ(v.lm->model.expects[1]->property, "small");   // the variant's own
  EXPECT_EQ(v.lm->model.expects[1]->verdict, "proved");
}

TEST(Lowering, LoweringErrors) {
  auto l = load_text(R"(
global s64 n = 0;
void helper() { n = old(n); }
void t() {
  helper();
  n = regs_irqs_enabled();
  while (true) { }
}
void h() { helper(); }
irq h;
task t;
)");
  EXPECT_FALSE(l.ok);
  EXPECT_EQ(fetest::error_lines(l.errors),
            (std::vector<std::string>{"m.ct:4:6: error: in 't': a loop or goto cycle takes no step"}))
      << l.errors;
  auto l2 = load_text(R"(
global s64 n = 0;
void helper() { n = old(n); }
void t() {
  helper();
  n = regs_irqs_enabled();
}
void h() { helper(); }
irq h;
task t;
)");
  EXPECT_EQ(fetest::error_lines(l2.errors),
            (std::vector<std::string>{
                "m.ct:3:21: error: old() is only meaningful inside an interrupt handler",
                "m.ct:6:7: error: regs_irqs_enabled() is only meaningful inside an interrupt handler",
            }))
      << l2.errors;
}

TEST(Lowering, LoopsWithoutAStepAreRejected) {
  // Regression: a jump cycle that never reaches a step used to be lowered as
  // "the procedure returns", so `while (true) { }` silently ended the task.
  for (const char *body : {"while (true) { }", "while (true) { smp_mb(); }", "L: goto L;",
                           "do { barrier(); } while (true);", "while (1) { if (CONFIG_X) x = 1; }"}) {
    SCOPED_TRACE(body);
    auto l =
        load_text(std::string("const bool CONFIG_X = false;\nglobal s32 x = 0;\nvoid t() {\n  x = 1;\n  ") +
                  body + "\n}\ntask t;\n");
    EXPECT_FALSE(l.ok);
    EXPECT_EQ(fetest::error_lines(l.errors),
              (std::vector<std::string>{"m.ct:3:6: error: in 't': a loop or goto cycle takes no step"}));
  }
  // A loop whose body takes a step is fine, and so is a jump forward over nothing.
  auto ok = load_text("void t() { goto a; a: while (true) { user_code(); } }\ntask t;\n");
  EXPECT_TRUE(ok.ok) << ok.errors;
}

TEST(Lowering, ActionsCarryTextProcedureAndCallStack) {
  LOAD_OK(m, R"(
global s32 x = 0;
void inner() {
  x = 2;
}
void t() {
  inner();
}
task t;
)");
  int a = d.find(ir::ActionKind::Exec, 0);
  ASSERT_GE(a, 0);
  const ir::Action &act = m.lm->ts.actions[a];
  EXPECT_EQ(act.text, "x = 2;");
  EXPECT_EQ(act.procedure, "inner");
  EXPECT_EQ(act.call_stack, (std::vector<std::string>{"t", "inner"}));
  EXPECT_EQ(act.loc.file, "m.ct");
  EXPECT_EQ(act.loc.line, 4);
}

TEST(Lowering, EnabledTablesAgreeWithAScan) {
  LOAD_OK(m, R"(
cpus 2;
percpu s32 c = 0;
void t() { while (true) { local_irq_disable(); c++; local_irq_enable(); may_fault(); } }
void h() { c--; }
void e() { c--; }
void n() { c++; }
irq h nest 2;
nmi n;
exception e;
task t;
)");
  // Walk a deterministic path and compare at every state.
  for (int i = 0; i < 40; ++i) {
    std::vector<int> fast = d.sim().enabled_actions(d.state());
    std::vector<int> scan = d.sim().enabled_actions_by_scan(d.state());
    std::sort(fast.begin(), fast.end());
    ASSERT_EQ(fast, scan) << "at step " << i;
    ASSERT_FALSE(fast.empty());
    d.fire(fast[static_cast<std::size_t>(i * 7) % fast.size()]);
  }
}

}  // namespace
}  // namespace ctcheck::frontend
