// Traces of a reduced system (ir/reduce.h) as traces of the original: each
// reduced step becomes the original actions it stands for -- its first action,
// then every absorbed local step control passes through -- all in one group,
// so printers show one interleaving step per engine step. The expansion
// re-executes the original system with the recorded inputs; the result must
// then be replayed there like any trace (engines/confirm.h).
#pragma once

#include <string>

#include "core/trace.h"
#include "ir/reduce.h"
#include "sim/simulator.h"

namespace ctcheck::sim {

// `original` simulates the system `r` was reduced from. Returns false with
// `why` when the reduced trace does not run on the original (a bug).
bool expand_trace(const Simulator &original, const ir::Reduction &r, const core::Trace &reduced,
                  core::Trace &out, std::string &why);

}  // namespace ctcheck::sim
