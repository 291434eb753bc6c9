#include "frontend/cfg.h"

#include <algorithm>
#include <deque>
#include <set>

#include "frontend/builtins.h"
#include "frontend/const_eval.h"
#include "frontend/static_regions.h"

namespace ctcheck::frontend {

std::vector<std::string> Frame::stack() const {
  std::vector<std::string> out;
  for (const Frame *f = this; f; f = f->parent) out.insert(out.begin(), f->proc->name);
  return out;
}

namespace {
// The nearest frame on the call stack whose procedure is marked, or null.
const Frame *nearest_marked(const Frame *f) {
  while (f && f->proc->section == Section::Inline) f = f->parent;
  return f;
}
}  // namespace

const Frame *Frame::noinstr_owner() const {
  const Frame *m = nearest_marked(this);
  return m && m->proc->section == Section::Noinstr ? m : nullptr;
}

bool Frame::in_instrumentable() const {
  const Frame *m = nearest_marked(this);
  return m && m->proc->section == Section::Instrumentable;
}

namespace {

struct LoopCtx {
  int break_label, continue_label;
  int counter = -1;  // slot, for bounded loops
};

// Whether a noinstr procedure needs its region count: it (or a plain helper it
// calls, which is inlined into its section) marks a region or calls
// instrumentable code. Memoised: helpers are shared by many procedures. The
// helpers are walked with an explicit stack: a call chain can be as long as
// the model (inlining it fails later, with a located error).
class RegionUse {
 public:
  bool of(const ProcDecl &root) {
    std::vector<const ProcDecl *> stack{&root};
    while (!stack.empty()) {
      const ProcDecl *p = stack.back();
      if (memo_.count(p)) {
        stack.pop_back();
        continue;
      }
      auto [it, fresh] = scans_.try_emplace(p);
      if (fresh) scan(*p->body, it->second);
      const Scan &s = it->second;
      bool uses = s.direct;
      std::vector<const ProcDecl *> undecided;
      for (const ProcDecl *c : s.helpers) {
        auto m = memo_.find(c);
        if (m == memo_.end())
          undecided.push_back(c);
        else
          uses |= m->second;
      }
      if (!uses && !undecided.empty()) {  // decided once its helpers are
        stack.insert(stack.end(), undecided.begin(), undecided.end());
        continue;
      }
      memo_[p] = uses;
      stack.pop_back();
    }
    return memo_.at(&root);
  }

 private:
  // What a procedure's own body does: marks or instrumentable calls, and the
  // plain procedures it calls.
  struct Scan {
    bool direct = false;
    std::vector<const ProcDecl *> helpers;
  };
  static void scan(const Stmt &s, Scan &out) {
    if (s.e1) scan(*s.e1, out);
    if (s.e2) scan(*s.e2, out);
    for (const auto &c : s.body) scan(*c, out);
  }
  static void scan(const Expr &e, Scan &out) {
    if (e.builtin && e.builtin->step() && e.builtin->step()->marks_region()) out.direct = true;
    if (e.callee && !e.callee->expression_body) {
      if (e.callee->section == Section::Instrumentable) out.direct = true;
      if (e.callee->section == Section::Inline) out.helpers.push_back(e.callee);
    }
    for (const auto &a : e.args) scan(*a, out);
  }
  std::map<const ProcDecl *, bool> memo_;
  std::map<const ProcDecl *, Scan> scans_;
};

class Builder {
 public:
  Builder(const ProcDecl &entry, const std::vector<const RequiresDecl *> &instrumentable_requires,
          Diagnostics &d, const Limits &limits)
      : diags_(d), consts_(d), limits_(limits), requires_(instrumentable_requires) {
    cfg_.proc = &entry;
  }

  EntryCfg run() {
    cfg_.start_label = new_label();
    pending_ = {cfg_.start_label};
    Frame *f = new_frame(*cfg_.proc, nullptr, cfg_.proc->loc);
    inline_body(*cfg_.proc, f, nullptr);
    // Whatever is still pending goes to the end of the entry (return / task done).
    for (int l : pending_) target_[l] = -1;
    finish();
    return std::move(cfg_);
  }

 private:
  int new_label() {
    target_.push_back(-2);  // -2: unresolved
    alias_.push_back(-1);
    resets_.emplace_back();
    costs_.emplace_back();
    return static_cast<int>(target_.size()) - 1;
  }
  // Jumps waiting on `pending_` go wherever `to` goes, resetting `counters` on the way.
  void redirect(int to, const std::vector<int> &counters = {}) {
    for (int l : pending_) {
      alias_[l] = to;
      resets_[l].insert(resets_[l].end(), counters.begin(), counters.end());
    }
    pending_.clear();
  }
  [[noreturn]] void fail(const Loc &at, const std::string &message) {
    diags_.error(at, message);
    throw FatalError{};
  }
  // The entry's size after inlining (EntryCfg::size).
  void grow(std::size_t by, const Loc &at) {
    cfg_.size += by;
    if (cfg_.size > limits_.max_inline_nodes)
      fail(at, "'" + cfg_.proc->name + "' is too large after inlining " +
                   limit_hint(limits_.max_inline_nodes, kMaxInlineNodesFlag));
  }
  // Statement nesting plus inlined calls, so deep input cannot exhaust the stack.
  struct Nest {
    Builder &b;
    Nest(Builder &builder, const Loc &at) : b(builder) {
      if (b.depth_ >= b.limits_.max_nesting)
        b.fail(at, "nesting too deep " + limit_hint(b.limits_.max_nesting, kMaxNestingFlag));
      ++b.depth_;
    }
    ~Nest() { --b.depth_; }
  };

  Node &new_node(const Stmt &s, const Frame *f) { return new_node(s.loc, s.text, f); }
  Node &new_node(const Loc &loc, const std::string &text, const Frame *f) {
    int id = static_cast<int>(cfg_.nodes.size());
    for (int l : pending_) target_[l] = id;
    pending_.clear();
    Node n;
    n.loc = loc;
    n.text = text;
    n.stack = f->stack();
    n.ops = std::move(fused_);
    fused_.clear();
    grow(n.stack.size(), loc);
    cfg_.nodes.push_back(std::move(n));
    return cfg_.nodes.back();
  }
  // Ends a node: its fall-through continues at the next node created.
  void fallthrough(Node &n) {
    MicroOp j;
    j.kind = MicroOp::Jump;
    j.label = new_label();
    n.ops.push_back(j);
    pending_.push_back(j.label);
  }
  int new_slot(const std::string &name, const Type &t, bool ghost = false) {
    cfg_.slots.push_back({name, t, ghost});
    return static_cast<int>(cfg_.slots.size()) - 1;
  }
  Frame *new_frame(const ProcDecl &proc, const Frame *parent, const Loc &at) {
    grow(1, at);
    auto f = std::make_unique<Frame>();
    f->proc = &proc;
    f->parent = parent;
    f->locals.resize(proc.locals.size());
    if (proc.section == Section::Noinstr && region_use_.of(proc))
      f->region_slot =
          new_slot(proc.name + ".instrumentation_regions", Type::range(0, kMaxOpenRegions), true);
    cfg_.frames.push_back(std::move(f));
    return cfg_.frames.back().get();
  }

  // ---------- noinstr (docs/language.md, "noinstr") ----------
  MicroOp region_op(MicroOp::Kind kind, const Frame *owner, const Loc &at, const std::string &message) {
    MicroOp op;
    op.kind = kind;
    op.lhs =
        LValue{LValue::Slot, owner->region_slot, nullptr, nullptr, owner, Type::range(0, kMaxOpenRegions)};
    op.frame = owner;
    op.loc = at;
    op.message = message;
    op.property = kind == MicroOp::RegionInside ? kNoinstrCallOutsideRegion : kNoinstrRegionBalanced;
    return op;
  }
  // instrumentation_begin() / instrumentation_end() in `f`: nothing outside noinstr code.
  void region_marker_ops(const Expr &call, const Frame *f, std::vector<MicroOp> &ops) {
    const Frame *owner = f->noinstr_owner();
    if (!owner) return;
    if (call.builtin->step()->kind == BuiltinStep::RegionBegin)
      ops.push_back(region_op(MicroOp::RegionBegin, owner, call.loc,
                              "more than " + std::to_string(kMaxOpenRegions) +
                                  " nested instrumentation regions in " + owner->proc->name +
                                  "() (the model's bound)"));
    else
      ops.push_back(region_op(
          MicroOp::RegionEnd, owner, call.loc,
          "instrumentation_end() without a matching instrumentation_begin() in " + owner->proc->name + "()"));
  }
  // A call from `caller` to instrumentable `callee`: inside a region when the
  // caller is noinstr, and every `instrumentable requires` condition.
  void instrumentable_call_ops(const ProcDecl &callee, const Frame *caller, const Loc &at,
                               std::vector<MicroOp> &ops) {
    if (callee.section != Section::Instrumentable || caller->in_instrumentable()) return;
    if (const Frame *owner = caller->noinstr_owner())
      ops.push_back(region_op(MicroOp::RegionInside, owner, at,
                              "call to " + callee.name + "() leaves .noinstr.text section: " +
                                  owner->proc->name + "() calls it outside instrumentation_begin()/end()"));
    for (const RequiresDecl *r : requires_) {
      MicroOp op;
      op.kind = MicroOp::Check;
      op.expr = r->cond.get();
      op.frame = caller;
      op.loc = at;
      op.message = r->message + " (call to " + callee.name + "())";
      op.property = r->property;
      ops.push_back(op);
    }
  }
  // The return of a noinstr frame with a region count: every region closed.
  void regions_closed(const Frame *f, const Loc &at) {
    if (f->region_slot < 0) return;
    Node &n = new_node(at, "return from " + f->proc->name + "(): its instrumentation regions are closed", f);
    n.ops.push_back(region_op(MicroOp::RegionClosed, f, at,
                              f->proc->name + "() returns inside an instrumentation_begin()/end() region"));
    fallthrough(n);
  }

  // Resolves every label through its chain of aliases to a node, collecting
  // the loop counters reset on the way; each label is resolved once. A chain
  // that runs into a cycle of jumps never reaches a step (`while (true) { }`,
  // `L: goto L;`): reported, not taken as a return.
  void finish() {
    constexpr int kUnresolved = -3, kOnChain = -4, kCycle = -2;
    const std::size_t n = target_.size();
    cfg_.label_node.assign(n, kUnresolved);
    cfg_.label_resets.assign(n, {});
    cfg_.label_costs.assign(n, {});
    std::vector<int> chain;
    for (std::size_t start = 0; start < n; ++start) {
      int l = static_cast<int>(start);
      while (cfg_.label_node[l] == kUnresolved && alias_[l] >= 0) {
        cfg_.label_node[l] = kOnChain;
        chain.push_back(l);
        l = alias_[l];
      }
      // `l` ends the chain: a target, an already resolved label, or one on the chain (a cycle).
      int node = cfg_.label_node[l] == kOnChain      ? kCycle
                 : cfg_.label_node[l] == kUnresolved ? target_[l]
                                                     : cfg_.label_node[l];
      std::vector<int> resets;
      std::vector<CfgCost> costs;
      if (cfg_.label_node[l] == kUnresolved) {
        cfg_.label_node[l] = node;
        cfg_.label_resets[l] = resets_[l];
        cfg_.label_costs[l] = costs_[l];
      }
      if (node != kCycle) {
        resets = cfg_.label_resets[l];
        costs = cfg_.label_costs[l];
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        resets.insert(resets.begin(), resets_[*it].begin(), resets_[*it].end());
        costs.insert(costs.begin(), costs_[*it].begin(), costs_[*it].end());
        cfg_.label_node[*it] = node;
        cfg_.label_resets[*it] = resets;
        cfg_.label_costs[*it] = costs;
      }
      chain.clear();
    }
    for (std::size_t l = 0; l < n; ++l) {
      if (cfg_.label_node[l] != kCycle) continue;
      diags_.error(cfg_.proc->loc, "in '" + cfg_.proc->name + "': a loop or goto cycle takes no step");
      cfg_.label_node[l] = -1;
    }
  }

  // ---------- procedures ----------
  // Stable arguments (constants, the caller's locals) are substituted; others
  // get a slot assigned in one step.
  bool stable(const Expr &e, const Frame *f) const {
    switch (e.kind) {
      case ExprKind::IntLit:
      case ExprKind::BoolLit:
        return true;
      case ExprKind::Name:
        if (e.constant || e.enumeration) return true;
        return e.local_of && f;
      case ExprKind::Call:
        return e.builtin && e.builtin->stable;
      default:
        for (const auto &a : e.args)
          if (!stable(*a, f)) return false;
        return true;
    }
  }
  static bool assigns_local(const Stmt &s, int index) {
    if (s.kind == StmtKind::Assign && s.e1->kind == ExprKind::Name && s.e1->local_index == index) return true;
    if (s.kind == StmtKind::ExprStmt && s.e1->builtin && s.e1->builtin->writes_arg() &&
        s.e1->args[0]->local_index == index)
      return true;
    for (const auto &c : s.body)
      if (assigns_local(*c, index)) return true;
    return false;
  }

  // Inlines `proc` called with `call` (null for the entry) from frame `caller`;
  // `target` receives the return value.
  void inline_call(const Expr &call, const Frame *caller, const LValue *target, const Stmt &site) {
    const ProcDecl &proc = *call.callee;
    Nest nest(*this, site.loc);
    Frame *f = new_frame(proc, caller, site.loc);
    std::vector<MicroOp> binds;
    for (std::size_t i = 0; i < proc.params.size() && i < call.args.size(); ++i) {
      const Expr &arg = *call.args[i];
      if (stable(arg, caller) && !assigns_local(*proc.body, static_cast<int>(i))) {
        f->locals[i].subst = &arg;
        f->locals[i].subst_frame = caller;
        continue;
      }
      hoist_calls(arg, caller, site);
      int slot = new_slot(proc.name + "." + proc.params[i].name, proc.locals[i].type);
      f->locals[i].slot = slot;
      MicroOp a;
      a.kind = MicroOp::Assign;
      a.lhs = LValue{LValue::Slot, slot, nullptr, nullptr, f, proc.locals[i].type};
      a.assign_op = "=";
      a.expr = &arg;
      a.frame = caller;
      binds.push_back(a);
    }
    // The checks of a call into instrumentable code read state and change
    // none: they run at the start of the call's first step, the argument copy
    // or the callee's first statement (docs/semantics.md, "noinstr"), when
    // that step is surely the next one and runs once per call; else in a step
    // of their own.
    std::vector<MicroOp> checks;
    instrumentable_call_ops(proc, caller, call.loc, checks);
    if (!checks.empty() && binds.empty() && !starts_with_its_own_step(*proc.body)) {
      Node &n = new_node(site, caller);
      n.ops = checks;
      fallthrough(n);
      checks.clear();
    }
    fused_ = std::move(checks);
    if (!binds.empty()) {
      Node &n = new_node(site, caller);
      n.ops.insert(n.ops.end(), binds.begin(), binds.end());
      fallthrough(n);
    }
    inline_body(proc, f, target);
  }

  // Whether the first statement of `body` is a step that control reaches
  // first and only once per call: not a loop head, a label or a jump, not a
  // statement without a step (a constant `if`, a built-in like smp_mb(), a
  // local without initialiser), not a call whose own first step is elsewhere.
  static bool starts_with_its_own_step(const Stmt &body) {
    const Stmt *s = &body;
    while (s->kind == StmtKind::Block) {
      auto it = std::find_if(s->body.begin(), s->body.end(),
                             [](const StmtPtr &c) { return !(c->kind == StmtKind::Local && !c->e1); });
      if (it == s->body.end()) return false;
      s = it->get();
    }
    switch (s->kind) {
      case StmtKind::Atomic:
        return true;
      case StmtKind::Local:
      case StmtKind::Assert:
      case StmtKind::Assume:
        return !calls_a_procedure(s->e1.get());
      case StmtKind::Assign:
        return !calls_a_procedure(s->e1.get()) && !calls_a_procedure(s->e2.get());
      case StmtKind::If:
        return !is_constant_expr(*s->e1) && !calls_a_procedure(s->e1.get());
      case StmtKind::Return:
        return s->e1 && !calls_a_procedure(s->e1.get());
      case StmtKind::ExprStmt: {
        const Expr &e = *s->e1;
        if (e.callee) return e.callee->expression_body != nullptr;  // an unused value: one step
        const BuiltinStep *step = e.builtin->step();
        return step && step->kind != BuiltinStep::None && !step->marks_region();
      }
      default:
        return false;
    }
  }
  // Whether `e` (null: no expression, e.g. the right side of `x++`) calls a
  // procedure with steps, which is inlined before the statement's own step.
  static bool calls_a_procedure(const Expr *e) {
    if (!e) return false;
    if (e->callee && !e->callee->expression_body) return true;
    for (const auto &a : e->args)
      if (calls_a_procedure(a.get())) return true;
    return false;
  }

  void inline_body(const ProcDecl &proc, Frame *f, const LValue *target) {
    for (std::size_t i = proc.params.size(); i < proc.locals.size(); ++i)
      f->locals[i].slot = new_slot(proc.name + "." + proc.locals[i].name, proc.locals[i].type);
    ProcState ps{f, target, new_label(), {}, {}};
    proc_.push_back(&ps);
    for (const auto &s : proc.body->body) stmt(*s);
    proc_.pop_back();
    // Labels at the very end, and returns, continue after the call.
    pending_.push_back(ps.return_label);
    regions_closed(f, proc.body->loc);
    for (auto &[name, l] : ps.labels) (void)name, (void)l;
  }

  struct ProcState {
    Frame *frame;
    const LValue *target;
    int return_label;
    std::map<std::string, int> labels;
    std::vector<LoopCtx> loops;
  };
  ProcState &cur() { return *proc_.back(); }
  int label_for(const std::string &name) {
    auto it = cur().labels.find(name);
    if (it != cur().labels.end()) return it->second;
    return cur().labels[name] = new_label();
  }
  std::vector<int> all_counters() {
    std::vector<int> out;
    for (const LoopCtx &l : cur().loops)
      if (l.counter >= 0) out.push_back(l.counter);
    return out;
  }

  // Calls to statement procedures inside an expression run first, each into a slot.
  void hoist_calls(const Expr &e, const Frame *f, const Stmt &site) {
    for (const auto &a : e.args) hoist_calls(*a, f, site);
    if (e.callee && !e.callee->expression_body) {
      int slot = new_slot("ret." + e.op, e.callee->return_type.resolved);
      const_cast<Frame *>(f)->hoisted[&e] = slot;
      LValue t{LValue::Slot, slot, nullptr, nullptr, f, e.callee->return_type.resolved};
      lvalues_.push_back(std::make_unique<LValue>(t));
      inline_call(e, f, lvalues_.back().get(), site);
    }
  }

  LValue lvalue(const Expr &e, const Frame *f) {
    LValue lv;
    lv.frame = f;
    lv.type = e.type;
    if (e.kind == ExprKind::Call) {  // per_cpu(var, cpu)
      lv.kind = LValue::PerCpu;
      lv.var = e.args[0]->var;
      lv.cpu = e.args[1].get();
    } else if (e.local_index >= 0) {
      lv.kind = LValue::Slot;
      const Binding &b = f->locals[e.local_index];
      lv.slot = b.slot;
      if (b.slot < 0) diags_.error(e.loc, "cannot assign to parameter '" + e.op + "' bound to an argument");
    } else {
      lv.kind = LValue::Var;
      lv.var = e.var;
    }
    return lv;
  }

  // ---------- statements ----------
  void stmt(const Stmt &s) {
    Nest nest(*this, s.loc);
    Frame *f = cur().frame;
    switch (s.kind) {
      case StmtKind::Block:
        for (const auto &c : s.body) stmt(*c);
        return;
      case StmtKind::Local:
        if (!s.e1) return;
        assign_stmt(s,
                    LValue{LValue::Slot, f->locals[s.local_index].slot, nullptr, nullptr, f,
                           f->proc->locals[s.local_index].type},
                    "=", s.e1.get());
        return;
      case StmtKind::Assign:
        hoist_calls(*s.e1, f, s);
        assign_stmt(s, lvalue(*s.e1, f), s.name, s.e2.get());
        return;
      case StmtKind::ExprStmt:
        call_stmt(s, *s.e1);
        return;
      case StmtKind::If:
        if_stmt(s);
        return;
      case StmtKind::While:
        while_stmt(s);
        return;
      case StmtKind::DoWhile:
        do_while_stmt(s);
        return;
      case StmtKind::Break: {
        LoopCtx &l = cur().loops.back();
        std::vector<int> rs;
        if (l.counter >= 0) rs.push_back(l.counter);
        redirect(l.break_label, rs);
        return;
      }
      case StmtKind::Continue:
        redirect(cur().loops.back().continue_label);
        return;
      case StmtKind::Return:
        if (s.e1) {
          hoist_calls(*s.e1, f, s);
          Node &n = new_node(s, f);
          if (cur().target) n.ops.push_back(assign_op(*cur().target, "=", s.e1.get(), f));
          fallthrough(n);
        }
        redirect(cur().return_label, all_counters());
        return;
      case StmtKind::Goto:
        redirect(label_for(s.name), all_counters());
        return;
      case StmtKind::Label:
        pending_.push_back(label_for(s.name));
        return;
      case StmtKind::Assert:
      case StmtKind::Assume: {
        hoist_calls(*s.e1, f, s);
        Node &n = new_node(s, f);
        n.ops.push_back(check_op(s, f));
        fallthrough(n);
        return;
      }
      case StmtKind::Atomic:
        atomic_block(s, f);
        return;
    }
  }

  MicroOp check_op(const Stmt &s, const Frame *f) {
    MicroOp op;
    op.kind = s.kind == StmtKind::Assert ? MicroOp::Check : MicroOp::Assume;
    op.expr = s.e1.get();
    op.frame = f;
    op.loc = s.loc;
    op.message = s.message;
    op.property = s.name.empty() ? f->proc->name + ":" + std::to_string(s.loc.line) : s.name;
    return op;
  }
  MicroOp assign_op(const LValue &lv, const std::string &op, const Expr *rhs, const Frame *f) {
    MicroOp a;
    a.kind = MicroOp::Assign;
    a.lhs = lv;
    a.assign_op = op;
    a.expr = rhs;
    a.frame = f;
    return a;
  }

  void assign_stmt(const Stmt &s, const LValue &lv, const std::string &op, const Expr *rhs) {
    Frame *f = cur().frame;
    if (op == "=" && rhs && rhs->callee && !rhs->callee->expression_body) {
      for (const auto &a : rhs->args) (void)a;
      lvalues_.push_back(std::make_unique<LValue>(lv));
      inline_call(*rhs, f, lvalues_.back().get(), s);
      return;
    }
    if (rhs) hoist_calls(*rhs, f, s);
    Node &n = new_node(s, f);
    n.ops.push_back(assign_op(lv, op, rhs, f));
    fallthrough(n);
  }

  // Built-ins that are statements become micro-ops; procedure calls are inlined.
  void call_stmt(const Stmt &s, const Expr &call) {
    Frame *f = cur().frame;
    if (call.callee) {
      if (call.callee->expression_body) {  // a value nobody uses: still one step, as written
        Node &n = new_node(s, f);
        fallthrough(n);
        return;
      }
      inline_call(call, f, nullptr, s);
      return;
    }
    for (const auto &a : call.args) hoist_calls(*a, f, s);
    const BuiltinStep *step = call.builtin->step();
    if (step && step->marks_region() && !f->noinstr_owner()) return;  // a nop outside noinstr code
    if (step && step->kind == BuiltinStep::None) {
      // No step: whatever reaches this point next passes the costs.
      for (const CfgCost &c : costs_of(call, f))
        for (int l : pending_) costs_[l].push_back(c);
      return;
    }
    Node &n = new_node(s, f);
    builtin_ops(call, f, n.ops);
    n.fault_point = step && step->kind == BuiltinStep::FaultPoint;
    fallthrough(n);
  }

  // The cost events of a built-in call (its row's, or those `cost NAME N;` names).
  std::vector<CfgCost> costs_of(const Expr &call, const Frame *f) const {
    const Builtin &b = *call.builtin;
    std::vector<CostCount> counts = b.costs;
    std::string name = b.name;
    std::uint32_t times = 1;
    if (b.typing == BuiltinTyping::CostName) {
      name = call.args[0]->op;
      times = static_cast<std::uint32_t>(call.args[1]->value);
      if (const std::vector<CostCount> *named = cost_name_events(name)) counts = *named;
    }
    std::vector<CfgCost> out;
    for (const CostCount &c : counts) out.push_back({c.kind, c.count * times, name, f->proc->name, call.loc});
    return out;
  }

  // The micro-operations of a statement built-in. An expression built-in whose
  // value is unused is, like an unused expression procedure, a step that changes nothing.
  void builtin_ops(const Expr &call, const Frame *f, std::vector<MicroOp> &ops) {
    const BuiltinStep *step = call.builtin->step();
    if (!step) return;
    if (step->marks_region()) return region_marker_ops(call, f, ops);
    for (const CfgCost &c : costs_of(call, f)) {
      MicroOp op;
      op.kind = MicroOp::Cost;
      op.frame = f;
      op.cost = c;
      ops.push_back(op);
    }
    for (const BuiltinEffect &effect : step->effects) {
      MicroOp op;
      op.frame = f;
      switch (effect.kind) {
        case BuiltinEffect::SetIf:
          op.kind = MicroOp::SetIf;
          op.value = effect.value;
          break;
        case BuiltinEffect::SetUser:
          op.kind = MicroOp::SetUser;
          op.value = effect.value;
          break;
        case BuiltinEffect::SaveIf:
          op.kind = MicroOp::SaveIf;
          op.lhs = lvalue(*call.args[0], f);
          break;
        case BuiltinEffect::RestoreIf:
          op.kind = MicroOp::SetIf;
          op.expr = call.args[0].get();
          break;
      }
      ops.push_back(op);
    }
  }

  // ---------- atomic blocks: one node, no loops; calls inlined into it ----------
  //
  // Inside the node, control flow is a tree of Branch micro-ops. A `return`
  // ends its procedure: what runs after it is the rest of the caller after the
  // call (or, in the procedure holding the block, the end of that procedure).
  // The block is compiled in continuation-passing style: `Cont` is what
  // remains to run after the statement at hand, and an `if` with a `return` of
  // its own procedure in a branch gets a copy of that remainder in each branch
  // (the copies count towards the inline-size limit). Every path of the node
  // ends with exactly one jump: to after the block, or to the return label.
  struct Cont {
    enum Kind { Stmts, Stop, Fall, Leave, CloseRegions } kind = Stmts;
    const StmtPtr *next = nullptr, *end = nullptr;  // Stmts: the rest of a block
    const Frame *frame = nullptr;
    const Cont *up = nullptr;   // when the block runs out
    const Cont *ret = nullptr;  // where a `return` of `frame` continues
    int calls = 0;              // inlined calls between the block and `frame`
  };

  static bool returns_in(const Stmt &s) {
    if (s.kind == StmtKind::Return) return true;
    if (s.kind != StmtKind::Block && s.kind != StmtKind::If) return false;
    for (const auto &c : s.body)
      if (returns_in(*c)) return true;
    return false;
  }

  void atomic_block(const Stmt &s, Frame *f) {
    new_node(s, f);
    const std::size_t index = cfg_.nodes.size() - 1;
    atomic_.clear();
    atomic_dup_ = 0;
    const int fall = new_label(), leave = new_label();
    atomic_fall_ = fall;
    atomic_leave_ = leave;
    Cont &fall_k = atomic_.emplace_back();
    fall_k.kind = Cont::Fall;
    Cont &leave_k = atomic_.emplace_back();
    leave_k.kind = Cont::Leave;
    Cont &body = atomic_.emplace_back();
    body.next = s.body.data();
    body.end = s.body.data() + s.body.size();
    body.frame = f;
    body.up = &fall_k;
    body.ret = &leave_k;
    std::vector<MicroOp> ops = std::move(cfg_.nodes[index].ops);  // fused call checks first
    atomic_run(&body, ops);
    cfg_.nodes[index].ops = std::move(ops);
    atomic_.clear();
    pending_ = {leave};  // resolved even when no path returns
    redirect(cur().return_label, all_counters());
    pending_ = {fall};
  }

  void atomic_jump(int label, std::vector<MicroOp> &ops) {
    MicroOp j;
    j.kind = MicroOp::Jump;
    j.label = label;
    ops.push_back(j);
  }

  const Cont *atomic_cont(const Cont &k) {
    atomic_.push_back(k);
    return &atomic_.back();
  }

  // Appends to `ops` the micro-ops of running `k` to its end.
  void atomic_run(const Cont *k, std::vector<MicroOp> &ops) {
    while (k) {
      if (k->kind == Cont::Stop) return;
      if (k->kind == Cont::Fall) return atomic_jump(atomic_fall_, ops);
      if (k->kind == Cont::Leave) return atomic_jump(atomic_leave_, ops);
      if (k->kind == Cont::CloseRegions) {  // the return of a noinstr procedure inlined here
        ops.push_back(
            region_op(MicroOp::RegionClosed, k->frame, k->frame->proc->body->loc,
                      k->frame->proc->name + "() returns inside an instrumentation_begin()/end() region"));
        k = k->up;
        continue;
      }
      if (k->next == k->end) {
        k = k->up;
        continue;
      }
      const Stmt &s = **k->next;
      Cont rest_k = *k;
      ++rest_k.next;
      const Cont *rest = atomic_cont(rest_k);
      const Frame *f = k->frame;
      if (atomic_dup_ > 0) grow(1, s.loc);
      switch (s.kind) {
        case StmtKind::Block: {
          Cont b = *rest;
          b.next = s.body.data();
          b.end = s.body.data() + s.body.size();
          b.up = rest;
          k = atomic_cont(b);
          continue;
        }
        case StmtKind::Local:
          if (s.e1)
            ops.push_back(assign_op(LValue{LValue::Slot, f->locals[s.local_index].slot, nullptr, nullptr, f,
                                           f->proc->locals[s.local_index].type},
                                    "=", s.e1.get(), f));
          k = rest;
          continue;
        case StmtKind::Assign:
          ops.push_back(assign_op(lvalue(*s.e1, f), s.name, s.e2.get(), f));
          k = rest;
          continue;
        case StmtKind::Assert:
        case StmtKind::Assume:
          ops.push_back(check_op(s, f));
          k = rest;
          continue;
        case StmtKind::Return:
          // The value of `return e;` goes to the call's target: only the
          // procedure holding the block has one here (calls inside atomic are statements).
          if (s.e1 && rest->ret->kind == Cont::Leave && cur().target)
            ops.push_back(assign_op(*cur().target, "=", s.e1.get(), f));
          k = rest->ret;
          continue;
        case StmtKind::If: {
          Nest nest(*this, s.loc);
          MicroOp br;
          br.kind = MicroOp::Branch;
          br.expr = s.e1.get();
          br.frame = f;
          const bool splits = returns_in(s);
          Cont stop;
          stop.kind = Cont::Stop;
          // A branch: its statement, then the rest when it may return (the rest
          // is copied into both branches), else nothing (the rest follows the branch).
          auto branch = [&](const StmtPtr *stmt, std::vector<MicroOp> &out) {
            const Cont *after = splits ? rest : atomic_cont(stop);
            if (!stmt) return atomic_run(after, out);
            Cont b = *rest;
            b.next = stmt;
            b.end = stmt + 1;
            b.up = after;
            atomic_run(atomic_cont(b), out);
          };
          if (splits) ++atomic_dup_;
          branch(&s.body[0], br.then_ops);
          branch(s.body.size() > 1 ? &s.body[1] : nullptr, br.else_ops);
          if (splits) --atomic_dup_;
          ops.push_back(std::move(br));
          if (splits) return;
          k = rest;
          continue;
        }
        case StmtKind::ExprStmt: {
          const Expr &call = *s.e1;
          k = rest;
          if (const ProcDecl *callee = call.callee) {
            if (callee->expression_body) continue;
            if (depth_ + k->calls >= limits_.max_nesting)
              fail(s.loc, "nesting too deep " + limit_hint(limits_.max_nesting, kMaxNestingFlag));
            instrumentable_call_ops(*callee, f, call.loc, ops);
            Frame *cf = new_frame(*callee, f, s.loc);
            if (cf->region_slot >= 0) {  // its return closes its regions, then the caller goes on
              Cont close = *rest;
              close.kind = Cont::CloseRegions;
              close.frame = cf;
              close.up = rest;
              rest = atomic_cont(close);
            }
            for (std::size_t i = 0; i < callee->locals.size(); ++i) {
              int slot = new_slot(callee->name + "." + callee->locals[i].name, callee->locals[i].type);
              cf->locals[i].slot = slot;
              if (i < call.args.size())
                ops.push_back(
                    assign_op(LValue{LValue::Slot, slot, nullptr, nullptr, cf, callee->locals[i].type}, "=",
                              call.args[i].get(), f));
            }
            Cont b;
            b.next = callee->body->body.data();
            b.end = callee->body->body.data() + callee->body->body.size();
            b.frame = cf;
            b.up = rest;
            b.ret = rest;
            b.calls = rest->calls + 1;
            k = atomic_cont(b);
            continue;
          }
          builtin_ops(call, f, ops);
          continue;
        }
        default:
          diags_.error(s.loc, "this statement is not allowed inside atomic");
          k = rest;
          continue;
      }
    }
  }

  void if_stmt(const Stmt &s) {
    Frame *f = cur().frame;
    if (is_constant_expr(*s.e1)) {  // configuration: no step
      bool t = consts_.truth(*s.e1);
      if (t)
        stmt(*s.body[0]);
      else if (s.body.size() > 1)
        stmt(*s.body[1]);
      return;
    }
    hoist_calls(*s.e1, f, s);
    Node &n = new_node(s, f);
    MicroOp br;
    br.kind = MicroOp::Branch;
    br.expr = s.e1.get();
    br.frame = f;
    MicroOp jt, je;
    jt.kind = je.kind = MicroOp::Jump;
    jt.label = new_label();
    je.label = new_label();
    br.then_ops.push_back(jt);
    br.else_ops.push_back(je);
    n.ops.push_back(std::move(br));
    pending_ = {jt.label};
    stmt(*s.body[0]);
    std::vector<int> after_then = pending_;
    pending_ = {je.label};
    if (s.body.size() > 1) stmt(*s.body[1]);
    pending_.insert(pending_.end(), after_then.begin(), after_then.end());
  }

  // The condition node of a loop: true -> body (counting, for bounded loops), false -> exit.
  void loop_condition(const Stmt &s, LoopCtx &lc, int body_label) {
    Frame *f = cur().frame;
    Node &n = new_node(s, f);
    MicroOp br;
    br.kind = MicroOp::Branch;
    br.expr = s.e1.get();
    br.frame = f;
    if (lc.counter >= 0) {
      MicroOp count;
      count.kind = MicroOp::CountLoop;
      count.lhs = LValue{LValue::Slot, lc.counter, nullptr, nullptr, f, Type::range(0, *s.bound)};
      count.bound = *s.bound;
      br.then_ops.push_back(count);
    }
    MicroOp jb, jx;
    jb.kind = jx.kind = MicroOp::Jump;
    jb.label = body_label;
    jx.label = new_label();
    br.then_ops.push_back(jb);
    br.else_ops.push_back(jx);
    n.ops.push_back(std::move(br));
    alias_[jx.label] = lc.break_label;
    if (lc.counter >= 0) resets_[jx.label].push_back(lc.counter);
  }

  LoopCtx new_loop(const Stmt &s) {
    LoopCtx lc{new_label(), new_label(), -1};
    if (s.bound) lc.counter = new_slot("loop@" + std::to_string(s.loc.line), Type::range(0, *s.bound), true);
    return lc;
  }

  void while_stmt(const Stmt &s) {
    Frame *f = cur().frame;
    bool constant = is_constant_expr(*s.e1);
    if (constant && !consts_.truth(*s.e1)) return;
    LoopCtx lc = new_loop(s);
    int head = lc.continue_label;
    pending_.push_back(head);
    if (constant && !s.bound) {  // while (true): no step for the condition
      cur().loops.push_back(lc);
      stmt(*s.body[0]);
      cur().loops.pop_back();
      redirect(head);
      pending_ = {lc.break_label};
      return;
    }
    hoist_calls(*s.e1, f, s);
    int body = new_label();
    loop_condition(s, lc, body);
    pending_ = {body};
    cur().loops.push_back(lc);
    stmt(*s.body[0]);
    cur().loops.pop_back();
    redirect(head);
    pending_ = {lc.break_label};
  }

  void do_while_stmt(const Stmt &s) {
    Frame *f = cur().frame;
    LoopCtx lc = new_loop(s);
    int body = new_label();
    pending_.push_back(body);
    cur().loops.push_back(lc);
    stmt(*s.body[0]);
    cur().loops.pop_back();
    pending_.push_back(lc.continue_label);
    if (is_constant_expr(*s.e1) && !s.bound) {
      if (consts_.truth(*s.e1)) redirect(body);
      pending_.push_back(lc.break_label);
      return;
    }
    hoist_calls(*s.e1, f, s);
    loop_condition(s, lc, body);
    pending_ = {lc.break_label};
  }

  EntryCfg cfg_;
  Diagnostics &diags_;
  ConstEvaluator consts_;  // constant conditions: configuration, no step
  const Limits &limits_;
  int depth_ = 0;  // see Nest
  std::vector<int> pending_;
  std::vector<int> target_, alias_;
  std::vector<std::vector<int>> resets_;
  std::vector<std::vector<CfgCost>> costs_;  // per label, as resets_
  std::vector<ProcState *> proc_;
  std::vector<std::unique_ptr<LValue>> lvalues_;
  // The atomic block being compiled (atomic_block).
  std::deque<Cont> atomic_;
  int atomic_dup_ = 0;  // > 0: inside a copy of a remainder (counted towards the size limit)
  int atomic_fall_ = -1, atomic_leave_ = -1;
  const std::vector<const RequiresDecl *> &requires_;
  RegionUse region_use_;
  // Checks of a call into instrumentable code, for the next step created
  // (inline_call: only when that step is the call's first).
  std::vector<MicroOp> fused_;
};

// In pre-order (the order of the ghost slots), with an explicit stack, and
// each expression procedure's body once: chains of expression procedures can
// be long, and calling one twice per level would double the walk per level.
void collect_old_in(const Expr &root, EntryCfg &cfg, std::set<const Expr *> &bodies_seen) {
  std::vector<const Expr *> stack{&root};
  while (!stack.empty()) {
    const Expr &e = *stack.back();
    stack.pop_back();
    if (e.builtin && e.builtin->is(BuiltinValue::Old) && !cfg.old_ghosts.count(&e)) {
      cfg.slots.push_back({"old@" + std::to_string(e.loc.line), e.args[0]->type, true});
      cfg.old_ghosts[&e] = static_cast<int>(cfg.slots.size()) - 1;
    }
    if (e.callee && e.callee->expression_body && bodies_seen.insert(e.callee->expression_body).second)
      stack.push_back(e.callee->expression_body);
    for (auto a = e.args.rbegin(); a != e.args.rend(); ++a) stack.push_back(a->get());
  }
}

void collect_old_in(const std::vector<MicroOp> &ops, EntryCfg &cfg, std::set<const Expr *> &bodies_seen) {
  for (const MicroOp &op : ops) {
    if (op.expr) collect_old_in(*op.expr, cfg, bodies_seen);
    collect_old_in(op.then_ops, cfg, bodies_seen);
    collect_old_in(op.else_ops, cfg, bodies_seen);
  }
}

// old(e) snapshots: one ghost slot per old() expression reachable from the entry.
void collect_old(EntryCfg &cfg) {
  std::set<const Expr *> bodies_seen;
  for (const Node &n : cfg.nodes) collect_old_in(n.ops, cfg, bodies_seen);
}

}  // namespace

EntryCfg build_cfg(const ProcDecl &entry, const std::vector<const RequiresDecl *> &instrumentable_requires,
                   Diagnostics &diags, const Limits &limits) {
  EntryCfg cfg = Builder(entry, instrumentable_requires, diags, limits).run();
  resolve_static_regions(cfg);
  collect_old(cfg);
  return cfg;
}

}  // namespace ctcheck::frontend
