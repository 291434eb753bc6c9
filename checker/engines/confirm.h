// The trust rule for counterexamples, in one place: a trace is replayed on the
// concrete simulator (no Z3) before it is reported. The replay also records
// which check fails, so printers never re-run the simulator to find it.
#pragma once

#include "core/result.h"
#include "sim/simulator.h"

namespace ctcheck::engines {

// `r` becomes Violated carrying `t` (trace_length = its depth), or Unknown
// with cause InternalError saying why `t` did not replay.
void confirm_violation(const sim::Simulator &sim, core::Trace t, core::PropertyResult &r);

}  // namespace ctcheck::engines
