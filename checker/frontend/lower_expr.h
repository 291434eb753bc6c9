// Typed expression -> IR expression, with C semantics (conversions, wrap-around,
// signed/unsigned comparison and shifts). Shared by constant evaluation in sema
// and by the lowering of statements, so constants and code cannot disagree.
//
// What C leaves undefined the language makes a named property, like the
// kernel's UBSAN: the lowerer states each such condition as a Requirement, and
// the environment decides what it means there (an error in a constant, an
// assertion check in a step).
#pragma once

#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/builtins.h"
#include "ir/expr.h"

namespace ctcheck::frontend {

// A condition under which an operation is defined.
struct Requirement {
  const char *property;  // the built-in property a run-time failure violates
  const char *message;   // its message
  ir::ExprId ok;         // must hold wherever the operation is evaluated
  const Expr *operand;   // the operand it constrains
  Loc loc;               // where to report it
  std::string error;     // the error when `operand` is a constant expression (set when `ok` is constant)
};

// Supplies what depends on where the expression is evaluated.
class ExprEnv {
 public:
  virtual ~ExprEnv() = default;
  // A Name bound to a variable, local or parameter (constants and enumerators
  // are handled by the lowerer). Ranges are returned as s64 values.
  virtual ir::ExprId variable(const Expr &e) = 0;
  // A call: a built-in, an expression procedure, or an already-evaluated call.
  virtual ir::ExprId call(const Expr &e) = 0;
  // `r.ok` must hold where the expression is evaluated, that is under `conditions`.
  virtual void require(const Requirement &r) = 0;
  // Called around the lowering of every node (to bound nesting and size; an
  // env that reaches a limit reports it and throws FatalError).
  virtual void enter(const Expr &) {}
  virtual void leave() {}

  // Operands C evaluates only conditionally (right of && and ||, the branches
  // of ?:) are lowered under their condition, innermost last.
  std::vector<ir::ExprId> conditions;
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

  // A value and its type; `expr` is where it comes from (null for an implicit 1).
  struct Operand {
    ir::ExprId value;
    Type type;
    const Expr *expr;
  };
  // `a op b` for C's arithmetic and bitwise operators (+ - * / % & | ^ << >>),
  // computed in `result` (for shifts: the promoted left type).
  ir::ExprId arithmetic(const std::string &op, const Operand &a, const Operand &b, const Type &result,
                        const Loc &at);
  // The conjunction of the env's conditions.
  static ir::ExprId condition(ir::ExprPool &pool, const std::vector<ir::ExprId> &conditions);

 private:
  ir::ExprId lower_node(const Expr &e);
  ir::ExprId binary(const Expr &e);
  ir::ExprId conditional(ir::ExprId cond, const Expr &operand, const Type &to);
  ir::ExprId shift(const std::string &op, const Operand &a, const Operand &b, const Type &result,
                   const Loc &at);
  ir::ExprId divide(const std::string &op, const Operand &a, const Operand &b, const Type &t, const Loc &at);
  ir::ExprPool &pool_;
  Diagnostics &diags_;
  ExprEnv &env_;
};

}  // namespace ctcheck::frontend
