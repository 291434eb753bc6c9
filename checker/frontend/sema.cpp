#include "frontend/sema.h"

#include <deque>
#include <functional>
#include <map>
#include <set>

#include "frontend/builtins.h"
#include "frontend/lower_expr.h"
#include "frontend/types.h"

namespace ctcheck::frontend {
namespace {

// Constants: evaluated through the same lowering as code, in an environment
// without variables.
class ConstEnv : public ExprEnv {
 public:
  ConstEnv(ir::ExprPool &pool, Diagnostics &d) : pool_(pool), diags_(d) {}
  ir::ExprId variable(const Expr &e) override {
    diags_.error(e.loc, "'" + e.op + "' is not a constant");
    return pool_.constant(value_sort(e.type), 0);
  }
  ir::ExprId call(const Expr &e) override {
    diags_.error(e.loc, "a constant expression cannot call '" + e.op + "'");
    return pool_.constant(value_sort(e.type), 0);
  }

 private:
  ir::ExprPool &pool_;
  Diagnostics &diags_;
};

class Sema {
 public:
  Sema(Program &p, Diagnostics &d, Model &m) : prog_(p), diags_(d), model_(m) {}

  void run() {
    for (Decl *d : prog_.decls)
      if (d->kind == DeclKind::Enum) declare_enum(*d);
    for (Decl *d : prog_.decls) {
      switch (d->kind) {
        case DeclKind::Const: eval_const(*d); break;
        case DeclKind::Var: check_var(*d); break;
        default: break;
      }
    }
    for (Decl *d : prog_.decls)
      if (d->kind == DeclKind::Proc) declare_proc(*d);
    for (Decl *d : prog_.decls)
      if (d->kind == DeclKind::Proc) check_proc(*d);
    settle_expression_procedures();
    check_recursion();
    system();
  }

 private:
  // ---------- types ----------
  Type resolve(TypeRef &r) {
    Type t = builtin_type(r.name);
    if (r.name == "range") t = Type::range(r.lo, r.hi);
    if (t.is(TypeKind::Error)) {
      std::string n = r.name.rfind("enum ", 0) == 0 ? r.name.substr(5) : r.name;
      auto it = prog_.named.find(n);
      if (it != prog_.named.end() && it->second->kind == DeclKind::Enum) {
        t.kind = TypeKind::Enum;
        t.enm = it->second->enm.get();
      } else {
        diags_.error(r.loc, "unknown type '" + r.name + "'");
      }
    }
    r.resolved = t;
    return t;
  }

  // ---------- enums and constants ----------
  void declare_enum(Decl &d) {
    d.enm = std::make_shared<EnumDecl>();
    d.enm->name = d.name;
    std::int64_t next = 0;
    for (std::size_t i = 0; i < d.enum_items.size(); ++i) {
      const auto &[name, loc] = d.enum_items[i];
      if (enumerators_.count(name) || prog_.named.count(name)) {
        diags_.error(loc, "'" + name + "' is already declared");
        continue;
      }
      if (d.enum_values[i]) {
        Type t = check_expr(*d.enum_values[i], nullptr);
        if (!t.is(TypeKind::Int)) diags_.error(d.enum_values[i]->loc, "an enumerator value must be an integer");
        else next = signed_value(const_value(*d.enum_values[i]), t);
      }
      d.enm->names.push_back(name);
      d.enm->values.push_back(next++);
      enumerators_[name] = {&d, static_cast<std::int64_t>(d.enm->names.size() - 1)};
    }
    if (d.enm->names.empty()) diags_.error(d.loc, "enum '" + d.name + "' has no enumerators");
  }

  static std::int64_t signed_value(std::uint64_t v, const Type &t) {
    if (!t.is_signed || t.width >= 64) return static_cast<std::int64_t>(v);
    std::uint64_t sign = 1ull << (t.width - 1);
    return static_cast<std::int64_t>((v ^ sign) - sign);
  }

  std::uint64_t const_value(const Expr &e) {
    ConstEnv env(scratch_, diags_);
    ExprLowerer low(scratch_, diags_, env);
    ir::ExprId v = low.lower(e);
    if (!scratch_.is_const(v)) {
      diags_.error(e.loc, "expression is not constant");
      return 0;
    }
    return scratch_.node(v).value;
  }

  void eval_const(Decl &d) {
    if (d.const_done) return;
    if (d.const_busy) {
      diags_.error(d.loc, "constant '" + d.name + "' is defined in terms of itself");
      return;
    }
    d.const_busy = true;
    Type t = resolve(d.type);
    Type vt = check_expr(*d.init, nullptr);
    if (!assignable(vt, t)) {
      diags_.error(d.init->loc, "cannot initialise constant of type " + t.name() + " with " + vt.name());
    } else if (!t.is(TypeKind::Error) && !vt.is(TypeKind::Error)) {
      ConstEnv env(scratch_, diags_);
      ExprLowerer low(scratch_, diags_, env);
      ir::ExprId v = low.convert(low.lower(*d.init), vt, t);
      if (scratch_.is_const(v)) d.const_value = scratch_.node(v).value;
      else diags_.error(d.init->loc, "expression is not constant");
      if (t.is(TypeKind::Range)) check_in_range(d.init->loc, signed_value(d.const_value, Type::integer(64, true)), t);
    }
    d.const_busy = false;
    d.const_done = true;
  }

  void check_in_range(const Loc &loc, std::int64_t v, const Type &t) {
    if (v < t.lo || v > t.hi)
      diags_.error(loc, "value " + std::to_string(v) + " is outside " + t.name());
  }

  void check_var(Decl &d) {
    Type t = resolve(d.type);
    if (t.is(TypeKind::Void)) diags_.error(d.type.loc, "a variable cannot have type void");
    if (d.init) {
      Type vt = check_expr(*d.init, nullptr);
      if (!assignable(vt, t)) {
        diags_.error(d.init->loc, "cannot initialise " + t.name() + " variable '" + d.name + "' with " + vt.name());
      } else if (!vt.is(TypeKind::Error) && !t.is(TypeKind::Error)) {
        ConstEnv env(scratch_, diags_);
        ExprLowerer low(scratch_, diags_, env);
        ir::ExprId v = low.convert(low.lower(*d.init), vt, t);
        if (scratch_.is_const(v)) {
          d.const_value = scratch_.node(v).value;
          if (t.is(TypeKind::Range)) check_in_range(d.init->loc, signed_value(d.const_value, Type::integer(64, true)), t);
        }
      }
    } else if (!d.init_any) {
      d.const_value = 0;  // C: zero-initialised, like the kernel's per-CPU data
    }
    model_.vars.push_back(&d);
  }

  // ---------- procedures ----------
  struct ProcCtx {
    Decl *proc;
    std::vector<std::map<std::string, int>> scopes;
    int loops = 0;
    bool in_atomic = false;
    std::set<std::string> labels;
    std::vector<const Stmt *> gotos;
  };

  void declare_proc(Decl &d) {
    resolve(d.type);
    d.locals.clear();
    std::set<std::string> seen;
    for (auto &[tr, name] : d.params) {
      Type t = resolve(tr);
      if (t.is(TypeKind::Void)) diags_.error(tr.loc, "a parameter cannot have type void");
      if (!seen.insert(name).second) diags_.error(tr.loc, "duplicate parameter '" + name + "'");
      d.locals.push_back({name, t, tr.loc});
    }
    // An expression procedure: the body is exactly `return e;`.
    if (d.body && d.body->body.size() == 1 && d.body->body[0]->kind == StmtKind::Return && d.body->body[0]->e1)
      d.macro_expr = d.body->body[0]->e1.get();
  }

  void check_proc(Decl &d) {
    ProcCtx ctx{&d, {{}}, 0, false, {}, {}};
    for (std::size_t i = 0; i < d.params.size(); ++i) ctx.scopes.back()[d.params[i].second] = static_cast<int>(i);
    cur_ = &ctx;
    for (auto &s : d.body->body) check_stmt(*s);
    for (const Stmt *g : ctx.gotos)
      if (!ctx.labels.count(g->name)) diags_.error(g->loc, "goto to unknown label '" + g->name + "'");
    if (d.macro_expr && !pure(*d.macro_expr)) d.macro_expr = nullptr;
    cur_ = nullptr;
  }

  // An expression procedure must not call statement procedures or nondet.
  bool pure(const Expr &e) const {
    if (e.kind == ExprKind::Call) {
      if (e.builtin && e.builtin->is_nondet()) return false;
      if (e.sym && e.sym->kind == DeclKind::Proc && !e.sym->macro_expr) return false;
    }
    for (const auto &a : e.args)
      if (!pure(*a)) return false;
    return true;
  }

  void check_stmt(Stmt &s) {
    switch (s.kind) {
      case StmtKind::Block:
        cur_->scopes.emplace_back();
        for (auto &c : s.body) check_stmt(*c);
        cur_->scopes.pop_back();
        break;
      case StmtKind::Atomic: {
        bool was = cur_->in_atomic;
        cur_->in_atomic = true;
        cur_->scopes.emplace_back();
        for (auto &c : s.body) check_stmt(*c);
        cur_->scopes.pop_back();
        cur_->in_atomic = was;
        break;
      }
      case StmtKind::Local: {
        Type t = resolve(s.local_type);
        if (t.is(TypeKind::Void)) diags_.error(s.local_type.loc, "a variable cannot have type void");
        if (s.e1) {
          Type vt = check_expr(*s.e1, cur_);
          if (!assignable(vt, t)) diags_.error(s.e1->loc, "cannot initialise " + t.name() + " with " + vt.name());
        }
        auto &scope = cur_->scopes.back();
        if (scope.count(s.name)) diags_.error(s.loc, "'" + s.name + "' is already declared in this block");
        s.local_index = static_cast<int>(cur_->proc->locals.size());
        cur_->proc->locals.push_back({s.name, t, s.loc});
        scope[s.name] = s.local_index;
        break;
      }
      case StmtKind::Assign: {
        Type lt = check_expr(*s.e1, cur_);
        check_lvalue(*s.e1);
        if (s.name == "++" || s.name == "--") {
          if (!lt.is(TypeKind::Int) && !lt.is(TypeKind::Range) && !lt.is(TypeKind::Error))
            diags_.error(s.e1->loc, "'" + s.name + "' needs an integer, not " + lt.name());
          break;
        }
        Type rt = check_expr(*s.e2, cur_);
        if (s.name == "=") {
          if (!assignable(rt, lt)) diags_.error(s.e2->loc, "cannot assign " + rt.name() + " to " + lt.name());
        } else if (!(lt.is(TypeKind::Int) || lt.is(TypeKind::Range) || lt.is(TypeKind::Error)) ||
                   !(rt.is_arith() || rt.is(TypeKind::Error))) {
          diags_.error(s.loc, "'" + s.name + "' needs integers");
        }
        break;
      }
      case StmtKind::ExprStmt: check_expr(*s.e1, cur_, true); break;
      case StmtKind::If:
        check_cond(*s.e1);
        for (auto &c : s.body) check_scoped(*c);
        break;
      case StmtKind::While:
      case StmtKind::DoWhile:
        if (cur_->in_atomic) diags_.error(s.loc, "loops are not allowed inside atomic");
        check_cond(*s.e1);
        ++cur_->loops;
        check_scoped(*s.body[0]);
        --cur_->loops;
        break;
      case StmtKind::Break:
      case StmtKind::Continue:
        if (cur_->loops == 0) diags_.error(s.loc, "'" + std::string(s.kind == StmtKind::Break ? "break" : "continue") + "' outside a loop");
        break;
      case StmtKind::Return: {
        Type rt = cur_->proc->type.resolved;
        if (s.e1) {
          Type t = check_expr(*s.e1, cur_);
          if (rt.is(TypeKind::Void)) diags_.error(s.loc, "void procedure '" + cur_->proc->name + "' returns a value");
          else if (!assignable(t, rt)) diags_.error(s.e1->loc, "cannot return " + t.name() + " from a procedure returning " + rt.name());
        } else if (!rt.is(TypeKind::Void) && !rt.is(TypeKind::Error)) {
          diags_.error(s.loc, "procedure '" + cur_->proc->name + "' must return a " + rt.name());
        }
        break;
      }
      case StmtKind::Goto:
        if (cur_->in_atomic) diags_.error(s.loc, "goto is not allowed inside atomic");
        cur_->gotos.push_back(&s);
        break;
      case StmtKind::Label:
        if (!cur_->labels.insert(s.name).second) diags_.error(s.loc, "duplicate label '" + s.name + "'");
        break;
      case StmtKind::Assert:
        check_cond(*s.e1);
        break;
      case StmtKind::Assume: check_cond(*s.e1); break;
    }
  }

  void check_scoped(Stmt &s) {
    cur_->scopes.emplace_back();
    check_stmt(s);
    cur_->scopes.pop_back();
  }

  void check_cond(Expr &e) {
    Type t = check_expr(e, cur_);
    if (!t.is(TypeKind::Bool) && !t.is(TypeKind::Int) && !t.is(TypeKind::Range) && !t.is(TypeKind::Error))
      diags_.error(e.loc, "condition must be bool or an integer, not " + t.name());
  }

  void check_lvalue(const Expr &e) {
    if (e.kind == ExprKind::Name && e.sym) {
      if (e.sym->kind == DeclKind::Var || e.local_index >= 0) return;
      diags_.error(e.loc, "cannot assign to '" + e.op + "'");
      return;
    }
    if (e.kind == ExprKind::Call && e.builtin && e.builtin->typing == BuiltinTyping::PerCpuVar) return;
    if (e.kind == ExprKind::Name) return;  // unknown name: already reported
    diags_.error(e.loc, "cannot assign to this expression");
  }

  // ---------- expressions ----------
  // `cond_depth` > 0 inside the right of && / || and inside ?: where a call to
  // a statement procedure could not be hoisted faithfully.
  Type check_expr(Expr &e, ProcCtx *ctx, bool statement = false, int cond_depth = 0) {
    e.type = check_expr_inner(e, ctx, statement, cond_depth);
    return e.type;
  }

  Type check_expr_inner(Expr &e, ProcCtx *ctx, bool statement, int cond_depth) {
    switch (e.kind) {
      case ExprKind::IntLit: {
        bool u = e.lit_unsigned;
        if (!e.lit_long && !u && e.value <= 0x7fffffffULL) return Type::integer(32, true);
        if (!e.lit_long && u && e.value <= 0xffffffffULL) return Type::integer(32, false);
        if (!u && e.value <= 0x7fffffffffffffffULL) return Type::integer(64, true);
        return Type::integer(64, false);
      }
      case ExprKind::BoolLit: return Type::boolean();
      case ExprKind::Name: return check_name(e, ctx);
      case ExprKind::Cast: {
        Type from = check_expr(*e.args[0], ctx, false, cond_depth);
        Type to = resolve(e.cast_type);
        if (!assignable(from, to)) diags_.error(e.loc, "cannot convert " + from.name() + " to " + to.name());
        return to;
      }
      case ExprKind::Unary: {
        Type t = check_expr(*e.args[0], ctx, false, cond_depth);
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
      case ExprKind::Ternary: {
        check_expr(*e.args[0], ctx, false, cond_depth);
        Type a = check_expr(*e.args[1], ctx, false, cond_depth + 1);
        Type b = check_expr(*e.args[2], ctx, false, cond_depth + 1);
        if (a.is(TypeKind::Error) || b.is(TypeKind::Error)) return Type::error();
        if (a.same(b) && !a.is(TypeKind::Range)) return a;
        if (a.is_arith() && b.is_arith() && !(a.is(TypeKind::Bool) && b.is(TypeKind::Bool))) return common_type(a, b);
        diags_.error(e.loc, "the branches of '?:' have types " + a.name() + " and " + b.name());
        return Type::error();
      }
      case ExprKind::Binary: return check_binary(e, ctx, cond_depth);
      case ExprKind::Call: return check_call(e, ctx, statement, cond_depth);
    }
    return Type::error();
  }

  Type check_name(Expr &e, ProcCtx *ctx) {
    if (ctx) {
      for (auto it = ctx->scopes.rbegin(); it != ctx->scopes.rend(); ++it) {
        auto f = it->find(e.op);
        if (f != it->end()) {
          e.sym = ctx->proc;
          e.local_index = f->second;
          return ctx->proc->locals[f->second].type;
        }
      }
    }
    auto en = enumerators_.find(e.op);
    if (en != enumerators_.end()) {
      e.sym = en->second.first;
      e.enum_code = en->second.second;
      Type t;
      t.kind = TypeKind::Enum;
      t.enm = en->second.first->enm.get();
      return t;
    }
    static const std::map<std::string, std::pair<std::uint64_t, Type>> kBuiltinConsts = {
        {"LLONG_MAX", {0x7fffffffffffffffULL, Type::integer(64, true)}},
        {"LONG_MAX", {0x7fffffffffffffffULL, Type::integer(64, true)}},
        {"INT_MAX", {0x7fffffffULL, Type::integer(32, true)}},
        {"UINT_MAX", {0xffffffffULL, Type::integer(32, false)}},
        {"ULLONG_MAX", {~0ULL, Type::integer(64, false)}},
        {"ULONG_MAX", {~0ULL, Type::integer(64, false)}},
    };
    auto bc = kBuiltinConsts.find(e.op);
    auto it = prog_.named.find(e.op);
    if (it == prog_.named.end() && bc != kBuiltinConsts.end()) {
      builtin_consts_.emplace_back();
      Decl &d = builtin_consts_.back();
      d.kind = DeclKind::Const;
      d.name = e.op;
      d.const_value = bc->second.first;
      d.const_done = true;
      e.sym = &d;
      return bc->second.second;
    }
    if (it == prog_.named.end()) {
      diags_.error(e.loc, "unknown name '" + e.op + "'");
      return Type::error();
    }
    Decl *d = it->second;
    e.sym = d;
    switch (d->kind) {
      case DeclKind::Const:
        eval_const(*d);
        return d->type.resolved;
      case DeclKind::Var: return d->type.resolved;
      default:
        diags_.error(e.loc, "'" + e.op + "' is not a value");
        return Type::error();
    }
  }

  Type check_binary(Expr &e, ProcCtx *ctx, int cond_depth) {
    const std::string &op = e.op;
    bool logical = op == "&&" || op == "||";
    Type a = check_expr(*e.args[0], ctx, false, cond_depth);
    Type b = check_expr(*e.args[1], ctx, false, cond_depth + (logical ? 1 : 0));
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
      return op == "<" || op == "<=" || op == ">" || op == ">=" ? Type::boolean() : Type::error();
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") return Type::boolean();
    if (op == "<<" || op == ">>") return promote(a);
    return common_type(a, b);
  }

  Type check_call(Expr &e, ProcCtx *ctx, bool statement, int cond_depth) {
    const Builtin *b = find_builtin(e.op);
    auto it = prog_.named.find(e.op);
    if (it == prog_.named.end() && b) {
      e.builtin = b;
      return check_builtin(e, *b, ctx, statement, cond_depth);
    }
    if (it == prog_.named.end() || it->second->kind != DeclKind::Proc) {
      diags_.error(e.loc, it == prog_.named.end() ? "unknown procedure '" + e.op + "'" : "'" + e.op + "' is not a procedure");
      for (auto &a : e.args) check_expr(*a, ctx, false, cond_depth);
      return Type::error();
    }
    Decl *callee = it->second;
    e.sym = callee;
    const bool one_return = callee->body && callee->body->body.size() == 1 &&
                            callee->body->body[0]->kind == StmtKind::Return && callee->body->body[0]->e1;
    if (!ctx && !(one_return && in_invariant_)) {
      diags_.error(e.loc, "'" + e.op + "' cannot be called here");
      return Type::error();
    }
    if (ctx) calls_[ctx->proc].push_back({callee, e.loc});
    if (e.args.size() != callee->params.size()) {
      diags_.error(e.loc, "'" + e.op + "' takes " + std::to_string(callee->params.size()) + " argument(s), not " +
                              std::to_string(e.args.size()));
    }
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      Type t = check_expr(*e.args[i], ctx, false, cond_depth);
      if (i < callee->params.size() && !assignable(t, callee->params[i].first.resolved))
        diags_.error(e.args[i]->loc, "argument " + std::to_string(i + 1) + " of '" + e.op + "' must be " +
                                         callee->params[i].first.resolved.name() + ", not " + t.name());
    }
    bool is_macro = callee->body && callee->body->body.size() == 1 &&
                    callee->body->body[0]->kind == StmtKind::Return && callee->body->body[0]->e1;
    // Whether the callee is an expression procedure is only final once every
    // procedure is checked (see settle_expression_procedures).
    if (!statement && cond_depth > 0) conditional_calls_.push_back(&e);
    if (!is_macro && ctx->in_atomic && has_control_flow(*callee->body))
      diags_.error(e.loc, "'" + e.op + "' has loops, gotos or early returns and cannot be called inside atomic");
    Type rt = callee->type.resolved;
    if (!statement && rt.is(TypeKind::Void)) diags_.error(e.loc, "'" + e.op + "' returns no value");
    return rt;
  }

  static bool has_control_flow(const Stmt &s, bool last = true) {
    switch (s.kind) {
      case StmtKind::While: case StmtKind::DoWhile: case StmtKind::Goto: case StmtKind::Label:
      case StmtKind::Break: case StmtKind::Continue: return true;
      case StmtKind::Return: return !last;
      default: break;
    }
    for (std::size_t i = 0; i < s.body.size(); ++i) {
      bool child_last = last && (s.kind == StmtKind::If || i + 1 == s.body.size());
      if (has_control_flow(*s.body[i], child_last)) return true;
    }
    return false;
  }

  Type check_builtin(Expr &e, const Builtin &b, ProcCtx *ctx, bool statement, int cond_depth) {
    if (static_cast<int>(e.args.size()) != b.arity) {
      diags_.error(e.loc, "'" + e.op + "' takes " + std::to_string(b.arity) + " argument(s), not " +
                              std::to_string(e.args.size()));
      return Type::error();
    }
    switch (b.typing) {
      case BuiltinTyping::NoArgs:
        break;
      case BuiltinTyping::IrqFlags: {
        Type t = check_expr(*e.args[0], ctx, false, cond_depth);
        if (!t.is_arith() && !t.is(TypeKind::Error))
          diags_.error(e.args[0]->loc, "flags must be an integer or bool");
        if (b.writes_arg()) check_lvalue(*e.args[0]);
        break;
      }
      case BuiltinTyping::PerCpuVar:
        return check_per_cpu(e, ctx, cond_depth);
      case BuiltinTyping::SameAsArg:
        if (!ctx) diags_.error(e.loc, e.op + "() is only allowed inside procedures");
        return check_expr(*e.args[0], ctx, false, cond_depth);
      case BuiltinTyping::NondetRange:
        check_nondet_range(e, ctx, cond_depth);
        return b.result;
    }
    if (!ctx && b.is_statement()) diags_.error(e.loc, "'" + e.op + "' cannot be used here");
    if (b.is_statement() && !statement) diags_.error(e.loc, "'" + e.op + "' returns no value");
    return b.result;
  }

  Type check_per_cpu(Expr &e, ProcCtx *ctx, int cond_depth) {
    Expr &var = *e.args[0];
    Type t = check_expr(var, ctx, false, cond_depth);
    if (var.kind != ExprKind::Name || !var.sym || var.sym->kind != DeclKind::Var ||
        var.sym->storage == Storage::Global) {
      diags_.error(var.loc, "per_cpu needs a percpu or pertask variable");
      return Type::error();
    }
    Type c = check_expr(*e.args[1], ctx, false, cond_depth);
    if (!c.is(TypeKind::Int) && !c.is(TypeKind::Range) && !c.is(TypeKind::Error))
      diags_.error(e.args[1]->loc, "a CPU number must be an integer");
    return t;
  }

  void check_nondet_range(Expr &e, ProcCtx *ctx, int cond_depth) {
    for (auto &a : e.args) {
      Type t = check_expr(*a, ctx, false, cond_depth);
      if (!t.is(TypeKind::Int) && !t.is(TypeKind::Error))
        diags_.error(a->loc, e.op + " bounds must be integers");
    }
    std::int64_t lo = signed_value(const_value(*e.args[0]), e.args[0]->type);
    std::int64_t hi = signed_value(const_value(*e.args[1]), e.args[1]->type);
    if (lo > hi)
      diags_.error(e.loc, e.op + ": empty range");
    else if (static_cast<std::uint64_t>(hi - lo) > 65535)
      diags_.error(e.loc, e.op + ": at most 65536 values");
  }

  // ---------- whole program ----------
  // A procedure whose body is `return e;` is an expression procedure only if e
  // calls nothing but expression procedures (and no nondet). Dropping one can
  // disqualify its callers, whatever the declaration order: iterate to a fixpoint.
  // Then a call that C would evaluate conditionally (right of && / ||, inside
  // ?:) must be to an expression procedure, since other calls are hoisted.
  void settle_expression_procedures() {
    for (bool changed = true; changed;) {
      changed = false;
      for (Decl *d : prog_.decls)
        if (d->kind == DeclKind::Proc && d->macro_expr && !pure(*d->macro_expr)) {
          d->macro_expr = nullptr;
          changed = true;
        }
    }
    for (const Expr *e : conditional_calls_)
      if (e->sym && !e->sym->macro_expr)
        diags_.error(e->loc, "call to '" + e->op +
                                 "' may not be evaluated here (right of && or ||, or inside ?:); use a local");
  }

  void check_recursion() {
    std::map<const Decl *, int> state;  // 0 new, 1 on stack, 2 done
    std::function<void(const Decl *)> visit = [&](const Decl *p) {
      state[p] = 1;
      for (const auto &[callee, loc] : calls_[p]) {
        if (state[callee] == 1) diags_.error(loc, "recursive call to '" + callee->name + "' (recursion cannot be inlined)");
        else if (state[callee] == 0) visit(callee);
      }
      state[p] = 2;
    };
    for (Decl *d : prog_.decls)
      if (d->kind == DeclKind::Proc && state[d] == 0) visit(d);
  }

  const Decl *entry_proc(const Decl &d, const char *what) {
    auto it = prog_.named.find(d.name);
    if (it == prog_.named.end() || it->second->kind != DeclKind::Proc) {
      diags_.error(d.loc, std::string(what) + " '" + d.name + "' is not a declared procedure");
      return nullptr;
    }
    const Decl *p = it->second;
    if (!p->params.empty()) diags_.error(d.loc, std::string(what) + " '" + d.name + "' must take no parameters");
    return p;
  }

  void system() {
    const Decl *cpus = nullptr, *bound = nullptr;
    std::vector<const Decl *> tasks;
    for (Decl *d : prog_.decls) {
      switch (d->kind) {
        case DeclKind::Cpus:
          if (cpus) diags_.error(d->loc, "'cpus' is declared twice (first at " + diags_.where(cpus->loc) + ")");
          cpus = d;
          if (d->number < 1 || d->number > 8) diags_.error(d->loc, "cpus must be between 1 and 8");
          else model_.cpus = static_cast<int>(d->number);
          break;
        case DeclKind::Bound:
          if (bound) diags_.error(d->loc, "'bound' is declared twice");
          bound = d;
          if (d->number < 0 || d->number > 100000) diags_.error(d->loc, "bound must be between 0 and 100000");
          else model_.bound = static_cast<int>(d->number);
          break;
        case DeclKind::Task: tasks.push_back(d); break;
        case DeclKind::Source: {
          const Decl *p = entry_proc(*d, "handler");
          if (d->number < 1 || d->number > 4) diags_.error(d->loc, "nest must be between 1 and 4");
          for (const SourceDecl &s : model_.sources)
            if (p && s.proc == p) diags_.error(d->loc, "handler '" + d->name + "' is declared twice");
          if (p) model_.sources.push_back({p, d->source_kind, static_cast<int>(d->number)});
          break;
        }
        case DeclKind::Invariant: {
          in_invariant_ = true;  // invariants may call expression procedures
          Type t = check_expr(*d->init, nullptr);
          in_invariant_ = false;
          if (!t.is_arith() && !t.is(TypeKind::Error)) diags_.error(d->init->loc, d->lemma ? "a lemma must be a condition" : "an invariant must be a condition");
          model_.invariants.push_back(d);
          break;
        }
        case DeclKind::Expect: model_.expects.push_back(d); break;
        default: break;
      }
    }
    model_.task_of_cpu.assign(model_.cpus, nullptr);
    model_.task_starts_user.assign(model_.cpus, false);
    for (const Decl *t : tasks) {
      const Decl *p = entry_proc(*t, "task");
      if (!p) continue;
      if (t->number >= model_.cpus) {
        diags_.error(t->loc, "CPU " + std::to_string(t->number) + " does not exist (cpus " + std::to_string(model_.cpus) + ")");
        continue;
      }
      for (int c = 0; c < model_.cpus; ++c) {
        if (t->number >= 0 && t->number != c) continue;
        if (model_.task_of_cpu[c]) diags_.error(t->loc, "CPU " + std::to_string(c) + " already has a task");
        else model_.task_of_cpu[c] = p, model_.task_starts_user[c] = t->starts_user;
      }
    }
    if (!diags_.has_errors())
      for (int c = 0; c < model_.cpus; ++c)
        if (!model_.task_of_cpu[c])
          // At the `cpus` declaration, else the root file (files[0]; the
          // last file loaded is an import).
          diags_.error(cpus ? cpus->loc : Loc{prog_.files.empty() ? -1 : prog_.files.front().file, 1, 1},
                       "CPU " + std::to_string(c) + " has no task (declare 'task PROC;')");
  }

  Program &prog_;
  Diagnostics &diags_;
  Model &model_;
  ir::ExprPool scratch_;
  ProcCtx *cur_ = nullptr;
  bool in_invariant_ = false;
  std::map<std::string, std::pair<Decl *, std::int64_t>> enumerators_;
  std::map<const Decl *, std::vector<std::pair<const Decl *, Loc>>> calls_;
  std::deque<Decl> builtin_consts_;
  std::vector<const Expr *> conditional_calls_;
};

}  // namespace

bool analyse(Program &prog, Diagnostics &diags, Model &out) {
  try {
    Sema(prog, diags, out).run();
  } catch (FatalError &) {
  }
  return !diags.has_errors();
}

}  // namespace ctcheck::frontend
