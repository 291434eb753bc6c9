#include "frontend/sema.h"

#include "frontend/call_graph.h"
#include "frontend/typecheck.h"

namespace ctcheck::frontend {
namespace {

// The phases in the order their diagnostics are reported.
void run_phases(Program &prog, Diagnostics &diags, Model &out) {
  TypeChecker types(prog, diags);
  for (Decl *d : prog.decls)
    if (EnumDecl *e = d->as<EnumDecl>()) types.declare_enum(*e);
  for (Decl *d : prog.decls) {
    if (ConstDecl *c = d->as<ConstDecl>()) types.define_constant(*c);
    if (VarDecl *v = d->as<VarDecl>()) types.check_variable(*v);
  }
  for (Decl *d : prog.decls)
    if (ProcDecl *p = d->as<ProcDecl>()) types.declare_procedure(*p);
  for (Decl *d : prog.decls)
    if (ProcDecl *p = d->as<ProcDecl>()) types.check_procedure(*p);
  settle_expression_procedures(prog, types.calls(), diags);
  check_recursion(prog, types.calls(), diags);
  assemble_system(prog, types, diags, out);
}

}  // namespace

bool analyse(Program &prog, Diagnostics &diags, Model &out) {
  try {
    run_phases(prog, diags, out);
  } catch (FatalError &) {
  }
  return !diags.has_errors();
}

}  // namespace ctcheck::frontend
