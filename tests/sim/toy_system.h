// A hand-lowered toy model shared by the sim and trace tests, built through the
// IR API the way the front end lowers a model (per-CPU IF/mode/depth, per-level
// source/pc/saved state, Exec/Deliver/Return actions and their lookup tables):
//
//   global s64 count = 0;  global bool seen_nmi = false;
//   percpu ctx_state ct_state = CONTEXT_KERNEL; percpu u8 wrap = 0;
//   percpu s64 nesting = 0x0140000000000000;
//   void task_loop() { while (true) {
//     x = nondet_int(0, 2); count += x;          // pc 1  toy.ct:5  (task_loop)
//     local_irq_disable(); wrap--;               // pc 2  toy.ct:6  (task_loop)
//     count++;                                   // pc 3  toy.ct:9  (update_count)
//     count = 0; local_irq_enable(); } }         // pc 4  toy.ct:10 (update_count)
//   void timer_irq() {
//     assert balanced(count == 0, ...); assume(count < 2);  // pc 1  toy.ct:14
//     ct_state = CONTEXT_USER; }                            // pc 2  toy.ct:15
//   void do_nmi() { nesting++; seen_nmi = true; }           // pc 10 toy.ct:19
//   irq timer_irq nest 1; nmi do_nmi nest 1;
//   invariant count_below_3(count < 3);                     // toy.ct:3
//
// On one CPU `balanced` is first violated at depth 2 and `count_below_3` at
// depth 3; on two CPUs `count_below_3` at depth 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::testing {

using ir::ExprId;
using ir::Op;
using ir::Sort;

constexpr std::uint64_t kEnd = 255;  // handler pc after its last statement

struct ToyCpu {
  std::uint32_t irq_flag, user, depth;
  std::vector<std::uint32_t> source, pc, saved_if, saved_user;
  std::uint32_t x, ct_state, wrap, nesting, input;
  std::vector<int> task;                  // task[pc] -> action (pc 1..4)
  std::vector<std::vector<int>> handler;  // handler[level][pc] -> action
  std::vector<std::vector<int>> deliver;  // deliver[level][source-1]
  std::vector<int> ret;                   // ret[level]
};

struct Toy {
  ir::TransitionSystem ts;
  std::uint32_t count = 0, seen_nmi = 0;
  std::uint32_t balanced = 0, below3 = 1;  // property indices
  std::vector<ToyCpu> cpu;
};

class ToyBuilder {
 public:
  explicit ToyBuilder(int ncpus) {
    ir::TransitionSystem &ts = toy_.ts;
    ts.pool.tru();  // node 0 is `true`, like an unset ExprId
    ts.model_file = "toy.ct";
    ts.levels = 3;
    ts.default_depth = 12;
    ts.sources = {{"timer_irq", ir::SourceKind::Irq, 1}, {"do_nmi", ir::SourceKind::Nmi, 1}};
    toy_.count = add_var("count", Sort::bv(64), ir::VarRole::Model, -1, -1, 0, "s64", true);
    toy_.seen_nmi = add_var("seen_nmi", Sort::boolean(), ir::VarRole::Model, -1, -1, 0, "bool");
    for (int c = 0; c < ncpus; ++c) add_cpu_vars(c);
    for (int c = 0; c < ncpus; ++c) add_cpu_actions(c);
    ts.properties.push_back({"balanced",
                             "IRQ saw a half-done update",
                             ir::PropertyKind::Assertion,
                             {"toy.ct", 14, 5},
                             std::nullopt});
    ir::Property below3{
        "count_below_3", "count stays below 3", ir::PropertyKind::Invariant, {"toy.ct", 3, 1}, std::nullopt};
    below3.holds = ts.pool.binary(Op::Slt, v(toy_.count), k64(3));
    ts.properties.push_back(below3);
  }
  Toy take() { return std::move(toy_); }

 private:
  Toy toy_;

  ir::ExprPool &pool() { return toy_.ts.pool; }
  ExprId v(std::uint32_t i) { return pool().var(i, toy_.ts.vars[i].sort); }
  ExprId k8(std::uint64_t x) { return pool().constant(Sort::bv(8), x); }
  ExprId k64(std::uint64_t x) { return pool().constant(Sort::bv(64), x); }
  ExprId is(std::uint32_t var, std::uint64_t x) { return pool().eq(v(var), k8(x)); }

  std::uint32_t add_var(const std::string &name, Sort s, ir::VarRole role, int cpu, int level,
                        std::optional<std::uint64_t> init, const std::string &type, bool is_signed = false,
                        std::vector<std::string> enums = {}) {
    ir::StateVar var;
    var.name = name;
    var.sort = s;
    var.role = role;
    var.cpu = cpu;
    var.level = level;
    var.init = init;
    var.type_name = type;
    var.enum_names = std::move(enums);
    var.is_signed = is_signed;
    toy_.ts.vars.push_back(var);
    return static_cast<std::uint32_t>(toy_.ts.vars.size() - 1);
  }

  void add_cpu_vars(int c) {
    ToyCpu k;
    const std::string p = "cpu" + std::to_string(c) + ".";
    k.irq_flag = add_var(p + "IF", Sort::boolean(), ir::VarRole::IrqFlag, c, -1, 1, "bool");
    k.user = add_var(p + "user", Sort::boolean(), ir::VarRole::UserMode, c, -1, 0, "bool");
    k.depth = add_var(p + "depth", Sort::bv(8), ir::VarRole::Depth, c, -1, 0, "u8");
    for (int l = 0; l < 3; ++l) {
      const std::string q = p + "l" + std::to_string(l) + ".";
      k.source.push_back(add_var(q + "source", Sort::bv(8), ir::VarRole::Source, c, l, 0, "u8"));
      k.pc.push_back(add_var(q + "pc", Sort::bv(8), ir::VarRole::Pc, c, l, l == 0 ? 1 : 0, "u8"));
      k.saved_if.push_back(add_var(q + "saved_if", Sort::boolean(), ir::VarRole::SavedIf, c, l, 0, "bool"));
      k.saved_user.push_back(
          add_var(q + "saved_user", Sort::boolean(), ir::VarRole::SavedUser, c, l, 0, "bool"));
    }
    k.x = add_var(p + "l0.x", Sort::bv(8), ir::VarRole::Local, c, 0, 0, "u8");
    k.ct_state = add_var(p + "ct_state", Sort::bv(8), ir::VarRole::Model, c, -1, 0, "ctx_state", false,
                         {"CONTEXT_KERNEL", "CONTEXT_USER"});
    k.wrap = add_var(p + "wrap", Sort::bv(8), ir::VarRole::Model, c, -1, 0, "u8");
    k.nesting =
        add_var(p + "nesting", Sort::bv(64), ir::VarRole::Model, c, -1, 0x0140000000000000ULL, "s64", true);
    toy_.ts.inputs.push_back({p + "nondet@toy.ct:5", Sort::bv(8), 3});
    k.input = static_cast<std::uint32_t>(toy_.ts.inputs.size() - 1);
    toy_.cpu.push_back(k);
    ir::CpuLayout cl{k.irq_flag, k.user, k.depth, k.source, k.pc, k.saved_if, k.saved_user, "task_loop"};
    toy_.ts.cpus.push_back(cl);
  }

  int add_action(ir::Action a) {
    toy_.ts.actions.push_back(std::move(a));
    return static_cast<int>(toy_.ts.actions.size() - 1);
  }

  ir::Action exec(int c, int level, int source, std::uint32_t pc, const std::string &proc,
                  const std::string &text, int line) {
    ToyCpu &k = toy_.cpu[c];
    ir::Action a;
    a.kind = ir::ActionKind::Exec;
    a.cpu = c;
    a.level = level;
    a.source = source;
    a.pc = pc;
    a.enabled = pool().land(is(k.depth, level), is(k.pc[level], pc));
    a.guard = pool().tru();
    a.procedure = proc;
    a.text = text;
    a.loc = {"toy.ct", line, 5};
    a.call_stack = {level == 0 ? "task_loop" : proc, proc};
    return a;
  }

  void set_pc(ir::Action &a, int level, std::uint64_t pc) {
    a.updates.push_back({toy_.cpu[a.cpu].pc[level], k8(pc)});
  }

  void add_cpu_actions(int c) {
    ir::TransitionSystem &ts = toy_.ts;
    ToyCpu &k = toy_.cpu[c];
    const std::uint32_t count = toy_.count;
    ExprId in = pool().input(k.input, Sort::bv(8));
    k.task.assign(5, -1);
    {
      ir::Action a = exec(c, 0, 0, 1, "task_loop", "x = nondet_int(0, 2); count += x", 5);
      a.updates.push_back({k.x, in});
      a.updates.push_back({count, pool().binary(Op::Add, v(count), pool().extend(Op::ZExt, in, 64))});
      a.inputs = {k.input};
      set_pc(a, 0, 2);
      k.task[1] = add_action(a);
    }
    {
      ir::Action a = exec(c, 0, 0, 2, "task_loop", "local_irq_disable(); wrap--", 6);
      a.updates.push_back({k.irq_flag, pool().fls()});
      a.updates.push_back({k.wrap, pool().binary(Op::Sub, v(k.wrap), k8(1))});
      set_pc(a, 0, 3);
      k.task[2] = add_action(a);
    }
    {
      ir::Action a = exec(c, 0, 0, 3, "update_count", "count++", 9);
      a.updates.push_back({count, pool().binary(Op::Add, v(count), k64(1))});
      set_pc(a, 0, 4);
      k.task[3] = add_action(a);
    }
    {
      ir::Action a = exec(c, 0, 0, 4, "update_count", "count = 0; local_irq_enable()", 10);
      a.updates.push_back({count, k64(0)});
      a.updates.push_back({k.irq_flag, pool().tru()});
      set_pc(a, 0, 1);
      k.task[4] = add_action(a);
    }
    k.handler.assign(3, std::vector<int>(11, -1));
    k.deliver.assign(3, std::vector<int>(2, -1));
    k.ret.assign(3, -1);
    for (int l = 1; l < 3; ++l) {
      {
        ir::Action a = exec(c, l, 1, 1, "timer_irq", "assert balanced(count == 0); assume(count < 2)", 14);
        a.checks.push_back({toy_.balanced, pool().tru(), pool().eq(v(count), k64(0)), {"toy.ct", 14, 5}});
        a.guard = pool().binary(Op::Slt, v(count), k64(2));
        set_pc(a, l, 2);
        k.handler[l][1] = add_action(a);
      }
      {
        ir::Action a = exec(c, l, 1, 2, "timer_irq", "ct_state = CONTEXT_USER", 15);
        a.updates.push_back({k.ct_state, k8(1)});
        set_pc(a, l, kEnd);
        k.handler[l][2] = add_action(a);
      }
      {
        ir::Action a = exec(c, l, 2, 10, "do_nmi", "nesting++; seen_nmi = true", 19);
        a.updates.push_back({k.nesting, pool().binary(Op::Add, v(k.nesting), k64(1))});
        a.updates.push_back({toy_.seen_nmi, pool().tru()});
        set_pc(a, l, kEnd);
        k.handler[l][10] = add_action(a);
      }
      for (int s = 1; s <= 2; ++s) k.deliver[l][s - 1] = add_action(deliver(c, l, s));
      k.ret[l] = add_action(ret(c, l));
    }
    // Lookup tables, as the lowering fills them.
    ts.exec_at.push_back({k.task, k.handler[1], k.handler[2]});
    ts.exec_at.back()[0].resize(11, -1);
    ts.deliver_at.push_back(k.deliver);
    ts.return_at.push_back(k.ret);
  }

  ir::Action deliver(int c, int level, int source) {
    ToyCpu &k = toy_.cpu[c];
    ir::Action a;
    a.kind = ir::ActionKind::Deliver;
    a.cpu = c;
    a.level = level;
    a.source = source;
    ExprId en = is(k.depth, level - 1);
    for (int l = 1; l < level; ++l) en = pool().land(en, pool().lnot(is(k.source[l], source)));  // nest 1
    if (source == 1) en = pool().land(en, v(k.irq_flag));
    a.enabled = en;
    a.guard = pool().tru();
    a.updates = {{k.depth, k8(level)},
                 {k.source[level], k8(source)},
                 {k.pc[level], k8(source == 1 ? 1 : 10)},
                 {k.saved_if[level], v(k.irq_flag)},
                 {k.saved_user[level], v(k.user)},
                 {k.irq_flag, pool().fls()},
                 {k.user, pool().fls()}};
    return a;
  }

  ir::Action ret(int c, int level) {
    ToyCpu &k = toy_.cpu[c];
    ir::Action a;
    a.kind = ir::ActionKind::Return;
    a.cpu = c;
    a.level = level;
    a.enabled = pool().land(is(k.depth, level), is(k.pc[level], kEnd));
    a.guard = pool().tru();
    a.updates = {{k.depth, k8(level - 1)},
                 {k.source[level], k8(0)},
                 {k.pc[level], k8(0)},
                 {k.irq_flag, v(k.saved_if[level])},
                 {k.user, v(k.saved_user[level])}};
    return a;
  }
};

inline Toy make_toy(int ncpus = 1) { return ToyBuilder(ncpus).take(); }

}  // namespace ctcheck::testing
