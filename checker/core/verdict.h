// The vocabulary of results, as enums: what was decided (Verdict), which
// engine decided it (EngineKind) and, when nothing was, why not (UnknownCause).
// Strings exist only at the edges (printers, parsers of reports).
#pragma once

#include <optional>
#include <string>

namespace ctcheck::core {

// Documented in README and --help; decides the exit status (CaDiCaL).
enum class Verdict {
  Proved,    // holds at every depth (exhausted state space, k-induction, checked certificate)
  Bounded,   // no violation up to a depth
  Violated,  // a counterexample (replayed on the simulator)
  Unknown,   // no verdict: a limit was hit or a solver said unknown; see the cause
};

// Why a property has no verdict (Unknown), or why a bound is not a proof.
enum class UnknownCause {
  None,
  Timeout,        // the --timeout budget ran out
  StateLimit,     // the explicit engine's --max-states
  InputLimit,     // an action with too many input values to enumerate
  InitLimit,      // too many nondeterministic initial states to enumerate
  SolverUnknown,  // Z3 answered unknown (reason in the text)
  SolverError,    // Z3 threw
  Interrupted,    // stopped from outside (the portfolio, or a signal)
  InternalError,  // a counterexample did not replay, a proof did not re-check, engines disagree
  Undecided,      // ran to its depth limit (or max k) without a proof
};

enum class EngineKind { None, Explicit, Bmc, Kind };

const char *to_string(Verdict v);
const char *to_string(EngineKind e);
const char *to_string(UnknownCause c);
std::optional<Verdict> parse_verdict(const std::string &s);
std::optional<EngineKind> parse_engine(const std::string &s);

// Strongest first: a violation or a proof settles a property, a bound says
// something, unknown nothing. Used to pick the strongest fact of two engines.
int strength(Verdict v);

}  // namespace ctcheck::core
