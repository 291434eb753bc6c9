// Bounded model checking with ONE incremental Z3 solver.
//
// Call order: construct (configure) -> run() exactly once. A second run()
// throws std::logic_error; make a new Bmc to check again.
//
// run() asserts I(0) once and, entering depth k, T(k-1 -> k) and frame(k) once
// (encoder.h). At depth k every still-open property p is checked for bad(p, k)
// under assumption literals (check(assumptions), never re-solving from
// scratch), first all open properties together, then individually only if
// needed. Depths go 0, 1, 2, ..., so the first SAT for p is its shortest
// counterexample.
//
//   sat      the trace is read from the model once and replayed on the
//            simulator: Violated at depth k; a trace that does not replay is
//            an internal error, reported as Unknown, never as Violated.
//   unsat    p stays open for depth k+1, and ¬bad(p, k) is asserted (it is
//            now entailed) so deeper checks know p held at every earlier state.
//   unknown  (incl. timeout / resource limits) Unknown with z3's reason and
//            `depth` = the depth it gave up at; the bound is not advanced and
//            p is not checked further.
// Properties still open after max_depth are Bounded at max_depth.
// `seconds` of a result is the time from run() start to its verdict.
// The time budget is shared: a joint check may use half of what is left, a
// single one its fair share of it. The solver is Z3's QF_BV solver (bit-
// blasting into its incremental SAT solver): on these models it is ~30x
// faster than the default SMT core and still takes assumptions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engines/result.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

class Bmc {
 public:
  struct Options {
    int max_depth = 20;                   // depths 0..max_depth are checked
    double timeout_seconds = 0;           // total for run(); 0 = none
    std::vector<std::string> properties;  // names to check; empty = all
    bool verbose = false;                 // one line per depth on stderr
    // Called after each completed depth with the number of open properties.
    std::function<void(int depth, int open, double secs)> progress;
  };

  // Throws std::invalid_argument for a negative depth or timeout, or an
  // unknown property name.
  Bmc(const ir::TransitionSystem &ts, Options options);

  // One result per selected property, in the order of ts.properties.
  std::vector<PropertyResult> run();

 private:
  const ir::TransitionSystem &ts_;
  Options opt_;
  std::vector<std::uint32_t> selected_;
  bool ran_ = false;
};

}  // namespace ctcheck::engines
