// The lowering's own classes, shared by its files: lower.cpp (entries,
// layout, invariants, the public entry points), lower_step.cpp (the actions:
// a step's micro-operations, interrupt delivery and return) and
// instance_env.cpp (expressions evaluated for one CPU, level and entry).
// Internal to the front end: include lower.h instead.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "frontend/cfg.h"
#include "frontend/lower.h"
#include "frontend/lower_expr.h"
#include "frontend/lowering_budget.h"

namespace ctcheck::frontend::lowering {

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

// Builds the transition system of one Model (see lower.h): state layout,
// actions, properties.
class Lowerer {
 public:
  Lowerer(const Model &m, Diagnostics &d, const SourceManager &sm, ir::TransitionSystem &ts,
          const Limits &limits)
      : m_(m), diags_(d), sm_(sm), ts_(ts), pool_(ts.pool), limits_(limits), budget_(limits, d) {}

  void run();

  // ---------- reading and writing state ----------
  ExprId read(SymState *st, std::uint32_t v);
  // A stored value as an expression value (ranges are stored as offsets from lo).
  ExprId load(SymState *st, std::uint32_t v, const Type &t);
  std::uint32_t model_var(const VarDecl *d, int cpu) const;
  std::uint32_t slot_var(int cpu, int level, int entry, int slot) const;

 private:
  friend class InstanceEnv;

  // ---------- entries and layout ----------
  void build_entries();

  std::vector<int> entries_at(int cpu, int level) const;

  std::uint32_t add_var(ir::StateVar v);
  static ir::Sort storage_sort(const Type &t);
  ir::StateVar typed_var(const std::string &name, const Type &t, ir::VarRole role);
  ir::StateVar machine_var(const std::string &name, ir::Sort s, ir::VarRole role, int cpu, int level,
                           std::uint64_t init);

  // Every instance of every entry, counted before layout() allocates a table
  // of actions per CPU, level and step.
  void reserve_steps();

  // What layout() allocates, counted before it does.
  void check_state_bits(unsigned pc_bits, unsigned depth_bits, unsigned src_bits);

  void layout();

  std::uint64_t entry_pc(int entry, int label) const;
  ExprId pc_const(std::uint64_t pc);
  ExprId var_eq(std::uint32_t v, std::uint64_t value);

  std::uint32_t property(const std::string &name, const std::string &msg, const Loc &loc,
                         ir::PropertyKind kind);
  ir::SourceLoc to_ir(const Loc &l) const;

  // ---------- Exec actions ----------
  void exec_actions(int c, int l, int e);

  int source_index(const ProcDecl *p) const;

  void run_ops(const std::vector<MicroOp> &ops, int c, int l, int e, SymState &st, ir::Action &a);

  std::uint32_t lvalue_var(const LValue &lv, int c, int l, int e, int k) const;

  void write(const LValue &lv, ExprId value, int c, int l, int e, SymState &st, ir::Action &a,
             InstanceEnv &env, bool range_check = true);

  // The CPU of per_cpu(var, cpu) as an s64. It is evaluated in the frame that
  // wrote the lvalue: for `per_cpu(v, other) = f();` the callee's `return`
  // does the write, but `other` is the caller's local.
  ExprId per_cpu_index(const LValue &lv, SymState &st, InstanceEnv &env);

  // A built-in run-time property checked where the action reaches `reach`.
  void runtime_check(const Requirement &r, ExprId reach, ir::Action &a);

  ExprId read_lvalue(const LValue &lv, int c, int l, int e, SymState &st, InstanceEnv &env);

  void run_op(const MicroOp &op, int c, int l, int e, SymState &st, ir::Action &a);
  void region_op(const MicroOp &op, int c, int l, int e, SymState &st, ir::Action &a, InstanceEnv &env);
  // A cost event passed on the path `reach` of the step.
  ir::CostEvent cost_event(const CfgCost &c, ExprId reach) const;

  // ---------- Deliver and Return ----------
  void deliver_action(int c, int l, int s);

  // The top context at `level` is about to execute a may_fault() step.
  ExprId fault_point(int c, int level);

  void return_action(int c, int l);

  void invariants();

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

}  // namespace ctcheck::frontend::lowering
