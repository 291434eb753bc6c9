// The transition system that every engine consumes (see docs/semantics.md).
//
// State: a vector of variables (model variables, and the per-CPU machine state
// the lowering adds: IF, user/kernel mode, context depth, and per context level
// the running source, its pc, the saved IF and mode, its locals).
//
// One step = exactly one action fires. An action can fire in a state when its
// `enabled` and `guard` expressions are both true there (enabled says "this is
// the next thing the context can do": pc matches, an interrupt is deliverable;
// guard is the conjunction of the model's assume()s on the path taken). Which
// of the firing actions is taken is free: that is the interleaving. The action
// then writes `updates` in parallel (all right-hand sides read the pre-state
// and the step's inputs); every other variable keeps its value.
//
// Properties: an invariant is bad in a state where its `holds` is false. An
// assertion check of an action is bad in a state where the action is enabled,
// its `reach` (the path condition inside the action up to the assert) is true
// and `cond` is false — whether or not a later assume() blocks the action.
//
// A violation at depth k: states s0..sk with s0 initial and k steps between
// them, and sk is bad (an invariant is false in sk, or some action enabled in
// sk fails an assertion). Engines and the simulator must agree on this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/cost_event.h"
#include "ir/expr.h"

namespace ctcheck::ir {

struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

// What a state variable is, so printers can show machine state apart from
// model state and hide what only the lowering needs.
enum class VarRole {
  Model,      // a global / percpu / pertask variable of the model
  Local,      // a local or parameter of a procedure instance (context-local)
  Ghost,      // old() snapshots, loop counters
  IrqFlag,    // per CPU: IF
  UserMode,   // per CPU: 1 = user mode, 0 = kernel mode
  Depth,      // per CPU: index of the innermost context level (0 = task)
  Source,     // per CPU and level: which interrupt source runs there (0 = none)
  Pc,         // per CPU and level: program counter (0 = none)
  SavedIf,    // per CPU and level >= 1: IF of the interrupted context
  SavedUser,  // per CPU and level >= 1: mode of the interrupted context
};

struct StateVar {
  std::string name;  // e.g. "cpu0.dynticks", "gp_seq", "cpu1.l2.pc"
  Sort sort;
  VarRole role = VarRole::Model;
  int cpu = -1;                       // -1: global
  int level = -1;                     // context level for per-level vars
  std::optional<std::uint64_t> init;  // nullopt: any value initially
  std::string type_name;              // model type for printing ("ctx_state", "s64", "bool")
  // For enum-typed variables: code -> enumerator name, so traces print names.
  std::vector<std::string> enum_names;
  bool is_signed = false;  // print as signed
};

struct Input {
  std::string name;  // e.g. "nondet@rcu.ct:40"
  Sort sort;
  std::uint64_t domain_size = 0;  // number of legal values (0: the whole sort)
};

struct Update {
  std::uint32_t var;
  ExprId value;
};

struct Check {
  std::uint32_t property;
  ExprId reach;
  ExprId cond;
  SourceLoc loc;
  std::string message;  // this assertion's message (several asserts may share a property)
};

enum class ActionKind {
  Exec,     // execute the statement at the context's pc
  Deliver,  // take interrupt `source` on top of the current context
  Return,   // the handler at the top level returns (iret): restore IF and mode
};

struct Action {
  ActionKind kind = ActionKind::Exec;
  int cpu = 0;
  int level = 0;   // context level the action runs at (Deliver: the new level)
  int source = 0;  // 0 = task, else 1-based interrupt source index
  std::uint32_t pc = 0;
  ExprId enabled = 0;
  ExprId guard = 0;
  std::vector<Update> updates;
  std::vector<Check> checks;
  std::vector<std::uint32_t> inputs;  // inputs this action reads
  bool fault_point = false;           // Exec: an exception may be delivered before it (may_fault())
  // Where it comes from, for traces: "rcu_irq_enter: dynticks_nesting++".
  std::string procedure;  // innermost model procedure
  std::string text;       // the statement, as the model wrote it (one line)
  SourceLoc loc;
  std::vector<std::string> call_stack;  // entry procedure ... innermost
  // What the statements of this step cost, in order (ir/cost_event.h): never
  // read by an engine or the simulator's semantics.
  std::vector<CostEvent> costs;
};

enum class PropertyKind { Invariant, Assertion };

struct Property {
  std::string name;
  std::string message;
  PropertyKind kind = PropertyKind::Assertion;
  SourceLoc loc;                // first declaration or use
  std::optional<ExprId> holds;  // invariants: must be true in every reachable state
  // A `lemma` (kind Invariant): a candidate auxiliary invariant. k-induction
  // proves lemmas first and then assumes them to strengthen the other properties.
  bool lemma = false;
};

enum class SourceKind { Irq, Nmi, Exception };

struct InterruptSource {
  std::string name;  // the handler procedure
  SourceKind kind = SourceKind::Irq;
  int nesting = 1;  // max activations on one CPU at a time
};

// Per-CPU layout: where the machine state of that CPU lives.
struct CpuLayout {
  std::uint32_t irq_flag, user_mode, depth;
  std::vector<std::uint32_t> source;      // per level (level 0: always 0 = task)
  std::vector<std::uint32_t> pc;          // per level
  std::vector<std::uint32_t> saved_if;    // per level (unused at level 0)
  std::vector<std::uint32_t> saved_user;  // per level (unused at level 0)
  std::string task;                       // the task procedure
};

// A declared abstraction: variable `var` (one copy; a percpu variable has
// one per CPU) is explored modulo 2^bits (ir/abstraction.h).
struct Abstraction {
  std::uint32_t var;
  unsigned bits;
  SourceLoc loc;  // the declaration
};

// A declared relative abstraction (ir/relative.h): `snap` is explored
// relative to `counter` -- the pair up to a common shift by a multiple of
// 2^bits, differences counter - snap of at least `up_to` merged.
struct RelativeAbstraction {
  std::uint32_t snap;
  std::uint32_t counter;
  unsigned bits;
  std::uint64_t up_to;
  SourceLoc loc;  // the declaration
};

struct TransitionSystem {
  ExprPool pool;
  std::vector<StateVar> vars;
  std::vector<Input> inputs;
  std::vector<Action> actions;
  std::vector<Property> properties;
  ExprId init_constraint = 0;  // over current-state vars; true when unset
  std::vector<InterruptSource> sources;
  std::vector<CpuLayout> cpus;
  int levels = 1;  // context levels per CPU (1 + sum of nesting bounds)
  std::string model_file;
  // Fast lookup for the simulator: exec action at (cpu, level, pc), -1 if none.
  // Indexed [cpu][level][pc].
  std::vector<std::vector<std::vector<int>>> exec_at;
  // deliver_at[cpu][new level][source-1], return_at[cpu][level]: action index or -1.
  std::vector<std::vector<std::vector<int>>> deliver_at;
  std::vector<std::vector<int>> return_at;
  int default_depth = 20;                      // the model's `bound N;`
  std::vector<Abstraction> abstractions;       // declared, not yet applied
  std::vector<RelativeAbstraction> relations;  // declared; used by the explicit engine only
};

// Total number of state bits (for `ctcheck parse`).
std::uint64_t state_bits(const TransitionSystem &ts);

}  // namespace ctcheck::ir
