// Declarations: types, enums, constants, variables, procedure signatures.
#include "frontend/typecheck.h"

#include <utility>

#include "frontend/types.h"

namespace ctcheck::frontend {

Type TypeChecker::resolve(TypeRef &r) {
  Type t = builtin_type(r.name);
  if (r.name == "range") t = Type::range(r.lo, r.hi);
  if (t.is(TypeKind::Error)) {
    std::string n = r.name.rfind("enum ", 0) == 0 ? r.name.substr(5) : r.name;
    auto it = prog_.named.find(n);
    if (it != prog_.named.end() && it->second->kind == DeclKind::Enum) {
      t.kind = TypeKind::Enum;
      t.enm = it->second->as<EnumDecl>();
    } else {
      diags_.error(r.loc, "unknown type '" + r.name + "'");
    }
  }
  r.resolved = t;
  return t;
}

// Enumerator values are s64: an explicit value of type u64 above INT64_MAX, or
// an implicit one after INT64_MAX, does not fit (computed in 128 bits).
void TypeChecker::declare_enum(EnumDecl &d) {
  WideInt next = 0;
  for (const EnumDecl::Item &item : d.items) {
    if (enumerators_.count(item.name) || prog_.named.count(item.name)) {
      diags_.error(item.loc, "'" + item.name + "' is already declared");
      continue;
    }
    Loc at = item.loc;
    if (item.value) {
      at = item.value->loc;
      Type t = check_expr(*item.value);
      if (!t.is(TypeKind::Int)) {
        diags_.error(at, "an enumerator value must be an integer");
      } else {
        std::uint64_t v = consts_.value(*item.value, t);
        next = t.is_signed ? WideInt(sign_extend(v, t)) : WideInt(v);
      }
    }
    if (next > INT64_MAX) {
      diags_.error(at, "the value of enumerator '" + item.name + "' does not fit in s64");
      next = INT64_MAX;
    }
    d.names.push_back(item.name);
    d.values.push_back(static_cast<std::int64_t>(next++));
    enumerators_[item.name] = {&d, static_cast<std::int64_t>(d.names.size() - 1)};
  }
  if (d.names.empty()) diags_.error(d.loc, "enum '" + d.name + "' has no enumerators");
}

void TypeChecker::define_constant(ConstDecl &d) {
  if (d.state == ConstDecl::State::Done) return;
  if (d.state == ConstDecl::State::Evaluating) {
    diags_.error(d.loc, "constant '" + d.name + "' is defined in terms of itself");
    return;
  }
  d.state = ConstDecl::State::Evaluating;
  // On demand, possibly from inside a procedure or invariant: none of their names are visible.
  ProcScope *outer_proc = std::exchange(proc_, nullptr);
  bool outer_invariant = std::exchange(in_invariant_, false);
  Type t = resolve(d.type);
  Type vt = check_expr(*d.init);
  if (!assignable(vt, t)) {
    diags_.error(d.init->loc, "cannot initialise constant of type " + t.name() + " with " + vt.name());
  } else if (!t.is(TypeKind::Error) && !vt.is(TypeKind::Error)) {
    d.value = consts_.value(*d.init, t);
    if (t.is(TypeKind::Range)) check_in_range(d.init->loc, static_cast<std::int64_t>(d.value), t);
  }
  proc_ = outer_proc;
  in_invariant_ = outer_invariant;
  d.state = ConstDecl::State::Done;
}

void TypeChecker::check_in_range(const Loc &loc, std::int64_t v, const Type &t) {
  if (v < t.lo || v > t.hi) diags_.error(loc, "value " + std::to_string(v) + " is outside " + t.name());
}

void TypeChecker::check_variable(VarDecl &d) {
  Type t = resolve(d.type);
  if (t.is(TypeKind::Void)) diags_.error(d.type.loc, "a variable cannot have type void");
  // Without an initialiser the value is 0, as C zero-initialises the kernel's static and per-CPU data.
  d.initial_value = 0;
  if (!d.init) return;
  Type vt = check_expr(*d.init);
  if (!assignable(vt, t)) {
    diags_.error(d.init->loc,
                 "cannot initialise " + t.name() + " variable '" + d.name + "' with " + vt.name());
  } else if (!vt.is(TypeKind::Error) && !t.is(TypeKind::Error)) {
    d.initial_value = consts_.value(*d.init, t);
    if (t.is(TypeKind::Range)) check_in_range(d.init->loc, static_cast<std::int64_t>(d.initial_value), t);
  }
}

void TypeChecker::declare_procedure(ProcDecl &d) {
  resolve(d.return_type);
  d.locals.clear();
  std::set<std::string> seen;
  for (ProcDecl::Param &p : d.params) {
    Type t = resolve(p.type);
    if (t.is(TypeKind::Void)) diags_.error(p.type.loc, "a parameter cannot have type void");
    if (!seen.insert(p.name).second) diags_.error(p.type.loc, "duplicate parameter '" + p.name + "'");
    d.locals.push_back({p.name, t, p.type.loc});
  }
  // A candidate expression procedure: the body is exactly `return e;`
  // (settle_expression_procedures decides once every body is checked).
  // An instrumentable procedure is called in a step of its own, where its
  // requirement is checked (docs/language.md, "noinstr").
  if (has_expression_body(d) && d.section != Section::Instrumentable)
    d.expression_body = d.body->body[0]->e1.get();
}

bool TypeChecker::has_expression_body(const ProcDecl &d) {
  return d.body && d.body->body.size() == 1 && d.body->body[0]->kind == StmtKind::Return &&
         d.body->body[0]->e1;
}

void TypeChecker::check_procedure(ProcDecl &d) {
  ProcScope scope{&d, {{}}, 0, false, {}, {}};
  for (std::size_t i = 0; i < d.params.size(); ++i)
    scope.scopes.back()[d.params[i].name] = static_cast<int>(i);
  proc_ = &scope;
  for (auto &s : d.body->body) check_stmt(*s);
  for (const Stmt *g : scope.gotos)
    if (!scope.labels.count(g->name)) diags_.error(g->loc, "goto to unknown label '" + g->name + "'");
  proc_ = nullptr;
}

void TypeChecker::check_invariant(InvariantDecl &d) {
  check_state_condition(*d.cond,
                        d.lemma ? "a lemma must be a condition" : "an invariant must be a condition");
}

void TypeChecker::check_requires(RequiresDecl &d) {
  check_state_condition(*d.cond, "what instrumentable code requires must be a condition");
}

void TypeChecker::check_state_condition(Expr &cond, const char *not_a_condition) {
  in_invariant_ = true;
  Type t = check_expr(cond);
  in_invariant_ = false;
  if (!t.is_arith() && !t.is(TypeKind::Error)) diags_.error(cond.loc, not_a_condition);
}

}  // namespace ctcheck::frontend
