// Statements of procedure bodies: scopes of locals, loops, labels, atomic.
#include "frontend/builtins.h"
#include "frontend/typecheck.h"
#include "frontend/types.h"

namespace ctcheck::frontend {

void TypeChecker::check_stmt(Stmt &s) {
  ProcScope &p = *proc_;
  switch (s.kind) {
    case StmtKind::Block:
      p.scopes.emplace_back();
      for (auto &c : s.body) check_stmt(*c);
      p.scopes.pop_back();
      break;
    case StmtKind::Atomic: {
      bool was = p.in_atomic;
      p.in_atomic = true;
      p.scopes.emplace_back();
      for (auto &c : s.body) check_stmt(*c);
      p.scopes.pop_back();
      p.in_atomic = was;
      break;
    }
    case StmtKind::Local:
      check_local(s);
      break;
    case StmtKind::Assign:
      check_assign(s);
      break;
    case StmtKind::ExprStmt:
      check_expr(*s.e1, true);
      break;
    case StmtKind::If:
      check_cond(*s.e1);
      for (auto &c : s.body) check_scoped(*c);
      break;
    case StmtKind::While:
    case StmtKind::DoWhile:
      if (p.in_atomic) diags_.error(s.loc, "loops are not allowed inside atomic");
      check_cond(*s.e1);
      ++p.loops;
      check_scoped(*s.body[0]);
      --p.loops;
      break;
    case StmtKind::Break:
    case StmtKind::Continue:
      if (p.loops == 0)
        diags_.error(s.loc, std::string("'") + (s.kind == StmtKind::Break ? "break" : "continue") +
                                "' outside a loop");
      break;
    case StmtKind::Return:
      check_return(s);
      break;
    case StmtKind::Goto:
      if (p.in_atomic) diags_.error(s.loc, "goto is not allowed inside atomic");
      p.gotos.push_back(&s);
      break;
    case StmtKind::Label:
      if (!p.labels.insert(s.name).second) diags_.error(s.loc, "duplicate label '" + s.name + "'");
      break;
    case StmtKind::Assert:
    case StmtKind::Assume:
      check_cond(*s.e1);
      break;
  }
}

void TypeChecker::check_local(Stmt &s) {
  Type t = resolve(s.local_type);
  if (t.is(TypeKind::Void)) diags_.error(s.local_type.loc, "a variable cannot have type void");
  if (s.e1) {
    Type vt = check_expr(*s.e1);
    if (!assignable(vt, t)) diags_.error(s.e1->loc, "cannot initialise " + t.name() + " with " + vt.name());
  }
  auto &scope = proc_->scopes.back();
  if (scope.count(s.name)) diags_.error(s.loc, "'" + s.name + "' is already declared in this block");
  s.local_index = static_cast<int>(proc_->proc->locals.size());
  proc_->proc->locals.push_back({s.name, t, s.loc});
  scope[s.name] = s.local_index;
}

void TypeChecker::check_assign(Stmt &s) {
  Type lt = check_expr(*s.e1);
  check_lvalue(*s.e1);
  const bool integer_target = lt.is(TypeKind::Int) || lt.is(TypeKind::Range) || lt.is(TypeKind::Error);
  if (s.name == "++" || s.name == "--") {
    if (!integer_target) diags_.error(s.e1->loc, "'" + s.name + "' needs an integer, not " + lt.name());
    return;
  }
  Type rt = check_expr(*s.e2);
  if (s.name == "=") {
    if (!assignable(rt, lt)) diags_.error(s.e2->loc, "cannot assign " + rt.name() + " to " + lt.name());
  } else if (!integer_target || !(rt.is_arith() || rt.is(TypeKind::Error))) {
    diags_.error(s.loc, "'" + s.name + "' needs integers");
  }
}

void TypeChecker::check_return(Stmt &s) {
  const ProcDecl &proc = *proc_->proc;
  Type rt = proc.return_type.resolved;
  if (s.e1) {
    Type t = check_expr(*s.e1);
    if (rt.is(TypeKind::Void))
      diags_.error(s.loc, "void procedure '" + proc.name + "' returns a value");
    else if (!assignable(t, rt))
      diags_.error(s.e1->loc, "cannot return " + t.name() + " from a procedure returning " + rt.name());
  } else if (!rt.is(TypeKind::Void) && !rt.is(TypeKind::Error)) {
    diags_.error(s.loc, "procedure '" + proc.name + "' must return a " + rt.name());
  }
}

void TypeChecker::check_scoped(Stmt &s) {
  proc_->scopes.emplace_back();
  check_stmt(s);
  proc_->scopes.pop_back();
}

void TypeChecker::check_cond(Expr &e) {
  Type t = check_expr(e);
  if (!t.is(TypeKind::Bool) && !t.is(TypeKind::Int) && !t.is(TypeKind::Range) && !t.is(TypeKind::Error))
    diags_.error(e.loc, "condition must be bool or an integer, not " + t.name());
}

void TypeChecker::check_lvalue(const Expr &e) {
  if (e.var || e.local_of) return;
  if (e.kind == ExprKind::Call && e.builtin && e.builtin->is(BuiltinValue::PerCpu)) return;
  if (e.kind != ExprKind::Name) {
    diags_.error(e.loc, "cannot assign to this expression");
    return;
  }
  // A name that is not a variable; an unknown name is already reported.
  if (e.constant || e.enumeration || prog_.named.count(e.op))
    diags_.error(e.loc, "cannot assign to '" + e.op + "'");
}

}  // namespace ctcheck::frontend
