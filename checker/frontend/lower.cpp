#include "frontend/lower.h"

#include <map>

#include "frontend/builtins.h"
#include "frontend/cfg.h"
#include "frontend/const_eval.h"
#include "frontend/lower_expr.h"
#include "frontend/lowering_budget.h"
#include "frontend/parser.h"
#include "frontend/types.h"

namespace ctcheck::frontend {
namespace {

using ir::ExprId;
using ir::Op;
constexpr std::uint64_t kPcNone = 0, kPcReturn = 1, kPcFirst = 2;

// The symbolic state inside one step: values written so far, the path
// condition, the conjunction of assumes, and where control goes next.
struct SymState {
  std::map<std::uint32_t, ExprId> env;
  ExprId path, guard;
  std::optional<ExprId> next_pc;
};

class Lowerer;

// Evaluates model expressions for one (CPU, level, entry) instance.
class InstanceEnv : public ExprEnv {
 public:
  InstanceEnv(Lowerer &L, int cpu, int level, int entry, const Frame *frame, SymState *st, ir::Action *act)
      : L_(L), cpu_(cpu), level_(level), entry_(entry), frame_(frame), st_(st), act_(act) {}
  ExprId variable(const Expr &e) override;
  ExprId call(const Expr &e) override;
  void require(const Requirement &r) override;
  void enter(const Expr &e) override;
  void leave() override;
  ExprId eval(const Expr &e);
  bool invariant = false;  // evaluating an invariant: no context, no inputs
  // In an invariant, which has no step to blame, a requirement becomes part of
  // the invariant itself: collected here.
  std::vector<ExprId> *invariant_requirements = nullptr;
  // Inside the body of an expression procedure: its arguments, by parameter index.
  const ProcDecl *expr_proc = nullptr;
  std::vector<ExprId> expr_proc_args;

 private:
  ExprId old_value(const Expr &e);
  ExprId nondet(const Expr &e);
  Lowerer &L_;
  int cpu_, level_, entry_;
  const Frame *frame_;
  SymState *st_;
  ir::Action *act_;
  friend class Lowerer;
};

class Lowerer {
 public:
  Lowerer(const Model &m, Diagnostics &d, const SourceManager &sm, ir::TransitionSystem &ts,
          const Limits &limits)
      : m_(m), diags_(d), sm_(sm), ts_(ts), pool_(ts.pool), limits_(limits), budget_(limits, d) {}

  void run() {
    ts_.levels = budget_.context_levels(m_);
    build_entries();
    if (diags_.has_errors()) return;
    layout();
    for (const InvariantDecl *inv : m_.invariants)
      ts_.properties[property(inv->name, inv->message, inv->loc, ir::PropertyKind::Invariant)].lemma =
          inv->lemma;
    for (int c = 0; c < m_.cpus; ++c)
      for (int l = 0; l < ts_.levels; ++l)
        for (int e : entries_at(c, l)) exec_actions(c, l, e);
    for (int c = 0; c < m_.cpus; ++c)
      for (int l = 1; l < ts_.levels; ++l) {
        for (std::size_t s = 0; s < m_.sources.size(); ++s) deliver_action(c, l, static_cast<int>(s));
        return_action(c, l);
      }
    invariants();
    ts_.init_constraint = pool_.tru();
  }

  // ---------- reading and writing state ----------
  ExprId read(SymState *st, std::uint32_t v) {
    if (st) {
      auto it = st->env.find(v);
      if (it != st->env.end()) return it->second;
    }
    return pool_.var(v, ts_.vars[v].sort);
  }
  // A stored value as an expression value (ranges are stored as offsets from lo).
  ExprId load(SymState *st, std::uint32_t v, const Type &t) {
    ExprId raw = read(st, v);
    if (!t.is(TypeKind::Range)) return raw;
    return pool_.binary(Op::Add, pool_.extend(Op::ZExt, raw, 64), pool_.constant(ir::Sort::bv(64), t.lo));
  }
  std::uint32_t model_var(const VarDecl *d, int cpu) const {
    const auto &v = var_index_.at(d);
    return v.size() == 1 ? v[0] : v.at(cpu);
  }
  std::uint32_t slot_var(int cpu, int level, int entry, int slot) const {
    return slot_vars_.at({cpu, level, entry})[slot];
  }

 private:
  friend class InstanceEnv;

  // ---------- entries and layout ----------
  void build_entries() {
    auto add = [&](const ProcDecl *p) {
      if (entry_of_.count(p)) return;
      entry_of_[p] = static_cast<int>(cfgs_.size());
      cfgs_.push_back(build_cfg(*p, diags_, limits_));
    };
    for (const ProcDecl *t : m_.task_of_cpu) add(t);
    for (const InterruptSource &s : m_.sources) add(s.handler);
  }

  std::vector<int> entries_at(int cpu, int level) const {
    if (level == 0) return {entry_of_.at(m_.task_of_cpu[cpu])};
    std::vector<int> out;
    for (const InterruptSource &s : m_.sources) out.push_back(entry_of_.at(s.handler));
    return out;
  }

  std::uint32_t add_var(ir::StateVar v) {
    ts_.vars.push_back(std::move(v));
    return static_cast<std::uint32_t>(ts_.vars.size() - 1);
  }
  static ir::Sort storage_sort(const Type &t) {
    return t.is(TypeKind::Bool) ? ir::Sort::boolean() : ir::Sort::bv(storage_bits(t));
  }
  ir::StateVar typed_var(const std::string &name, const Type &t, ir::VarRole role) {
    ir::StateVar v;
    v.name = name;
    v.sort = storage_sort(t);
    v.role = role;
    v.type_name = t.name();
    if (t.is(TypeKind::Enum)) {
      v.enum_names = t.enm->names;
      v.type_name = t.enm->name;
    }
    v.is_signed = t.is(TypeKind::Int) && t.is_signed;
    return v;
  }
  ir::StateVar machine_var(const std::string &name, ir::Sort s, ir::VarRole role, int cpu, int level,
                           std::uint64_t init) {
    ir::StateVar v;
    v.name = name;
    v.sort = s;
    v.role = role;
    v.cpu = cpu;
    v.level = level;
    v.init = init;
    v.type_name = s.is_bool ? "bool" : "u" + std::to_string(s.width);
    return v;
  }

  // Every instance of every entry, counted before layout() allocates a table
  // of actions per CPU, level and step.
  void reserve_steps() {
    std::size_t steps = 0, largest = 0;
    for (int c = 0; c < m_.cpus; ++c)
      for (int l = 0; l < ts_.levels; ++l)
        for (int e : entries_at(c, l)) steps += cfgs_[e].size;
    for (std::size_t e = 1; e < cfgs_.size(); ++e)
      if (cfgs_[e].size > cfgs_[largest].size) largest = e;
    budget_.reserve(steps, cfgs_[largest].proc->loc);
  }

  // What layout() allocates, counted before it does.
  void check_state_bits(unsigned pc_bits, unsigned depth_bits, unsigned src_bits) {
    std::size_t bits = 0;
    for (const VarDecl *d : m_.vars)
      bits += storage_bits(d->type.resolved) * (d->storage == Storage::Global ? 1 : m_.cpus);
    std::vector<std::size_t> slot_bits(cfgs_.size(), 0), entry_bits(cfgs_.size(), 0);
    for (std::size_t e = 0; e < cfgs_.size(); ++e)
      for (const Slot &s : cfgs_[e].slots) slot_bits[e] += storage_bits(s.type);
    for (int c = 0; c < m_.cpus; ++c) {
      bits += 2 + depth_bits;  // IF, user, depth
      for (int l = 0; l < ts_.levels; ++l) {
        bits += src_bits + pc_bits + 2;  // src, pc, saved_IF, saved_user
        for (int e : entries_at(c, l)) {
          bits += slot_bits[e];
          entry_bits[e] += slot_bits[e];
        }
      }
    }
    std::size_t largest = 0;
    for (std::size_t e = 1; e < cfgs_.size(); ++e)
      if (entry_bits[e] > entry_bits[largest]) largest = e;
    budget_.check_state_bits(bits, *cfgs_[largest].proc, entry_bits[largest]);
  }

  void layout() {
    std::uint64_t next = kPcFirst;
    for (const EntryCfg &e : cfgs_) {
      base_.push_back(next);
      next += e.nodes.size();
    }
    const ir::Sort pc_sort = ir::Sort::bv(bits_for(next));
    const ir::Sort depth_sort = ir::Sort::bv(bits_for(ts_.levels));
    const ir::Sort src_sort = ir::Sort::bv(bits_for(m_.sources.size() + 1));
    reserve_steps();
    check_state_bits(pc_sort.width, depth_sort.width, src_sort.width);
    ts_.default_depth = m_.bound;
    for (const InterruptSource &s : m_.sources) {
      ir::InterruptSource src;
      src.name = s.handler->name;
      src.kind = s.kind == InterruptKind::Irq   ? ir::SourceKind::Irq
                 : s.kind == InterruptKind::Nmi ? ir::SourceKind::Nmi
                                                : ir::SourceKind::Exception;
      src.nesting = s.nest;
      ts_.sources.push_back(src);
    }
    // Model variables.
    for (const VarDecl *d : m_.vars) {
      const Type &t = d->type.resolved;
      int copies = d->storage == Storage::Global ? 1 : m_.cpus;
      for (int c = 0; c < copies; ++c) {
        std::string name = d->storage == Storage::Global || m_.cpus == 1
                               ? d->name
                               : "cpu" + std::to_string(c) + "." + d->name;
        ir::StateVar v = typed_var(name, t, ir::VarRole::Model);
        v.cpu = d->storage == Storage::Global ? -1 : c;
        if (!d->init_any) {
          std::uint64_t init = d->initial_value;
          if (t.is(TypeKind::Range))
            init -= static_cast<std::uint64_t>(t.lo);  // stored as the offset from lo, modulo 2^64
          v.init = init & ir::mask_of(v.sort.width);
        }
        var_index_[d].push_back(add_var(std::move(v)));
      }
    }
    // Machine state and context-local slots per CPU.
    for (int c = 0; c < m_.cpus; ++c) {
      std::string p = "cpu" + std::to_string(c) + ".";
      ir::CpuLayout cl;
      cl.task = m_.task_of_cpu[c]->name;
      cl.irq_flag = add_var(machine_var(p + "IF", ir::Sort::boolean(), ir::VarRole::IrqFlag, c, -1, 1));
      cl.user_mode = add_var(machine_var(p + "user", ir::Sort::boolean(), ir::VarRole::UserMode, c, -1,
                                         m_.task_starts_user[c] ? 1 : 0));
      cl.depth = add_var(machine_var(p + "depth", depth_sort, ir::VarRole::Depth, c, -1, 0));
      int task_entry = entry_of_.at(m_.task_of_cpu[c]);
      for (int l = 0; l < ts_.levels; ++l) {
        std::string q = p + "l" + std::to_string(l) + ".";
        cl.source.push_back(add_var(machine_var(q + "src", src_sort, ir::VarRole::Source, c, l, 0)));
        std::uint64_t pc0 = l == 0 ? entry_pc(task_entry, cfgs_[task_entry].start_label) : kPcNone;
        cl.pc.push_back(add_var(machine_var(q + "pc", pc_sort, ir::VarRole::Pc, c, l, pc0)));
        cl.saved_if.push_back(
            add_var(machine_var(q + "saved_IF", ir::Sort::boolean(), ir::VarRole::SavedIf, c, l, 0)));
        cl.saved_user.push_back(
            add_var(machine_var(q + "saved_user", ir::Sort::boolean(), ir::VarRole::SavedUser, c, l, 0)));
        for (int e : entries_at(c, l)) {
          std::vector<std::uint32_t> &slots = slot_vars_[{c, l, e}];
          for (const Slot &s : cfgs_[e].slots) {
            ir::StateVar v = typed_var(q + cfgs_[e].proc->name + "." + s.name, s.type,
                                       s.ghost ? ir::VarRole::Ghost : ir::VarRole::Local);
            v.cpu = c;
            v.level = l;
            v.init = 0;
            slots.push_back(add_var(std::move(v)));
          }
        }
      }
      ts_.cpus.push_back(cl);
    }
    ts_.exec_at.assign(m_.cpus, std::vector<std::vector<int>>(ts_.levels, std::vector<int>(next, -1)));
    ts_.deliver_at.assign(m_.cpus,
                          std::vector<std::vector<int>>(ts_.levels, std::vector<int>(m_.sources.size(), -1)));
    ts_.return_at.assign(m_.cpus, std::vector<int>(ts_.levels, -1));
  }

  std::uint64_t entry_pc(int entry, int label) const {
    int node = cfgs_[entry].label_node[label];
    return node < 0 ? kPcReturn : base_[entry] + node;
  }
  ExprId pc_const(std::uint64_t pc) { return pool_.constant(ts_.vars[ts_.cpus[0].pc[0]].sort, pc); }
  ExprId var_eq(std::uint32_t v, std::uint64_t value) {
    return pool_.eq(pool_.var(v, ts_.vars[v].sort), pool_.constant(ts_.vars[v].sort, value));
  }

  std::uint32_t property(const std::string &name, const std::string &msg, const Loc &loc,
                         ir::PropertyKind kind) {
    auto it = prop_id_.find(name);
    if (it != prop_id_.end()) {
      if (ts_.properties[it->second].kind != kind)
        diags_.error(loc, "'" + name + "' is used both as an invariant and as an assertion");
      return it->second;
    }
    ir::Property p;
    p.name = name;
    p.message = msg;
    p.kind = kind;
    p.loc = to_ir(loc);
    ts_.properties.push_back(p);
    prop_id_[name] = static_cast<std::uint32_t>(ts_.properties.size() - 1);
    return prop_id_[name];
  }
  ir::SourceLoc to_ir(const Loc &l) const { return {l.file >= 0 ? sm_.path(l.file) : "", l.line, l.col}; }

  // ---------- Exec actions ----------
  void exec_actions(int c, int l, int e) {
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
      SymState st{{}, pool_.tru(), pool_.tru(), std::nullopt};
      run_ops(node.ops, c, l, e, st, a);
      a.guard = st.guard;
      for (const auto &[v, val] : st.env) a.updates.push_back({v, val});
      a.updates.push_back({cl.pc[l], st.next_pc ? *st.next_pc : pc_const(kPcReturn)});
      ts_.exec_at[c][l][a.pc] = static_cast<int>(ts_.actions.size());
      ts_.actions.push_back(std::move(a));
    }
  }

  int source_index(const ProcDecl *p) const {
    for (std::size_t i = 0; i < m_.sources.size(); ++i)
      if (m_.sources[i].handler == p) return static_cast<int>(i);
    return -1;
  }

  void run_ops(const std::vector<MicroOp> &ops, int c, int l, int e, SymState &st, ir::Action &a) {
    for (const MicroOp &op : ops) run_op(op, c, l, e, st, a);
  }

  std::uint32_t lvalue_var(const LValue &lv, int c, int l, int e, int k) const {
    if (lv.kind == LValue::Slot) return slot_var(c, l, e, lv.slot);
    return model_var(lv.var, k);
  }

  void write(const LValue &lv, ExprId value, int c, int l, int e, SymState &st, ir::Action &a,
             InstanceEnv &env, bool range_check = true) {
    ExprId stored = value;
    const Type &t = lv.type;
    if (t.is(TypeKind::Range)) {
      if (range_check) {
        ExprId lo = pool_.constant(ir::Sort::bv(64), t.lo), hi = pool_.constant(ir::Sort::bv(64), t.hi);
        ExprId ok = pool_.land(pool_.binary(Op::Sle, lo, value), pool_.binary(Op::Sle, value, hi));
        std::uint32_t p = property("range", "a range-typed variable left its declared range", {},
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

  // The CPU of per_cpu(var, cpu) as an s64. It is evaluated in the frame that
  // wrote the lvalue: for `per_cpu(v, other) = f();` the callee's `return`
  // does the write, but `other` is the caller's local.
  ExprId per_cpu_index(const LValue &lv, SymState &st, InstanceEnv &env) {
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

  // A built-in run-time property checked where the action reaches `reach`.
  void runtime_check(const Requirement &r, ExprId reach, ir::Action &a) {
    std::uint32_t p = property(r.property, r.message, {}, ir::PropertyKind::Assertion);
    for (const ir::Check &c : a.checks)
      if (c.property == p && c.reach == reach && c.cond == r.ok) return;  // e.g. read and write of x += 1
    a.checks.push_back({p, reach, r.ok, to_ir(r.loc), r.message});
  }

  ExprId read_lvalue(const LValue &lv, int c, int l, int e, SymState &st, InstanceEnv &env) {
    if (lv.kind != LValue::PerCpu) return load(&st, lvalue_var(lv, c, l, e, c), lv.type);
    ExprId cpu = per_cpu_index(lv, st, env);
    ExprId out = load(&st, model_var(lv.var, m_.cpus - 1), lv.type);
    for (int k = m_.cpus - 2; k >= 0; --k)
      out = pool_.ite(pool_.eq(cpu, pool_.constant(ir::Sort::bv(64), k)),
                      load(&st, model_var(lv.var, k), lv.type), out);
    return out;
  }

  void run_op(const MicroOp &op, int c, int l, int e, SymState &st, ir::Action &a) {
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
      case MicroOp::Jump: {
        st.next_pc = pc_const(entry_pc(e, op.label));
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

  // ---------- Deliver and Return ----------
  void deliver_action(int c, int l, int s) {
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
    st.env[cl.saved_if[l]] = pool_.var(cl.irq_flag, ir::Sort::boolean());
    st.env[cl.saved_user[l]] = pool_.var(cl.user_mode, ir::Sort::boolean());
    st.env[cl.irq_flag] = pool_.fls();
    st.env[cl.user_mode] = pool_.fls();
    for (const auto &[v, val] : st.env) a.updates.push_back({v, val});
    ts_.deliver_at[c][l][s] = static_cast<int>(ts_.actions.size());
    ts_.actions.push_back(std::move(a));
  }

  // The top context at `level` is about to execute a may_fault() step.
  ExprId fault_point(int c, int level) {
    ExprId any = pool_.fls();
    for (int e : entries_at(c, level))
      for (std::size_t n = 0; n < cfgs_[e].nodes.size(); ++n)
        if (cfgs_[e].nodes[n].fault_point) any = pool_.lor(any, var_eq(ts_.cpus[c].pc[level], base_[e] + n));
    return any;
  }

  void return_action(int c, int l) {
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

  void invariants() {
    for (const InvariantDecl *inv : m_.invariants) {
      ExprId all = pool_.tru();
      for (int c = 0; c < m_.cpus; ++c) {
        budget_.begin("invariant '" + inv->name + "'", 0);
        std::vector<ExprId> requirements;
        InstanceEnv env(*this, c, -1, -1, nullptr, nullptr, nullptr);
        env.invariant = true;
        env.invariant_requirements = &requirements;
        ExprLowerer low(pool_, diags_, env);
        ExprId holds = low.to_bool(env.eval(*inv->cond), inv->cond->type);
        for (ExprId r : requirements) holds = pool_.land(r, holds);
        all = pool_.land(all, holds);
      }
      ts_.properties[prop_id_.at(inv->name)].holds = all;
    }
  }

  const Model &m_;
  Diagnostics &diags_;
  const SourceManager &sm_;
  ir::TransitionSystem &ts_;
  ir::ExprPool &pool_;
  std::vector<EntryCfg> cfgs_;
  std::map<const ProcDecl *, int> entry_of_;
  std::vector<std::uint64_t> base_;
  std::map<const VarDecl *, std::vector<std::uint32_t>> var_index_;
  std::map<std::tuple<int, int, int>, std::vector<std::uint32_t>> slot_vars_;
  std::map<std::string, std::uint32_t> prop_id_;
  const Limits &limits_;
  LoweringBudget budget_;
};

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

}  // namespace

bool lower(const Model &model, Diagnostics &diags, const SourceManager &sm, ir::TransitionSystem &out,
           const Limits &limits) {
  try {
    Lowerer(model, diags, sm, out, limits).run();
  } catch (FatalError &) {
  }
  return !diags.has_errors();
}

bool load_model(const std::string &path, const FileReader &reader, LoadedModel &out, Diagnostics &diags,
                const Limits &limits) {
  if (!load_program(path, reader, out.sources, diags, out.program, limits.max_nesting)) return false;
  if (!analyse(out.program, diags, out.model)) return false;
  out.ts.model_file = path;
  return lower(out.model, diags, out.sources, out.ts, limits);
}

}  // namespace ctcheck::frontend
