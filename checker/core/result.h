// One property's outcome from one engine (or from the portfolio that combined
// several), as plain data: no Z3, no model, so printers and reports can use it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/trace.h"
#include "core/verdict.h"

namespace ctcheck::core {

struct PropertyResult {
  std::string property;
  Verdict verdict = Verdict::Unknown;
  EngineKind engine = EngineKind::None;
  // The number that goes with the verdict, one named field per meaning:
  int trace_length = 0;  // Violated: steps of the counterexample
  int bound = -1;        // Bounded, and Unknown when a depth was reached: no violation up to here (-1: none)
  int k = -1;            // Proved by induction: the k
  int diameter = -1;     // Proved by exhausting the state space: the depth of the deepest state
  // Proved: the proof's certificate (an inductive invariant) was checked by Z3
  // in a fresh context (engines/certificate.h).
  bool certified = false;
  double seconds = 0;                       // from the engine's start to this verdict
  UnknownCause cause = UnknownCause::None;  // Unknown: why; Bounded: why no proof
  std::string reason;                       // the cause in words, with the details
  std::optional<Trace> trace;

  // The one number reports print next to the verdict (trace length, bound, k or diameter).
  int depth() const;
};

// "violated at 7", "bounded to 12", "proved (k=3)", "proved (all states,
// diameter 158)", "unknown (reason)": the single rendering used everywhere.
std::string describe(const PropertyResult &r);

// Exit status: 1 if any violation, else 3 if any unknown, else 0.
int exit_code(const std::vector<PropertyResult> &results);

}  // namespace ctcheck::core
