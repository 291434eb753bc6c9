#include "frontend/lower_expr.h"

#include <map>

#include "frontend/const_eval.h"
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

ExprId ExprLowerer::condition(ir::ExprPool &pool, const std::vector<ExprId> &conditions) {
  ExprId all = pool.tru();
  for (ExprId c : conditions) all = pool.land(all, c);
  return all;
}

ExprId ExprLowerer::lower(const Expr &e) {
  env_.enter(e);
  struct Leave {
    ExprEnv &env;
    ~Leave() { env.leave(); }
  } leave{env_};
  return lower_node(e);
}

ExprId ExprLowerer::lower_node(const Expr &e) {
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
      ExprId then = conditional(c, *e.args[1], e.type);
      return pool_.ite(c, then, conditional(pool_.lnot(c), *e.args[2], e.type));
    }
    case ExprKind::Binary:
      return binary(e);
  }
  return pool_.fls();
}

// An operand C evaluates only when `cond` holds.
ExprId ExprLowerer::conditional(ExprId cond, const Expr &operand, const Type &to) {
  env_.conditions.push_back(cond);
  ExprId v = convert(lower(operand), operand.type, to);
  env_.conditions.pop_back();
  return v;
}

ExprId ExprLowerer::binary(const Expr &e) {
  const Expr &l = *e.args[0], &r = *e.args[1];
  const std::string &op = e.op;
  if (op == "&&" || op == "||") {
    ExprId a = to_bool(lower(l), l.type);
    ExprId b = conditional(op == "&&" ? a : pool_.lnot(a), r, Type::boolean());
    return op == "&&" ? pool_.land(a, b) : pool_.lor(a, b);
  }
  bool compare = op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
  if (!compare) return arithmetic(op, {lower(l), l.type, &l}, {lower(r), r.type, &r}, e.type, e.loc);
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

ExprId ExprLowerer::arithmetic(const std::string &op, const Operand &a, const Operand &b, const Type &result,
                               const Loc &at) {
  if (op == "<<" || op == ">>") return shift(op, a, b, result, at);
  if (op == "/" || op == "%") return divide(op, a, b, result, at);
  static const std::map<std::string, Op> kOps = {{"+", Op::Add},   {"-", Op::Sub},  {"*", Op::Mul},
                                                 {"&", Op::BvAnd}, {"|", Op::BvOr}, {"^", Op::BvXor}};
  return pool_.binary(kOps.at(op), convert(a.value, a.type, result), convert(b.value, b.type, result));
}

// C: the count is an integer of its own (promoted) type, and a count outside
// 0..width-1 of the shifted type is undefined. Here it is the built-in
// property `shift_in_range` (an error in a constant). The shift itself is
// arithmetic for a signed value, logical for an unsigned one.
ExprId ExprLowerer::shift(const std::string &op, const Operand &a, const Operand &b, const Type &result,
                          const Loc &at) {
  const Type count_type = promote(b.type);
  ExprId count = convert(b.value, b.type, count_type);
  ExprId width = pool_.constant(value_sort(count_type), result.width);
  ExprId below_width = pool_.binary(count_type.is_signed ? Op::Slt : Op::Ult, count, width);
  ExprId ok =
      count_type.is_signed
          ? pool_.land(pool_.binary(Op::Sle, pool_.constant(value_sort(count_type), 0), count), below_width)
          : below_width;
  Requirement r{kShiftInRange,
                "a shift count is negative or not below the width of the shifted type",
                ok,
                b.expr,
                at,
                ""};
  if (pool_.is_const(count)) {
    std::uint64_t v = pool_.node(count).value;
    std::string shown = count_type.is_signed ? std::to_string(sign_extend(v, count_type)) : std::to_string(v);
    r.error = "shift count " + shown + " is outside 0.." + std::to_string(result.width - 1) +
              " (the width of " + result.name() + ")";
  }
  env_.require(r);
  ExprId x = convert(a.value, a.type, result);
  ExprId n = convert(count, count_type, result);
  if (op == "<<") return pool_.binary(Op::Shl, x, n);
  return pool_.binary(result.is_signed ? Op::AShr : Op::LShr, x, n);
}

// Division exists only for constants (the IR has no division), with C's
// truncation toward zero. Division by zero and the one quotient that does not
// fit (the most negative value divided by -1, at the type's own width) are errors.
ExprId ExprLowerer::divide(const std::string &op, const Operand &a, const Operand &b, const Type &t,
                           const Loc &at) {
  ExprId x = convert(a.value, a.type, t), y = convert(b.value, b.type, t);
  if (!pool_.is_const(x) || !pool_.is_const(y)) {
    diags_.error(at, "'" + op + "' is only allowed in constant expressions");
    return pool_.constant(value_sort(t), 0);
  }
  std::uint64_t ux = pool_.node(x).value, uy = pool_.node(y).value;
  if (uy == 0) {
    diags_.error(at, "division by zero in constant expression");
    return pool_.constant(value_sort(t), 0);
  }
  std::uint64_t r;
  if (t.is_signed) {
    std::int64_t sx = sign_extend(ux, t), sy = sign_extend(uy, t);
    const std::int64_t min = t.width >= 64 ? INT64_MIN : -(std::int64_t{1} << (t.width - 1));
    if (sx == min && sy == -1) {
      diags_.error(at, "signed division overflows");
      return pool_.constant(value_sort(t), 0);
    }
    r = static_cast<std::uint64_t>(op == "/" ? sx / sy : sx % sy);
  } else {
    r = op == "/" ? ux / uy : ux % uy;
  }
  return pool_.constant(value_sort(t), r);
}

}  // namespace ctcheck::frontend
