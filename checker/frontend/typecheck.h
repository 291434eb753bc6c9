// Names and types: resolves every name (locals and parameters in their
// scopes, enumerators, constants, variables, procedures, built-ins) and checks
// the types of declarations, statements and expressions, annotating the AST
// (Expr::type and what each name refers to, local indices, constant values).
// Constants are evaluated on demand, so one may be used before its declaration.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/call_graph.h"
#include "frontend/const_eval.h"
#include "frontend/loader.h"

namespace ctcheck::frontend {

struct Builtin;

class TypeChecker {
 public:
  TypeChecker(Program &prog, Diagnostics &diags) : prog_(prog), diags_(diags), consts_(diags) {}

  void declare_enum(EnumDecl &d);
  void define_constant(ConstDecl &d);
  void check_variable(VarDecl &d);
  // Parameters and the syntactic expression body; every procedure is declared
  // before any body is checked, so calls can go forward.
  void declare_procedure(ProcDecl &d);
  void check_procedure(ProcDecl &d);
  void check_invariant(InvariantDecl &d);
  // `instrumentable requires NAME(cond, ...)`: cond is read like an invariant's.
  void check_requires(RequiresDecl &d);

  const CallGraph &calls() const { return calls_; }
  // The shape of an expression procedure: the body is exactly `return e;`.
  static bool has_expression_body(const ProcDecl &d);

 private:
  void check_state_condition(Expr &cond, const char *not_a_condition);
  // The procedure whose body is being checked.
  struct ProcScope {
    ProcDecl *proc;
    std::vector<std::map<std::string, int>> scopes;  // name -> local index, innermost last
    int loops = 0;
    bool in_atomic = false;
    std::set<std::string> labels;
    std::vector<const Stmt *> gotos;
  };

  Type resolve(TypeRef &r);
  void check_in_range(const Loc &loc, std::int64_t v, const Type &t);

  // Statements (typecheck_stmt.cpp).
  void check_stmt(Stmt &s);
  void check_local(Stmt &s);
  void check_assign(Stmt &s);
  void check_return(Stmt &s);
  void check_scoped(Stmt &s);
  void check_cond(Expr &e);
  void check_lvalue(const Expr &e);

  // Expressions (typecheck_expr.cpp). `cond_depth` > 0 inside operands C
  // evaluates conditionally (right of && / ||, ?: branches), where a call to a
  // statement procedure could not be hoisted faithfully.
  Type check_expr(Expr &e, bool statement = false, int cond_depth = 0);
  Type check_expr_inner(Expr &e, bool statement, int cond_depth);
  Type check_name(Expr &e);
  Type check_unary(Expr &e, int cond_depth);
  Type check_ternary(Expr &e, int cond_depth);
  Type check_binary(Expr &e, int cond_depth);
  Type check_call(Expr &e, bool statement, int cond_depth);
  void check_arguments(Expr &e, const ProcDecl &callee, int cond_depth);
  Type check_builtin(Expr &e, const Builtin &b, bool statement, int cond_depth);
  Type check_per_cpu(Expr &e, int cond_depth);
  void check_nondet_range(Expr &e, int cond_depth);
  void check_cost_name(const Expr &e);

  Program &prog_;
  Diagnostics &diags_;
  ConstEvaluator consts_;
  ProcScope *proc_ = nullptr;  // null outside procedure bodies
  bool in_invariant_ = false;  // invariants may call expression procedures
  std::map<std::string, std::pair<EnumDecl *, std::int64_t>> enumerators_;  // name -> (enum, code)
  CallGraph calls_;
};

}  // namespace ctcheck::frontend
