// Control-flow graph of one entry procedure (a task or a handler) with every
// call inlined. A node is one step; its micro-operations are executed in
// order, atomically. The CFG does not depend on the CPU or the context level:
// the lowering instantiates it once per (CPU, level).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/limits.h"
#include "ir/cost_event.h"

namespace ctcheck::frontend {

struct Frame;

// How a local or parameter of an inlined procedure is found.
struct Binding {
  int slot = -1;                       // context-local storage
  const Expr *subst = nullptr;         // or: a stable argument expression ...
  const Frame *subst_frame = nullptr;  // ... evaluated in the caller's frame
};

// One inlined procedure instance.
struct Frame {
  const ProcDecl *proc = nullptr;
  const Frame *parent = nullptr;
  // A noinstr frame: the ghost slot counting its open instrumentation regions
  // (allocated when first needed; -1 before).
  mutable int region_slot = -1;
  // The noinstr frame whose regions this code opens and closes (itself, or
  // the nearest marked caller when that is noinstr), or null: the code is
  // instrumentable (or a plain entry procedure).
  const Frame *noinstr_owner() const;
  // Whether this code is instrumentable: the nearest marked procedure on the
  // call stack is `instrumentable`.
  bool in_instrumentable() const;
  std::vector<Binding> locals;             // by local index
  std::map<const Expr *, int> hoisted;     // call expression -> slot holding its result
  std::vector<std::string> stack() const;  // entry ... this procedure
};

// Where an assignment writes.
struct LValue {
  enum Kind { Slot, Var, PerCpu } kind = Slot;
  int slot = -1;
  const VarDecl *var = nullptr;
  const Expr *cpu = nullptr;  // PerCpu: the CPU expression
  const Frame *frame = nullptr;
  Type type;
};

// A cost event as written (ir/cost_event.h): counted where control passes it.
struct CfgCost {
  ir::CostKind kind = ir::CostKind::FullBarrier;
  std::uint32_t count = 1;
  std::string name;       // "smp_mb", "atomic_inc", "rcu_eqs"
  std::string procedure;  // the procedure it is written in
  Loc loc;
};

// Open regions a noinstr procedure may nest (the ghost's range).
inline constexpr std::int64_t kMaxOpenRegions = 3;

struct MicroOp {
  enum Kind {
    Assign,
    SaveIf,
    Check,
    Assume,
    Branch,
    Jump,
    SetIf,
    SetUser,
    CountLoop,
    Cost,
    // On lhs, a noinstr frame's region count (Frame::region_slot):
    RegionBegin,   // count < kMaxOpenRegions, then +1
    RegionEnd,     // count > 0 (else kNoinstrRegionBalanced fails), then -1
    RegionInside,  // count > 0 (else kNoinstrCallOutsideRegion fails): a call to instrumentable code
    RegionClosed,  // count == 0 at the frame's return (else kNoinstrRegionBalanced fails), then 0
    // A region check decided when lowering (frontend/static_regions.h): `value`
    // says whether it holds wherever it is reached; its property exists either way.
    Decided,
  } kind = Assign;
  LValue lhs;                  // Assign, SaveIf, CountLoop (slot)
  std::string assign_op;       // Assign: "=", "+=", "++", ...
  const Expr *expr = nullptr;  // Assign rhs; Check/Assume/Branch condition; SetIf value (null: use `value`)
  const Frame *frame = nullptr;
  bool value = false;                       // SetIf/SetUser constant
  std::int64_t bound = 0;                   // CountLoop: the loop bound
  std::string property;                     // Check
  std::string message;                      // Check
  Loc loc;                                  // Check
  int label = -1;                           // Jump
  std::vector<MicroOp> then_ops, else_ops;  // Branch
  CfgCost cost;                             // Cost (inside a step: an atomic block, a built-in with a step)
};

struct Node {
  std::vector<MicroOp> ops;
  Loc loc;
  std::string text;
  std::vector<std::string> stack;
  bool fault_point = false;
};

struct Slot {
  std::string name;
  Type type;
  bool ghost = false;
};

struct EntryCfg {
  const ProcDecl *proc = nullptr;
  std::vector<Node> nodes;
  std::vector<Slot> slots;
  std::vector<std::unique_ptr<Frame>> frames;
  int start_label = -1;
  // Resolved jump targets: label -> node index, or -1 for the end (return).
  std::vector<int> label_node;
  // Loop counters to reset when a jump leaves their loop (break, return).
  std::vector<std::vector<int>> label_resets;
  // Cost events passed on the way (statements without a step between the jump
  // and its target), in order: charged to the step that jumps. The entry's
  // start label's are charged to the Deliver of a handler.
  std::vector<std::vector<CfgCost>> label_costs;
  std::map<const Expr *, int> old_ghosts;  // old(e) expression -> ghost slot
  // Size after inlining, for the limits: one per inlined call, and per step
  // the length of its call stack (which every action of the step keeps).
  std::size_t size = 0;
  int node_pc(int label) const { return label_node[label]; }
};

// Builds the CFG; errors (e.g. a loop with no step) go to diags.
// Inlining deeper than limits.max_nesting, or to more than
// limits.max_inline_nodes steps and inlined calls, is an error (FatalError).
// `instrumentable_requires` are checked at every call into instrumentable code
// from code that is not (docs/language.md, "noinstr").
EntryCfg build_cfg(const ProcDecl &entry, const std::vector<const RequiresDecl *> &instrumentable_requires,
                   Diagnostics &diags, const Limits &limits = Limits{});

}  // namespace ctcheck::frontend
