// Verdicts are a documented enum that also decides the exit status (CaDiCaL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/transition_system.h"
#include "trace/trace.h"

namespace ctcheck::engines {

enum class Verdict {
  Proved,    // holds at every depth (k-induction or exhausted state space)
  Bounded,   // no violation up to `depth`
  Violated,  // shortest counterexample has `depth` steps (trace attached, replayed)
  Unknown,   // no verdict: solver unknown, timeout, state limit; see `reason`
};

const char *to_string(Verdict v);

struct PropertyResult {
  std::string property;
  Verdict verdict = Verdict::Unknown;
  int depth = 0;             // violated: trace depth; bounded: depth checked; proved: k
  std::string engine;        // "bmc", "kind", "explicit"
  double seconds = 0;
  std::string reason;        // for unknown (and for bounded: why no proof)
  std::optional<trace::Trace> trace;
};

// Indices of the properties named in `names` (all when empty), in TS order.
// Throws std::invalid_argument naming `engine` for an unknown name.
std::vector<std::uint32_t> select_properties(const ir::TransitionSystem &ts, const std::vector<std::string> &names,
                                             const std::string &engine);

// Exit status: 1 if any violation, else 3 if any unknown, else 0.
int exit_code(const std::vector<PropertyResult> &results);

}  // namespace ctcheck::engines
