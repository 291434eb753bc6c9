// Constant evaluation: the value of a typed constant expression, computed by
// the same lowering as code (lower_expr.h) in an environment without state, so
// a constant and the same expression at run time cannot disagree.
#pragma once

#include <cstdint>

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "ir/expr.h"

namespace ctcheck::frontend {

class ConstEvaluator {
 public:
  explicit ConstEvaluator(Diagnostics &diags) : diags_(diags) {}
  // The value of `e` (already typed) converted to `to` as C assignment does,
  // masked to the width of `to`. Variables and calls are errors (reported).
  std::uint64_t value(const Expr &e, const Type &to);
  // The value of `e` in its own type, as a signed 64-bit number (sign-extended
  // from a signed type, zero-extended from an unsigned one).
  std::int64_t as_s64(const Expr &e);
  bool truth(const Expr &e) { return value(e, Type::boolean()) != 0; }

 private:
  Diagnostics &diags_;
};

// Whether an expression involves only literals, constants and enumerators.
bool is_constant_expr(const Expr &e);

// A value of integer type `t`, masked to its width, as a signed 64-bit number.
std::int64_t sign_extend(std::uint64_t v, const Type &t);

}  // namespace ctcheck::frontend
