// Expressions evaluated for one (CPU, level, entry) instance: variables,
// locals bound to slots or substituted arguments, expression procedures,
// built-in values, and the requirements of undefined operations.
#include "frontend/builtins.h"
#include "frontend/const_eval.h"
#include "frontend/lowerer.h"
#include "frontend/types.h"

namespace ctcheck::frontend::lowering {

void InstanceEnv::enter(const Expr &e) { L_.budget_.enter(e); }
void InstanceEnv::leave() { L_.budget_.leave(); }

ExprId InstanceEnv::eval(const Expr &e) {
  ExprLowerer low(L_.pool_, L_.diags_, *this);
  return low.lower(e);
}

ExprId InstanceEnv::variable(const Expr &e) {
  ir::ExprPool &pool = L_.pool_;
  if (e.local_index >= 0) {
    if (expr_proc && e.local_of == expr_proc) return expr_proc_args.at(e.local_index);
    if (!frame_) {
      L_.diags_.error(e.loc, "'" + e.op + "' is a local variable and cannot be used here");
      return pool.constant(value_sort(e.type), 0);
    }
    const Binding &b = frame_->locals.at(e.local_index);
    if (b.subst) {
      InstanceEnv sub = *this;  // the argument, in the caller's frame
      sub.frame_ = b.subst_frame;
      sub.expr_proc = nullptr;
      ExprLowerer low(pool, L_.diags_, sub);
      return low.convert(sub.eval(*b.subst), b.subst->type, e.type);
    }
    return L_.load(st_, L_.slot_var(cpu_, level_, entry_, b.slot), e.type);
  }
  return L_.load(st_, L_.model_var(e.var, cpu_), e.type);
}

// C leaves the operation undefined when `r.ok` is false. With a constant
// operand that is a located error; otherwise a check of the built-in property
// in the step (or, in an invariant, part of the invariant).
void InstanceEnv::require(const Requirement &r) {
  ir::ExprPool &pool = L_.pool_;
  auto is = [&](ExprId x, bool value) { return pool.is_const(x) && (pool.node(x).value != 0) == value; };
  ExprId when = ExprLowerer::condition(pool, conditions);
  if (is(when, false)) return;  // not evaluated, as in C
  if (r.operand && is_constant_expr(*r.operand)) {
    if (is(r.ok, false)) L_.diags_.error(r.loc, r.error);
    return;
  }
  if (is(r.ok, true)) return;
  if (invariant) {
    if (invariant_requirements) invariant_requirements->push_back(pool.binary(Op::Implies, when, r.ok));
    return;
  }
  if (act_) L_.runtime_check(r, st_ ? pool.land(st_->path, when) : when, *act_);
}

ExprId InstanceEnv::old_value(const Expr &e) {
  if (level_ <= 0 || entry_ < 0 || invariant) {
    L_.diags_.error(e.loc, "old() is only meaningful inside an interrupt handler");
    return L_.pool_.constant(value_sort(e.type), 0);
  }
  int slot = L_.cfgs_[entry_].old_ghosts.at(&e);
  return L_.load(st_, L_.slot_var(cpu_, level_, entry_, slot), e.type);
}

ExprId InstanceEnv::call(const Expr &e) {
  ir::ExprPool &pool = L_.pool_;
  const std::string &b = e.op;
  if (const ProcDecl *callee = e.callee) {
    if (callee->expression_body) {  // substituted: no step
      InstanceEnv sub = *this;
      sub.expr_proc = callee;
      sub.expr_proc_args.clear();
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        ExprLowerer low(pool, L_.diags_, *this);
        sub.expr_proc_args.push_back(low.convert(eval(*e.args[i]), e.args[i]->type, callee->locals[i].type));
      }
      ExprLowerer low(pool, L_.diags_, sub);
      return low.convert(sub.eval(*callee->expression_body), callee->expression_body->type, e.type);
    }
    if (frame_) {
      auto it = frame_->hoisted.find(&e);
      if (it != frame_->hoisted.end())
        return L_.load(st_, L_.slot_var(cpu_, level_, entry_, it->second), e.type);
    }
    L_.diags_.error(e.loc, "'" + b + "' cannot be called here (only expression procedures can)");
    return pool.constant(value_sort(e.type), 0);
  }
  const ir::CpuLayout &cl = L_.ts_.cpus[cpu_];
  auto flag = [&](std::uint32_t v) { return L_.read(st_, v); };
  if (!e.builtin || !e.builtin->value()) {
    L_.diags_.error(e.loc, "'" + b + "' cannot be used in an expression");
    return pool.constant(value_sort(e.type), 0);
  }
  switch (*e.builtin->value()) {
    case BuiltinValue::IrqsDisabled:
      return pool.lnot(flag(cl.irq_flag));
    case BuiltinValue::InUserMode:
      return flag(cl.user_mode);
    case BuiltinValue::InHandler:
      return invariant ? pool.lnot(L_.var_eq(cl.depth, 0)) : pool.boolean(level_ > 0);
    case BuiltinValue::CpuId:
      return pool.constant(ir::Sort::bv(32), cpu_);
    case BuiltinValue::Old:
      return old_value(e);
    case BuiltinValue::PerCpu: {
      LValue lv;
      lv.kind = LValue::PerCpu;
      lv.var = e.args[0]->var;
      lv.cpu = e.args[1].get();
      lv.type = e.type;
      SymState empty{{}, pool.tru(), pool.tru(), std::nullopt};
      return L_.read_lvalue(lv, cpu_, level_, entry_, st_ ? *st_ : empty, *this);
    }
    case BuiltinValue::InterruptedUserMode:
    case BuiltinValue::InterruptedIrqsEnabled:
      if (level_ <= 0 || invariant) {
        L_.diags_.error(e.loc, b + "() is only meaningful inside an interrupt handler");
        return pool.fls();
      }
      return flag(e.builtin->is(BuiltinValue::InterruptedUserMode) ? cl.saved_user[level_]
                                                                   : cl.saved_if[level_]);
    case BuiltinValue::NondetBool:
    case BuiltinValue::NondetInt:
      return nondet(e);
  }
  return pool.constant(value_sort(e.type), 0);
}

// A fresh input of the action: nondet_bool(), or nondet_int(LO, HI) as LO + an
// input of HI - LO + 1 values.
ExprId InstanceEnv::nondet(const Expr &e) {
  ir::ExprPool &pool = L_.pool_;
  if (!act_ || invariant) {
    L_.diags_.error(e.loc, e.op + "() cannot be used here");
    return pool.constant(value_sort(e.type), 0);
  }
  ir::Input in;
  in.name = e.op + "@" + L_.sm_.path(e.loc.file) + ":" + std::to_string(e.loc.line);
  std::int64_t lo = 0;
  const bool is_bool = e.builtin->is(BuiltinValue::NondetBool);
  if (is_bool) {
    in.sort = ir::Sort::boolean();
  } else {
    // The bounds are constants of their own type (s32, u32, s64, ...):
    // converted to s64 as C would, not truncated to 32 bits.
    auto bound = [&](const Expr &a) {
      ExprLowerer low(pool, L_.diags_, *this);
      return static_cast<std::int64_t>(
          pool.node(low.convert(eval(a), a.type, Type::integer(64, true))).value);
    };
    lo = bound(*e.args[0]);
    std::int64_t hi = bound(*e.args[1]);
    in.domain_size = static_cast<std::uint64_t>(hi - lo + 1);
    in.sort = ir::Sort::bv(bits_for(in.domain_size));
  }
  std::uint32_t id = static_cast<std::uint32_t>(L_.ts_.inputs.size());
  L_.ts_.inputs.push_back(in);
  act_->inputs.push_back(id);
  ExprId v = pool.input(id, in.sort);
  if (is_bool) return v;
  return pool.binary(Op::Add, pool.extend(Op::ZExt, v, 64), pool.constant(ir::Sort::bv(64), lo));
}

}  // namespace ctcheck::frontend::lowering
