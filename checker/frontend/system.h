// System assembly: the declarations that describe the machine (cpus, bound,
// tasks, interrupt sources) and the checked ones (variables, invariants,
// expectations), collected into the Model that the lowering instantiates.
#pragma once

#include <vector>

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/loader.h"

namespace ctcheck::frontend {

class TypeChecker;

struct InterruptSource {
  const ProcDecl *handler = nullptr;
  InterruptKind kind = InterruptKind::Irq;
  int nest = 1;
  Loc loc;  // of the declaration
};

// `abstract VAR modulo 2^bits;`: VAR is explored modulo 2^bits (ir/abstraction.h).
struct DeclaredAbstraction {
  const VarDecl *var = nullptr;
  unsigned bits = 0;
  Loc loc;
};

// `abstract SNAP relative to COUNTER modulo 2^bits up to D;` (ir/relative.h).
struct DeclaredRelation {
  const VarDecl *snap = nullptr;
  const VarDecl *counter = nullptr;
  int cpu = -1;  // which copy of a percpu counter (-1: a global counter)
  unsigned bits = 0;
  std::uint64_t up_to = 0;
  Loc loc;
};

struct Model {
  int cpus = 1;
  int bound = 20;
  std::vector<const ProcDecl *> task_of_cpu;  // procedure per CPU
  std::vector<bool> task_starts_user;         // per CPU
  std::vector<InterruptSource> sources;
  std::vector<const VarDecl *> vars;  // global/percpu/pertask variables, in order
  std::vector<const InvariantDecl *> invariants;
  std::vector<const ExpectDecl *> expects;
  std::vector<DeclaredAbstraction> abstractions;
  std::vector<DeclaredRelation> relations;
  // `instrumentable requires ...;`: checked at every call into instrumentable code.
  std::vector<const RequiresDecl *> instrumentable_requires;
};

// Fills `out` from the program's declarations, in declaration order; the
// invariants are type-checked here, in that order, by `types`.
void assemble_system(const Program &prog, TypeChecker &types, Diagnostics &diags, Model &out);

}  // namespace ctcheck::frontend
