// Typed expression -> IR expression, with C semantics (conversions, wrap-around,
// signed/unsigned comparison and shifts). Shared by constant evaluation in sema
// and by the lowering of statements, so constants and code cannot disagree.
#pragma once

#include "frontend/ast.h"
#include "ir/expr.h"

namespace ctcheck::frontend {

// Supplies what depends on where the expression is evaluated.
class ExprEnv {
 public:
  virtual ~ExprEnv() = default;
  // A Name bound to a variable, local or parameter (constants and enumerators
  // are handled by the lowerer). Ranges are returned as s64 values.
  virtual ir::ExprId variable(const Expr &e) = 0;
  // A call: a built-in, an expression procedure, or an already-evaluated call.
  virtual ir::ExprId call(const Expr &e) = 0;
};

// The IR sort of a value of type t inside expressions (ranges compute in s64).
ir::Sort value_sort(const Type &t);

class ExprLowerer {
 public:
  ExprLowerer(ir::ExprPool &pool, Diagnostics &diags, ExprEnv &env) : pool_(pool), diags_(diags), env_(env) {}
  ir::ExprId lower(const Expr &e);
  // Converts a value of type `from` to type `to` as C assignment does (ranges
  // are s64 values here; storing into a range is the caller's job).
  ir::ExprId convert(ir::ExprId v, const Type &from, const Type &to);
  ir::ExprId to_bool(ir::ExprId v, const Type &from) { return convert(v, from, Type::boolean()); }

 private:
  ir::ExprId binary(const Expr &e);
  ir::ExprId divide(const Expr &e, ir::ExprId a, ir::ExprId b, const Type &t);
  ir::ExprPool &pool_;
  Diagnostics &diags_;
  ExprEnv &env_;
};

}  // namespace ctcheck::frontend
