// How ctcheck decides: which engines run on a model, in which order or side
// by side, and how their answers combine into one verdict per property. The
// CLI only translates flags into CheckRequest.
//
//   explicit  the explicit engine alone (proofs by exhaustion, shortest
//             counterexamples).
//   bmc       bounded model checking to the depth (default: the model's bound),
//             optionally in `jobs` property groups, one solver each.
//   kind      k-induction alone (max k = the depth).
//   auto      the explicit engine and, in a second thread, BMC with
//             k-induction (run_bmc_and_kind: a violation from either, a proof
//             from k-induction, else BMC's bound). The symbolic side starts
//             when the search has run 5 s or stopped at a limit; the first
//             definitive answer per property is told at once, the explicit
//             engine's is preferred in the result (portfolio.cpp, merge_auto).
//             Contradicting engines are an internal error, never a verdict.
//
// Every engine runs on the reduced system (ir/reduce.h: local steps merged,
// locals sharing slots) unless `reduce` is off; their counterexamples are
// expanded into traces of the model as written and replayed there.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engines/engine.h"
#include "engines/explicit.h"

namespace ctcheck::engines {

enum class EngineChoice { Auto, Bmc, Kind, Explicit };
const char *to_string(EngineChoice e);
std::optional<EngineChoice> parse_engine_choice(const std::string &s);

// Explicit proofs over at most this many states are certified unless asked
// otherwise: 70 s for the largest case (740,031 states, linux-6.1 NMI nesting).
inline constexpr std::uint64_t kDefaultCertifyStates = 2'000'000;

struct CheckRequest {
  EngineChoice engine = EngineChoice::Auto;
  // BMC depth / max k / explicit depth limit. Unset: the model's `bound` for
  // BMC and k-induction, no limit for the explicit engine.
  std::optional<int> depth;
  std::uint64_t max_states = 4'000'000;
  double timeout = 0;                   // seconds for the whole check; 0 = none
  std::vector<std::string> properties;  // empty = all
  int jobs = 1;                         // > 1: BMC in that many property groups, one solver and thread each
  ProgressFn progress;                  // optional
  VerdictFn on_verdict;                 // optional: each violation / proof as an engine settles it
  std::shared_ptr<StopSource> stop;     // optional: stop from outside
  bool verbose = false;
  bool reduce = true;  // engines work on the reduced system (ir/reduce.h)
  // The explicit engine's proofs are re-checked as Z3 certificates up to this
  // many states (engines/certificate.h); 0: never. A proof under a relative
  // abstraction (ir/relative.h) is its certificate: always checked.
  std::uint64_t certify_states = kDefaultCertifyStates;
};

// The explicit engine on `ts`, or on its abstractions (counters kept modulo
// 2^bits, declared or inferred; snapshots relative to their counter) with its traces run on
// `ts` and its certificates checked on `ts` at the real widths.
std::vector<PropertyResult> run_explicit(const ir::TransitionSystem &ts, const Explicit::Options &eo);

// One result per selected property, in the order of ts.properties. Throws
// std::invalid_argument for an unknown property name.
std::vector<PropertyResult> check(const ir::TransitionSystem &ts, const CheckRequest &req);

}  // namespace ctcheck::engines
