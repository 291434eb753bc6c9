// Expressions: literals, names, operators with C's conversions, calls of
// procedures and built-ins.
#include "frontend/builtins.h"
#include "frontend/typecheck.h"
#include "frontend/types.h"

namespace ctcheck::frontend {
namespace {

// The integer constants every model may use (docs/language.md §3).
const std::map<std::string, std::pair<std::uint64_t, Type>> &builtin_constants() {
  static const std::map<std::string, std::pair<std::uint64_t, Type>> table = {
      {"LLONG_MAX", {0x7fffffffffffffffULL, Type::integer(64, true)}},
      {"LONG_MAX", {0x7fffffffffffffffULL, Type::integer(64, true)}},
      {"INT_MAX", {0x7fffffffULL, Type::integer(32, true)}},
      {"UINT_MAX", {0xffffffffULL, Type::integer(32, false)}},
      {"ULLONG_MAX", {~0ULL, Type::integer(64, false)}},
      {"ULONG_MAX", {~0ULL, Type::integer(64, false)}},
  };
  return table;
}

// The declaration a use of a built-in constant points to. Expressions keep the
// pointer after type checking (lowering reads the value), so the declarations
// live as long as the program: one per constant, made once, never changed.
// (They used to belong to the TypeChecker, gone before lowering: `UINT_MAX / 3`
// in code then read freed memory -- a wrong value, or "internal error: map::at".)
ConstDecl *builtin_constant_decl(const std::string &name) {
  static const std::map<std::string, std::unique_ptr<ConstDecl>> decls = [] {
    std::map<std::string, std::unique_ptr<ConstDecl>> out;
    for (const auto &[n, value] : builtin_constants()) {
      auto d = std::make_unique<ConstDecl>();
      d->name = n;
      d->value = value.first;
      d->state = ConstDecl::State::Done;
      out.emplace(n, std::move(d));
    }
    return out;
  }();
  return decls.at(name).get();
}

Type literal_type(const Expr &e) {
  bool u = e.lit_unsigned;
  if (!e.lit_long && !u && e.value <= 0x7fffffffULL) return Type::integer(32, true);
  if (!e.lit_long && u && e.value <= 0xffffffffULL) return Type::integer(32, false);
  if (!u && e.value <= 0x7fffffffffffffffULL) return Type::integer(64, true);
  return Type::integer(64, false);
}

bool is_ordering(const std::string &op) { return op == "<" || op == "<=" || op == ">" || op == ">="; }

// Loops and gotos cannot be inlined into one atomic step (early returns can:
// the CFG builder gives every path of the block its own continuation).
bool has_control_flow(const Stmt &s) {
  switch (s.kind) {
    case StmtKind::While:
    case StmtKind::DoWhile:
    case StmtKind::Goto:
    case StmtKind::Label:
    case StmtKind::Break:
    case StmtKind::Continue:
      return true;
    default:
      break;
  }
  for (const auto &c : s.body)
    if (has_control_flow(*c)) return true;
  return false;
}

}  // namespace

Type TypeChecker::check_expr(Expr &e, bool statement, int cond_depth) {
  e.type = check_expr_inner(e, statement, cond_depth);
  return e.type;
}

Type TypeChecker::check_expr_inner(Expr &e, bool statement, int cond_depth) {
  switch (e.kind) {
    case ExprKind::IntLit:
      return literal_type(e);
    case ExprKind::BoolLit:
      return Type::boolean();
    case ExprKind::Name:
      return check_name(e);
    case ExprKind::Cast: {
      Type from = check_expr(*e.args[0], false, cond_depth);
      Type to = resolve(e.cast_type);
      if (!assignable(from, to)) diags_.error(e.loc, "cannot convert " + from.name() + " to " + to.name());
      return to;
    }
    case ExprKind::Unary:
      return check_unary(e, cond_depth);
    case ExprKind::Ternary:
      return check_ternary(e, cond_depth);
    case ExprKind::Binary:
      return check_binary(e, cond_depth);
    case ExprKind::Call:
      return check_call(e, statement, cond_depth);
  }
  return Type::error();
}

Type TypeChecker::check_name(Expr &e) {
  if (proc_) {
    for (auto it = proc_->scopes.rbegin(); it != proc_->scopes.rend(); ++it) {
      auto f = it->find(e.op);
      if (f != it->end()) {
        e.local_of = proc_->proc;
        e.local_index = f->second;
        return proc_->proc->locals[f->second].type;
      }
    }
  }
  auto en = enumerators_.find(e.op);
  if (en != enumerators_.end()) {
    e.enumeration = en->second.first;
    e.enum_code = en->second.second;
    Type t;
    t.kind = TypeKind::Enum;
    t.enm = e.enumeration;
    return t;
  }
  auto it = prog_.named.find(e.op);
  auto bc = builtin_constants().find(e.op);
  if (it == prog_.named.end() && bc != builtin_constants().end()) {
    e.constant = builtin_constant_decl(e.op);
    return bc->second.second;
  }
  if (it == prog_.named.end()) {
    diags_.error(e.loc, "unknown name '" + e.op + "'");
    return Type::error();
  }
  if (ConstDecl *c = it->second->as<ConstDecl>()) {
    e.constant = c;
    define_constant(*c);
    return c->type.resolved;
  }
  if (VarDecl *v = it->second->as<VarDecl>()) {
    e.var = v;
    return v->type.resolved;
  }
  diags_.error(e.loc, "'" + e.op + "' is not a value");
  return Type::error();
}

Type TypeChecker::check_unary(Expr &e, int cond_depth) {
  Type t = check_expr(*e.args[0], false, cond_depth);
  if (t.is(TypeKind::Error)) return t;
  if (e.op == "!") {
    if (!t.is_arith()) diags_.error(e.loc, "'!' needs a bool or integer, not " + t.name());
    return Type::boolean();
  }
  if (!t.is_arith()) {
    diags_.error(e.loc, "'" + e.op + "' needs an integer, not " + t.name());
    return Type::error();
  }
  return promote(t);
}

Type TypeChecker::check_ternary(Expr &e, int cond_depth) {
  check_expr(*e.args[0], false, cond_depth);
  Type a = check_expr(*e.args[1], false, cond_depth + 1);
  Type b = check_expr(*e.args[2], false, cond_depth + 1);
  if (a.is(TypeKind::Error) || b.is(TypeKind::Error)) return Type::error();
  if (a.same(b) && !a.is(TypeKind::Range)) return a;
  if (a.is_arith() && b.is_arith() && !(a.is(TypeKind::Bool) && b.is(TypeKind::Bool)))
    return common_type(a, b);
  diags_.error(e.loc, "the branches of '?:' have types " + a.name() + " and " + b.name());
  return Type::error();
}

Type TypeChecker::check_binary(Expr &e, int cond_depth) {
  const std::string &op = e.op;
  bool logical = op == "&&" || op == "||";
  Type a = check_expr(*e.args[0], false, cond_depth);
  Type b = check_expr(*e.args[1], false, cond_depth + (logical ? 1 : 0));
  if (a.is(TypeKind::Error) || b.is(TypeKind::Error)) return logical ? Type::boolean() : Type::error();
  if (logical) {
    if (!a.is_arith() || !b.is_arith()) diags_.error(e.loc, "'" + op + "' needs bool operands");
    return Type::boolean();
  }
  if (op == "==" || op == "!=") {
    if (a.is(TypeKind::Enum) || b.is(TypeKind::Enum)) {
      if (!a.same(b)) diags_.error(e.loc, "cannot compare " + a.name() + " with " + b.name());
    } else if (!(a.is(TypeKind::Bool) && b.is(TypeKind::Bool)) && (!a.is_arith() || !b.is_arith())) {
      diags_.error(e.loc, "cannot compare " + a.name() + " with " + b.name());
    }
    return Type::boolean();
  }
  if (!a.is_arith() || !b.is_arith()) {
    diags_.error(e.loc, "'" + op + "' needs integers, not " + a.name() + " and " + b.name());
    return is_ordering(op) ? Type::boolean() : Type::error();
  }
  if (is_ordering(op)) return Type::boolean();
  if (op == "<<" || op == ">>") return promote(a);
  return common_type(a, b);
}

Type TypeChecker::check_call(Expr &e, bool statement, int cond_depth) {
  auto it = prog_.named.find(e.op);
  const Builtin *b = find_builtin(e.op);
  if (it == prog_.named.end() && b) {  // a declaration of the same name replaces the built-in
    e.builtin = b;
    return check_builtin(e, *b, statement, cond_depth);
  }
  ProcDecl *callee = it == prog_.named.end() ? nullptr : it->second->as<ProcDecl>();
  if (!callee) {
    diags_.error(e.loc, it == prog_.named.end() ? "unknown procedure '" + e.op + "'"
                                                : "'" + e.op + "' is not a procedure");
    for (auto &a : e.args) check_expr(*a, false, cond_depth);
    return Type::error();
  }
  e.callee = callee;
  // Whether the callee is an expression procedure is only final once every
  // procedure is checked (see settle_expression_procedures): decide by its shape here.
  const bool expression_shape = has_expression_body(*callee);
  if (!proc_ && !(expression_shape && in_invariant_)) {
    diags_.error(e.loc, "'" + e.op + "' cannot be called here");
    return Type::error();
  }
  if (proc_) calls_.calls[proc_->proc].push_back({callee, e.loc});
  check_arguments(e, *callee, cond_depth);
  if (!statement && cond_depth > 0) calls_.conditional.push_back(&e);
  if (!expression_shape && proc_->in_atomic && has_control_flow(*callee->body))
    diags_.error(e.loc, "'" + e.op + "' has loops or gotos and cannot be called inside atomic");
  Type rt = callee->return_type.resolved;
  if (!statement && rt.is(TypeKind::Void)) diags_.error(e.loc, "'" + e.op + "' returns no value");
  return rt;
}

void TypeChecker::check_arguments(Expr &e, const ProcDecl &callee, int cond_depth) {
  if (e.args.size() != callee.params.size()) {
    diags_.error(e.loc, "'" + e.op + "' takes " + std::to_string(callee.params.size()) +
                            " argument(s), not " + std::to_string(e.args.size()));
  }
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    Type t = check_expr(*e.args[i], false, cond_depth);
    if (i < callee.params.size() && !assignable(t, callee.params[i].type.resolved))
      diags_.error(e.args[i]->loc, "argument " + std::to_string(i + 1) + " of '" + e.op + "' must be " +
                                       callee.params[i].type.resolved.name() + ", not " + t.name());
  }
}

Type TypeChecker::check_builtin(Expr &e, const Builtin &b, bool statement, int cond_depth) {
  if (static_cast<int>(e.args.size()) != b.arity) {
    diags_.error(e.loc, "'" + e.op + "' takes " + std::to_string(b.arity) + " argument(s), not " +
                            std::to_string(e.args.size()));
    return Type::error();
  }
  switch (b.typing) {
    case BuiltinTyping::NoArgs:
      break;
    case BuiltinTyping::IrqFlags: {
      Type t = check_expr(*e.args[0], false, cond_depth);
      if (!t.is_arith() && !t.is(TypeKind::Error))
        diags_.error(e.args[0]->loc, "flags must be an integer or bool");
      if (b.writes_arg()) check_lvalue(*e.args[0]);
      break;
    }
    case BuiltinTyping::PerCpuVar:
      return check_per_cpu(e, cond_depth);
    case BuiltinTyping::SameAsArg:
      if (!proc_) diags_.error(e.loc, e.op + "() is only allowed inside procedures");
      return check_expr(*e.args[0], false, cond_depth);
    case BuiltinTyping::NondetRange:
      check_nondet_range(e, cond_depth);
      return b.result;
    case BuiltinTyping::CostName:
      check_cost_name(e);
      break;
  }
  if (!proc_ && b.is_statement()) diags_.error(e.loc, "'" + e.op + "' cannot be used here");
  if (b.is_statement() && !statement) diags_.error(e.loc, "'" + e.op + "' returns no value");
  return b.result;
}

Type TypeChecker::check_per_cpu(Expr &e, int cond_depth) {
  Expr &var = *e.args[0];
  Type t = check_expr(var, false, cond_depth);
  if (var.kind != ExprKind::Name || !var.var || var.var->storage == Storage::Global) {
    diags_.error(var.loc, "per_cpu needs a percpu or pertask variable");
    return Type::error();
  }
  Type c = check_expr(*e.args[1], false, cond_depth);
  if (!c.is(TypeKind::Int) && !c.is(TypeKind::Range) && !c.is(TypeKind::Error))
    diags_.error(e.args[1]->loc, "a CPU number must be an integer");
  return t;
}

// The name is not resolved: it names a cost, not a variable.
void TypeChecker::check_cost_name(const Expr &e) {
  const Expr &name = *e.args[0];
  if (name.kind != ExprKind::Name || !cost_name_events(name.op)) {
    std::string known;
    for (const std::string &n : cost_names()) known += (known.empty() ? "" : ", ") + n;
    diags_.error(name.loc, "unknown cost '" + (name.kind == ExprKind::Name ? name.op : std::string("?")) +
                               "' (known: " + known + ")");
  }
  const Expr &count = *e.args[1];
  if (count.kind != ExprKind::IntLit || count.value < 1 || count.value > 1000)
    diags_.error(count.loc, "a cost count must be a number from 1 to 1000");
}

void TypeChecker::check_nondet_range(Expr &e, int cond_depth) {
  for (auto &a : e.args) {
    Type t = check_expr(*a, false, cond_depth);
    if (!t.is(TypeKind::Int) && !t.is(TypeKind::Error))
      diags_.error(a->loc, e.op + " bounds must be integers");
  }
  // In 128 bits: HI - LO of two s64 values may not fit in s64.
  WideInt lo = consts_.as_s64(*e.args[0]);
  WideInt hi = consts_.as_s64(*e.args[1]);
  if (lo > hi)
    diags_.error(e.loc, e.op + ": empty range");
  else if (hi - lo > 65535)
    diags_.error(e.loc, e.op + ": at most 65536 values");
}

}  // namespace ctcheck::frontend
