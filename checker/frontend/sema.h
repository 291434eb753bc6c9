// Semantic analysis of a loaded Program, in phases: names and types
// (typecheck.h, with constants evaluated on demand by const_eval.h), the
// whole-program call checks (call_graph.h), and system assembly (system.h),
// whose Model the lowering turns into a transition system.
#pragma once

#include "frontend/loader.h"
#include "frontend/system.h"

namespace ctcheck::frontend {

// Returns false (errors recorded) when the program is not well formed.
bool analyse(Program &prog, Diagnostics &diags, Model &out);

}  // namespace ctcheck::frontend
