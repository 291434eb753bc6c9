// Counterexamples as JSON (schema: docs/trace-format.md, "format_version": 1)
// for tools, and back again so `ctcheck replay MODEL TRACE.json` can re-check
// a trace against the model on the simulator.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/trace.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

using core::Trace;
using core::TraceStep;

constexpr int kTraceFormatVersion = 1;

nlohmann::json trace_to_json(const ir::TransitionSystem &ts, const Trace &t);

// nullopt with *error set (when error is non-null) if the JSON does not fit
// the model: unknown variable, property or enum name, missing fields, values
// that do not fit their variable. It does not replay: use Simulator::replay.
std::optional<Trace> trace_from_json(const ir::TransitionSystem &ts, const nlohmann::json &j,
                                     std::string *error);

// What a trace must be replayed on: a hash of the model's state variables
// (names, widths), statements (kind, CPU, level, procedure, text) and
// properties. trace_to_json writes it; trace_from_json refuses a trace whose
// fingerprint differs (a trace of another model or of another version of it).
std::string model_fingerprint(const ir::TransitionSystem &ts);

// One value in JSON: bool, enum name, number if it fits in int64 (signed
// variables read as signed), else a "0x..." string.
nlohmann::json value_to_json(const ir::StateVar &var, std::uint64_t value);

}  // namespace ctcheck::trace
