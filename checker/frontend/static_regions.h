// The noinstr region counts that need no state (docs/semantics.md, "noinstr").
//
// A noinstr procedure's region count (MicroOp::Region*) is a ghost local. In
// code that objtool accepts, every path reaches a point with the same count,
// so the count is a function of the program counter: storing it only splits
// the engines' decision diagrams. This pass runs a data-flow analysis of each
// count over the entry's CFG (every path, feasible or not); where the count
// entering each of its operations is one known value, the operations are
// decided here (MicroOp::Decided: it holds, or it fails wherever it is
// reached), and the count is never written (its slot stays dead). A count
// that differs between paths (bug B10's branch) keeps its operations.
#pragma once

#include "frontend/cfg.h"

namespace ctcheck::frontend {

void resolve_static_regions(EntryCfg &cfg);

}  // namespace ctcheck::frontend
