// Name resolution and type checking of a loaded Program. Annotates the AST
// (types, symbols, local indices, constant values) and collects the system
// declarations into a Model that the lowering turns into a transition system.
#pragma once

#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/loader.h"

namespace ctcheck::frontend {

struct SourceDecl {
  const Decl *proc = nullptr;
  SourceKindAst kind = SourceKindAst::Irq;
  int nest = 1;
};

struct Model {
  int cpus = 1;
  int bound = 20;
  std::vector<const Decl *> task_of_cpu;  // procedure per CPU
  std::vector<bool> task_starts_user;     // per CPU
  std::vector<SourceDecl> sources;
  std::vector<const Decl *> vars;         // global/percpu/pertask variables, in order
  std::vector<const Decl *> invariants;
  std::vector<const Decl *> expects;
};

// Returns false (errors recorded) when the program is not well formed.
bool analyse(Program &prog, Diagnostics &diags, Model &out);

}  // namespace ctcheck::frontend
