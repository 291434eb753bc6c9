#include "frontend/lower_expr.h"

#include "frontend/types.h"

namespace ctcheck::frontend {

using ir::ExprId;
using ir::Op;

ir::Sort value_sort(const Type &t) {
  switch (t.kind) {
    case TypeKind::Bool:
      return ir::Sort::boolean();
    case TypeKind::Int:
      return ir::Sort::bv(t.width);
    case TypeKind::Range:
      return ir::Sort::bv(64);
    case TypeKind::Enum:
      return ir::Sort::bv(storage_bits(t));
    default:
      return ir::Sort::boolean();
  }
}

ExprId ExprLowerer::convert(ExprId v, const Type &from0, const Type &to0) {
  Type from = from0.is(TypeKind::Range) ? Type::integer(64, true) : from0;
  Type to = to0.is(TypeKind::Range) ? Type::integer(64, true) : to0;
  if (from.is(TypeKind::Error) || to.is(TypeKind::Error) || from.is(TypeKind::Void) || to.is(TypeKind::Void))
    return pool_.constant(value_sort(to), 0);
  if (to.is(TypeKind::Enum) || from.is(TypeKind::Enum)) return v;  // sema allows only the same enum
  if (to.is(TypeKind::Bool)) {
    if (from.is(TypeKind::Bool)) return v;
    return pool_.lnot(pool_.eq(v, pool_.constant(pool_.sort(v), 0)));
  }
  // to is Int
  if (from.is(TypeKind::Bool))
    return pool_.ite(v, pool_.constant(ir::Sort::bv(to.width), 1), pool_.constant(ir::Sort::bv(to.width), 0));
  if (from.width == to.width) return v;
  if (from.width > to.width) return pool_.extend(Op::Trunc, v, to.width);
  return pool_.extend(from.is_signed ? Op::SExt : Op::ZExt, v, to.width);
}

ExprId ExprLowerer::lower(const Expr &e) {
  switch (e.kind) {
    case ExprKind::IntLit:
      return pool_.constant(value_sort(e.type), e.value);
    case ExprKind::BoolLit:
      return pool_.boolean(e.value != 0);
    case ExprKind::Name:
      if (e.constant) return pool_.constant(value_sort(e.type), e.constant->value);
      if (e.enumeration) return pool_.constant(value_sort(e.type), e.enum_code);
      return env_.variable(e);
    case ExprKind::Call:
      return env_.call(e);
    case ExprKind::Cast:
      return convert(lower(*e.args[0]), e.args[0]->type, e.type);
    case ExprKind::Unary: {
      const Expr &a = *e.args[0];
      if (e.op == "!") return pool_.lnot(to_bool(lower(a), a.type));
      ExprId v = convert(lower(a), a.type, e.type);
      if (e.op == "-") return pool_.unary(Op::Neg, v);
      if (e.op == "~") return pool_.unary(Op::BvNot, v);
      return v;  // unary plus
    }
    case ExprKind::Ternary: {
      ExprId c = to_bool(lower(*e.args[0]), e.args[0]->type);
      return pool_.ite(c, convert(lower(*e.args[1]), e.args[1]->type, e.type),
                       convert(lower(*e.args[2]), e.args[2]->type, e.type));
    }
    case ExprKind::Binary:
      return binary(e);
  }
  return pool_.fls();
}

ExprId ExprLowerer::binary(const Expr &e) {
  const Expr &l = *e.args[0], &r = *e.args[1];
  const std::string &op = e.op;
  if (op == "&&" || op == "||") {
    ExprId a = to_bool(lower(l), l.type), b = to_bool(lower(r), r.type);
    return op == "&&" ? pool_.land(a, b) : pool_.lor(a, b);
  }
  if (op == "<<" || op == ">>") {
    ExprId a = convert(lower(l), l.type, e.type);
    ExprId b = convert(lower(r), r.type, e.type);
    if (op == "<<") return pool_.binary(Op::Shl, a, b);
    return pool_.binary(e.type.is_signed ? Op::AShr : Op::LShr, a, b);
  }
  bool compare = op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
  if (compare) {
    Type t;
    if (l.type.is(TypeKind::Enum) || (l.type.is(TypeKind::Bool) && r.type.is(TypeKind::Bool)))
      t = l.type;
    else
      t = common_type(l.type, r.type);
    ExprId a = convert(lower(l), l.type, t), b = convert(lower(r), r.type, t);
    if (op == "==") return pool_.eq(a, b);
    if (op == "!=") return pool_.lnot(pool_.eq(a, b));
    bool s = t.is_signed;
    if (op == "<") return pool_.binary(s ? Op::Slt : Op::Ult, a, b);
    if (op == "<=") return pool_.binary(s ? Op::Sle : Op::Ule, a, b);
    if (op == ">") return pool_.binary(s ? Op::Slt : Op::Ult, b, a);
    return pool_.binary(s ? Op::Sle : Op::Ule, b, a);
  }
  ExprId a = convert(lower(l), l.type, e.type), b = convert(lower(r), r.type, e.type);
  if (op == "+") return pool_.binary(Op::Add, a, b);
  if (op == "-") return pool_.binary(Op::Sub, a, b);
  if (op == "*") return pool_.binary(Op::Mul, a, b);
  if (op == "&") return pool_.binary(Op::BvAnd, a, b);
  if (op == "|") return pool_.binary(Op::BvOr, a, b);
  if (op == "^") return pool_.binary(Op::BvXor, a, b);
  return divide(e, a, b, e.type);
}

// Division exists only for constants (the IR has no division), with C's
// truncation toward zero.
ExprId ExprLowerer::divide(const Expr &e, ExprId a, ExprId b, const Type &t) {
  if (!pool_.is_const(a) || !pool_.is_const(b)) {
    diags_.error(e.loc, "'" + e.op + "' is only allowed in constant expressions");
    return pool_.constant(value_sort(t), 0);
  }
  std::uint64_t x = pool_.node(a).value, y = pool_.node(b).value;
  if (y == 0) {
    diags_.error(e.loc, "division by zero in constant expression");
    return pool_.constant(value_sort(t), 0);
  }
  std::uint64_t r;
  if (t.is_signed) {
    unsigned w = t.width;
    auto sx = static_cast<std::int64_t>(w >= 64 ? x : (x ^ (1ull << (w - 1))) - (1ull << (w - 1)));
    auto sy = static_cast<std::int64_t>(w >= 64 ? y : (y ^ (1ull << (w - 1))) - (1ull << (w - 1)));
    if (sx == INT64_MIN && sy == -1) {
      diags_.error(e.loc, "signed division overflows");
      return pool_.constant(value_sort(t), 0);
    }
    r = static_cast<std::uint64_t>(e.op == "/" ? sx / sy : sx % sy);
  } else {
    r = e.op == "/" ? x / y : x % y;
  }
  return pool_.constant(value_sort(t), r);
}

}  // namespace ctcheck::frontend
