// The actions: one Exec per CFG node (its micro-operations as one symbolic
// step), Deliver of an interrupt, Return from a handler.
#include "frontend/lowerer.h"
#include "frontend/types.h"

namespace ctcheck::frontend::lowering {

void Lowerer::exec_actions(int c, int l, int e) {
  const EntryCfg &cfg = cfgs_[e];
  budget_.begin("'" + cfg.proc->name + "'", cfg.size);
  const ir::CpuLayout &cl = ts_.cpus[c];
  for (std::size_t n = 0; n < cfg.nodes.size(); ++n) {
    const Node &node = cfg.nodes[n];
    ir::Action a;
    a.kind = ir::ActionKind::Exec;
    a.cpu = c;
    a.level = l;
    a.source = l == 0 ? 0 : source_index(cfg.proc) + 1;
    a.pc = static_cast<std::uint32_t>(base_[e] + n);
    a.enabled = pool_.land(var_eq(cl.depth, l), var_eq(cl.pc[l], a.pc));
    a.procedure = node.stack.back();
    a.call_stack = node.stack;
    a.text = node.text;
    a.loc = to_ir(node.loc);
    a.fault_point = node.fault_point;
    SymState st{{}, pool_.tru(), pool_.tru(), std::nullopt};
    run_ops(node.ops, c, l, e, st, a);
    a.guard = st.guard;
    for (const auto &[v, val] : st.env) a.updates.push_back({v, val});
    a.updates.push_back({cl.pc[l], st.next_pc ? *st.next_pc : pc_const(kPcReturn)});
    ts_.exec_at[c][l][a.pc] = static_cast<int>(ts_.actions.size());
    ts_.actions.push_back(std::move(a));
  }
}

void Lowerer::run_ops(const std::vector<MicroOp> &ops, int c, int l, int e, SymState &st, ir::Action &a) {
  for (const MicroOp &op : ops) run_op(op, c, l, e, st, a);
}

std::uint32_t Lowerer::lvalue_var(const LValue &lv, int c, int l, int e, int k) const {
  if (lv.kind == LValue::Slot) return slot_var(c, l, e, lv.slot);
  return model_var(lv.var, k);
}

void Lowerer::write(const LValue &lv, ExprId value, int c, int l, int e, SymState &st, ir::Action &a,
                    InstanceEnv &env, bool range_check) {
  ExprId stored = value;
  const Type &t = lv.type;
  if (t.is(TypeKind::Range)) {
    if (range_check) {
      ExprId lo = pool_.constant(ir::Sort::bv(64), t.lo), hi = pool_.constant(ir::Sort::bv(64), t.hi);
      ExprId ok = pool_.land(pool_.binary(Op::Sle, lo, value), pool_.binary(Op::Sle, value, hi));
      std::uint32_t p = property(kRangeProperty, "a range-typed variable left its declared range", {},
                                 ir::PropertyKind::Assertion);
      a.checks.push_back({p, st.path, ok, a.loc, "a range-typed variable left its declared range"});
    }
    stored = pool_.extend(Op::Trunc, pool_.binary(Op::Sub, value, pool_.constant(ir::Sort::bv(64), t.lo)),
                          storage_bits(t));
  }
  if (lv.kind != LValue::PerCpu) {
    st.env[lvalue_var(lv, c, l, e, c)] = stored;
    return;
  }
  ExprId cpu = per_cpu_index(lv, st, env);
  for (int k = 0; k < m_.cpus; ++k) {
    std::uint32_t v = model_var(lv.var, k);
    st.env[v] = pool_.ite(pool_.eq(cpu, pool_.constant(ir::Sort::bv(64), k)), stored, read(&st, v));
  }
}

ExprId Lowerer::per_cpu_index(const LValue &lv, SymState &st, InstanceEnv &env) {
  InstanceEnv owner = env;  // keeps the invariant / expression-procedure context of a read
  if (lv.frame) owner.frame_ = lv.frame;
  owner.st_ = &st;
  ExprLowerer low(pool_, diags_, owner);
  ExprId cpu = low.convert(owner.eval(*lv.cpu), lv.cpu->type, Type::integer(64, true));
  const ir::Sort s64 = ir::Sort::bv(64);
  ExprId ok = pool_.land(pool_.binary(Op::Sle, pool_.constant(s64, 0), cpu),
                         pool_.binary(Op::Slt, cpu, pool_.constant(s64, m_.cpus)));
  Requirement r{kPerCpuIndexInRange,
                "per_cpu() was given a CPU number that does not exist",
                ok,
                lv.cpu,
                lv.cpu->loc,
                ""};
  if (pool_.is_const(cpu))
    r.error = "CPU " + std::to_string(static_cast<std::int64_t>(pool_.node(cpu).value)) +
              " does not exist (cpus " + std::to_string(m_.cpus) + ")";
  owner.require(r);
  return cpu;
}

void Lowerer::runtime_check(const Requirement &r, ExprId reach, ir::Action &a) {
  std::uint32_t p = property(r.property, r.message, {}, ir::PropertyKind::Assertion);
  for (const ir::Check &c : a.checks)
    if (c.property == p && c.reach == reach && c.cond == r.ok) return;  // e.g. read and write of x += 1
  a.checks.push_back({p, reach, r.ok, to_ir(r.loc), r.message});
}

ExprId Lowerer::read_lvalue(const LValue &lv, int c, int l, int e, SymState &st, InstanceEnv &env) {
  if (lv.kind != LValue::PerCpu) return load(&st, lvalue_var(lv, c, l, e, c), lv.type);
  ExprId cpu = per_cpu_index(lv, st, env);
  ExprId out = load(&st, model_var(lv.var, m_.cpus - 1), lv.type);
  for (int k = m_.cpus - 2; k >= 0; --k)
    out = pool_.ite(pool_.eq(cpu, pool_.constant(ir::Sort::bv(64), k)),
                    load(&st, model_var(lv.var, k), lv.type), out);
  return out;
}

void Lowerer::run_op(const MicroOp &op, int c, int l, int e, SymState &st, ir::Action &a) {
  InstanceEnv env(*this, c, l, e, op.frame, &st, &a);
  ExprLowerer low(pool_, diags_, env);
  const ir::CpuLayout &cl = ts_.cpus[c];
  switch (op.kind) {
    case MicroOp::Assign: {
      const Type &t = op.lhs.type;
      ExprId v;
      if (op.assign_op == "=") {
        v = low.convert(env.eval(*op.expr), op.expr->type, t);
      } else {
        // x op= y is x = x op y, computed as C does and converted back.
        ExprId cur = read_lvalue(op.lhs, c, l, e, st, env);
        Type ct = t.is(TypeKind::Range) ? Type::integer(64, true) : t;
        Type calc = promote(ct);
        std::string o = op.assign_op.substr(0, op.assign_op.size() - 1);
        ExprLowerer::Operand rhs;
        if (op.assign_op == "++" || op.assign_op == "--") {
          o = op.assign_op.substr(1);
          rhs = {pool_.constant(ir::Sort::bv(calc.width), 1), calc, nullptr};
        } else {
          if (o != "<<" && o != ">>") calc = common_type(ct, op.expr->type);
          rhs = {env.eval(*op.expr), op.expr->type, op.expr};
        }
        Loc at = op.expr ? op.expr->loc : Loc{};
        v = low.convert(low.arithmetic(o, {cur, ct, nullptr}, rhs, calc, at), calc, ct);
      }
      write(op.lhs, v, c, l, e, st, a, env);
      return;
    }
    case MicroOp::SaveIf:
      write(op.lhs, low.convert(read(&st, cl.irq_flag), Type::boolean(), op.lhs.type), c, l, e, st, a, env);
      return;
    case MicroOp::Check: {
      std::uint32_t p = property(op.property, op.message, op.loc, ir::PropertyKind::Assertion);
      a.checks.push_back(
          {p, st.path, low.to_bool(env.eval(*op.expr), op.expr->type), to_ir(op.loc), op.message});
      return;
    }
    case MicroOp::Assume: {
      ExprId cond = low.to_bool(env.eval(*op.expr), op.expr->type);
      st.guard = pool_.land(st.guard, pool_.binary(Op::Implies, st.path, cond));
      return;
    }
    case MicroOp::CountLoop: {
      std::uint32_t v = slot_var(c, l, e, op.lhs.slot);
      ExprId k = load(&st, v, op.lhs.type);
      ExprId below = pool_.binary(Op::Slt, k, pool_.constant(ir::Sort::bv(64), op.bound));
      st.guard = pool_.land(st.guard, pool_.binary(Op::Implies, st.path, below));
      ExprId next = pool_.ite(below, pool_.binary(Op::Add, k, pool_.constant(ir::Sort::bv(64), 1)), k);
      write(op.lhs, next, c, l, e, st, a, env, false);
      return;
    }
    case MicroOp::SetIf:
      st.env[cl.irq_flag] =
          op.expr ? low.to_bool(env.eval(*op.expr), op.expr->type) : pool_.boolean(op.value);
      return;
    case MicroOp::SetUser:
      st.env[cl.user_mode] = pool_.boolean(op.value);
      return;
    case MicroOp::Cost:
      a.costs.push_back(cost_event(op.cost, st.path));
      return;
    case MicroOp::RegionBegin:
    case MicroOp::RegionEnd:
    case MicroOp::RegionInside:
    case MicroOp::RegionClosed:
      region_op(op, c, l, e, st, a, env);
      return;
    case MicroOp::Decided: {
      std::uint32_t p = property(op.property, op.message, op.loc, ir::PropertyKind::Assertion);
      if (!op.value) a.checks.push_back({p, st.path, pool_.fls(), to_ir(op.loc), op.message});
      return;
    }
    case MicroOp::Jump: {
      st.next_pc = pc_const(entry_pc(e, op.label));
      for (const CfgCost &cost : cfgs_[e].label_costs[op.label]) a.costs.push_back(cost_event(cost, st.path));
      for (int slot : cfgs_[e].label_resets[op.label])
        st.env[slot_var(c, l, e, slot)] = pool_.constant(ts_.vars[slot_var(c, l, e, slot)].sort, 0);
      return;
    }
    case MicroOp::Branch: {
      ExprId cond = low.to_bool(env.eval(*op.expr), op.expr->type);
      SymState t = st, f = st;
      t.path = pool_.land(st.path, cond);
      f.path = pool_.land(st.path, pool_.lnot(cond));
      run_ops(op.then_ops, c, l, e, t, a);
      run_ops(op.else_ops, c, l, e, f, a);
      std::map<std::uint32_t, ExprId> merged;
      for (const auto &[v, val] : t.env)
        merged[v] = pool_.ite(cond, val, f.env.count(v) ? f.env[v] : read(&st, v));
      for (const auto &[v, val] : f.env)
        if (!t.env.count(v)) merged[v] = pool_.ite(cond, read(&st, v), val);
      st.env = std::move(merged);
      st.guard = pool_.land(t.guard, f.guard);
      if (t.next_pc && f.next_pc)
        st.next_pc = pool_.ite(cond, *t.next_pc, *f.next_pc);
      else
        st.next_pc = t.next_pc ? t.next_pc : f.next_pc;
      return;
    }
  }
}

// The noinstr region count of a frame (frontend/cfg.h: MicroOp::Region*).
void Lowerer::region_op(const MicroOp &op, int c, int l, int e, SymState &st, ir::Action &a,
                        InstanceEnv &env) {
  const ir::Sort s64 = ir::Sort::bv(64);
  ExprId open = read_lvalue(op.lhs, c, l, e, st, env);
  ExprId zero = pool_.constant(s64, 0), one = pool_.constant(s64, 1);
  ExprId ok, next;
  switch (op.kind) {
    case MicroOp::RegionBegin:
      ok = pool_.binary(Op::Slt, open, pool_.constant(s64, kMaxOpenRegions));
      next = pool_.ite(ok, pool_.binary(Op::Add, open, one), open);
      break;
    case MicroOp::RegionEnd:
      ok = pool_.binary(Op::Slt, zero, open);
      next = pool_.ite(ok, pool_.binary(Op::Sub, open, one), zero);  // an unmatched end stays at 0
      break;
    case MicroOp::RegionInside:
      ok = pool_.binary(Op::Slt, zero, open);
      next = open;
      break;
    default:  // RegionClosed: and the count is 0 again for the next call
      ok = pool_.eq(open, zero);
      next = zero;
      break;
  }
  std::uint32_t p = property(op.property, op.message, op.loc, ir::PropertyKind::Assertion);
  a.checks.push_back({p, st.path, ok, to_ir(op.loc), op.message});
  write(op.lhs, next, c, l, e, st, a, env, false);
}

ir::CostEvent Lowerer::cost_event(const CfgCost &c, ExprId reach) const {
  const ir::SourceLoc at = to_ir(c.loc);
  return {c.kind, c.count, reach, c.name, c.procedure, at.file, at.line};
}

void Lowerer::deliver_action(int c, int l, int s) {
  const ir::CpuLayout &cl = ts_.cpus[c];
  const InterruptSource &src = m_.sources[s];
  int e = entry_of_.at(src.handler);
  budget_.begin("'" + src.handler->name + "'", 0);  // the old() snapshots
  ir::Action a;
  a.kind = ir::ActionKind::Deliver;
  a.cpu = c;
  a.level = l;
  a.source = s + 1;
  a.procedure = src.handler->name;
  a.call_stack = {src.handler->name};
  static const char *kinds[] = {"IRQ", "NMI", "exception"};
  a.text = std::string(kinds[static_cast<int>(src.kind)]) + " " + src.handler->name + " delivered";
  a.loc = to_ir(src.handler->loc);
  // How many activations of this source are already on the stack.
  ExprId count = pool_.constant(ir::Sort::bv(8), 0);
  for (int j = 1; j < l; ++j)
    count = pool_.binary(Op::Add, count,
                         pool_.ite(var_eq(cl.source[j], s + 1), pool_.constant(ir::Sort::bv(8), 1),
                                   pool_.constant(ir::Sort::bv(8), 0)));
  ExprId room = pool_.binary(Op::Ult, count, pool_.constant(ir::Sort::bv(8), src.nest));
  ExprId when = pool_.tru();
  if (src.kind == InterruptKind::Irq) when = pool_.var(cl.irq_flag, ir::Sort::boolean());
  if (src.kind == InterruptKind::Exception)
    when = pool_.lor(pool_.var(cl.user_mode, ir::Sort::boolean()), fault_point(c, l - 1));
  a.enabled = pool_.land(pool_.land(var_eq(cl.depth, l - 1), room), when);
  a.guard = pool_.tru();
  SymState st{{}, pool_.tru(), pool_.tru(), std::nullopt};
  for (const auto &[expr, slot] : cfgs_[e].old_ghosts) {
    InstanceEnv env(*this, c, l - 1, -1, nullptr, nullptr, &a);
    ExprId v = env.eval(*expr->args[0]);
    std::uint32_t gv = slot_var(c, l, e, slot);
    const Type &t = expr->args[0]->type;
    st.env[gv] =
        t.is(TypeKind::Range)
            ? pool_.extend(Op::Trunc, pool_.binary(Op::Sub, v, pool_.constant(ir::Sort::bv(64), t.lo)),
                           storage_bits(t))
            : v;
  }
  st.env[cl.depth] = pool_.constant(ts_.vars[cl.depth].sort, l);
  st.env[cl.source[l]] = pool_.constant(ts_.vars[cl.source[l]].sort, s + 1);
  st.env[cl.pc[l]] = pc_const(entry_pc(e, cfgs_[e].start_label));
  for (const CfgCost &cost : cfgs_[e].label_costs[cfgs_[e].start_label])
    a.costs.push_back(cost_event(cost, pool_.tru()));
  st.env[cl.saved_if[l]] = pool_.var(cl.irq_flag, ir::Sort::boolean());
  st.env[cl.saved_user[l]] = pool_.var(cl.user_mode, ir::Sort::boolean());
  st.env[cl.irq_flag] = pool_.fls();
  st.env[cl.user_mode] = pool_.fls();
  for (const auto &[v, val] : st.env) a.updates.push_back({v, val});
  ts_.deliver_at[c][l][s] = static_cast<int>(ts_.actions.size());
  ts_.actions.push_back(std::move(a));
}

ExprId Lowerer::fault_point(int c, int level) {
  ExprId any = pool_.fls();
  for (int e : entries_at(c, level))
    for (std::size_t n = 0; n < cfgs_[e].nodes.size(); ++n)
      if (cfgs_[e].nodes[n].fault_point) any = pool_.lor(any, var_eq(ts_.cpus[c].pc[level], base_[e] + n));
  return any;
}

void Lowerer::return_action(int c, int l) {
  const ir::CpuLayout &cl = ts_.cpus[c];
  ir::Action a;
  a.kind = ir::ActionKind::Return;
  a.cpu = c;
  a.level = l;
  a.procedure = "iret";
  a.text = "handler returns (iret): IF and mode restored";
  a.enabled = pool_.land(var_eq(cl.depth, l), var_eq(cl.pc[l], kPcReturn));
  a.guard = pool_.tru();
  auto zero = [&](std::uint32_t v) { a.updates.push_back({v, pool_.constant(ts_.vars[v].sort, 0)}); };
  a.updates.push_back({cl.depth, pool_.constant(ts_.vars[cl.depth].sort, l - 1)});
  a.updates.push_back({cl.irq_flag, pool_.var(cl.saved_if[l], ir::Sort::boolean())});
  a.updates.push_back({cl.user_mode, pool_.var(cl.saved_user[l], ir::Sort::boolean())});
  zero(cl.source[l]);
  zero(cl.pc[l]);
  zero(cl.saved_if[l]);
  zero(cl.saved_user[l]);
  // Dead locals are cleared so equal machine states hash equal.
  for (int e : entries_at(c, l))
    for (std::uint32_t v : slot_vars_.at({c, l, e})) zero(v);
  ts_.return_at[c][l] = static_cast<int>(ts_.actions.size());
  ts_.actions.push_back(std::move(a));
}

}  // namespace ctcheck::frontend::lowering
