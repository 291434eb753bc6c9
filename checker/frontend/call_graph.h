// Whole-program checks over the calls between procedures: which procedures
// are expression procedures (docs/language.md §3), and that nothing recurses
// (calls are inlined).
#pragma once

#include <map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/loader.h"

namespace ctcheck::frontend {

// Recorded by the type checker.
struct CallGraph {
  struct Call {
    const ProcDecl *callee;
    Loc loc;
  };
  std::map<const ProcDecl *, std::vector<Call>> calls;  // caller -> its calls, in source order
  // Calls that C evaluates only under a condition (right of && or ||, inside ?:).
  std::vector<const Expr *> conditional;
};

// A procedure whose body is `return e;` is an expression procedure only if e
// calls nothing but expression procedures and nothing nondeterministic.
// Dropping one can disqualify its callers, whatever the declaration order:
// this clears `expression_body` up to the fixpoint. Then a conditionally
// evaluated call must be to an expression procedure, since other calls are
// hoisted (evaluated first, unconditionally).
void settle_expression_procedures(const Program &prog, const CallGraph &graph, Diagnostics &diags);

// Reports every call that closes a cycle (recursion cannot be inlined).
void check_recursion(const Program &prog, const CallGraph &graph, Diagnostics &diags);

}  // namespace ctcheck::frontend
