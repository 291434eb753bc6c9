// Counterexamples in Apalache's Informal Trace Format (ITF, ADR-015:
// https://apalache-mc.org/docs/adr/015adr-trace.html), so they open in the
// tools that read it (Quint, the ITF trace viewer, itf-py/itf-rs):
//
//   { "#meta": { "format": "ITF", "format-description": ..., "source": MODEL,
//                "description": "...", "varTypes": { NAME: "Bool" | "Int" | "Str" },
//                "violation": { "property", "kind", "message", "location", "step" } },
//     "vars": [ every state variable, trace::unique_var_names ],
//     "states": [ { "#meta": { "index": 0 }, NAME: VALUE, ... },
//                 { "#meta": { "index": k, "step": S, "cpu", "procedure", "statement", "location" }, ... } ]
//                 }
//
// State 0 is the initial state, state k the state after the k-th statement of
// the trace (`step` is its interleaving step: the numbers of the text trace).
// Values: bool, enumerator names as strings, integers as JSON numbers within
// +-(2^53-1), else {"#bigint": "-123..."} (signed variables read as signed).
// An assertion's failing statement never completes, so it has no state: the
// violation is described in the trace's #meta. No timings: golden-testable.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

nlohmann::json trace_to_itf(const ir::TransitionSystem &ts, const core::Trace &t, const std::string &model);

}  // namespace ctcheck::trace
