#include "frontend/const_eval.h"

#include "frontend/lower_expr.h"

namespace ctcheck::frontend {
namespace {

// Constants have no state: a variable or a call in a constant is an error.
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
  // Everything is constant here: an operation that is evaluated (not under a
  // false condition) and undefined is an error.
  void require(const Requirement &r) override {
    ir::ExprId when = ExprLowerer::condition(pool_, conditions);
    bool evaluated = !pool_.is_const(when) || pool_.node(when).value != 0;
    if (evaluated && pool_.is_const(r.ok) && pool_.node(r.ok).value == 0) diags_.error(r.loc, r.error);
  }

 private:
  ir::ExprPool &pool_;
  Diagnostics &diags_;
};

}  // namespace

std::uint64_t ConstEvaluator::value(const Expr &e, const Type &to) {
  ir::ExprPool scratch;  // one per value: a model can have very many constants
  ConstEnv env(scratch, diags_);
  ExprLowerer low(scratch, diags_, env);
  ir::ExprId v = low.convert(low.lower(e), e.type, to);
  if (!scratch.is_const(v)) {
    diags_.error(e.loc, "expression is not constant");
    return 0;
  }
  return scratch.node(v).value;
}

std::int64_t ConstEvaluator::as_s64(const Expr &e) { return sign_extend(value(e, e.type), e.type); }

std::int64_t sign_extend(std::uint64_t v, const Type &t) {
  if (!t.is_signed || t.width >= 64) return static_cast<std::int64_t>(v);
  std::uint64_t sign = 1ull << (t.width - 1);
  return static_cast<std::int64_t>((v ^ sign) - sign);
}

bool is_constant_expr(const Expr &e) {
  switch (e.kind) {
    case ExprKind::IntLit:
    case ExprKind::BoolLit:
      return true;
    case ExprKind::Name:
      return e.constant || e.enumeration;
    case ExprKind::Call:
      return false;
    default:
      for (const auto &a : e.args)
        if (!is_constant_expr(*a)) return false;
      return true;
  }
}

}  // namespace ctcheck::frontend
