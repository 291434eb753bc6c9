// One Z3 context and its incremental QF_BV solver, with the policies every
// query of every Z3 engine shares: a query may use a share of the time left
// until the deadline, a stop request interrupts the context at once, and an
// unknown answer comes back with a typed cause. Z3's own timeout is not
// honoured while a new frame is bit-blasted and internalised, so a watchdog
// thread interrupts the context at the deadline as well. The solver is Z3's QF_BV
// solver (bit-blasting into its incremental SAT solver): on these models it is
// ~30x faster than the default SMT core and still takes assumptions.
#pragma once

#include <z3++.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engines/engine.h"

namespace ctcheck::engines {

class SolverSession {
 public:
  SolverSession(const Deadline &deadline, StopSource &stop);
  ~SolverSession();
  SolverSession(const SolverSession &) = delete;
  SolverSession &operator=(const SolverSession &) = delete;

  z3::context &ctx() { return *ctx_; }
  z3::solver &solver() { return *solver_; }

  struct Answer {
    z3::check_result result = z3::unknown;
    UnknownCause cause = UnknownCause::None;  // for unknown
    std::string why;                          // for unknown: in words
  };
  // check(assumptions) with at most `share` of the time left until the deadline.
  Answer check(const z3::expr_vector &assumptions, double share);

  // Statistics for --verbose.
  double solve_seconds() const { return solve_seconds_; }
  int checks() const { return checks_; }

 private:
  const Deadline &deadline_;
  StopSource &stop_;
  std::unique_ptr<z3::context> ctx_;
  std::unique_ptr<z3::solver> solver_;
  std::unique_ptr<StopSource::Registration> interrupt_;
  // The watchdog: interrupts the context when the deadline passes.
  std::thread watchdog_;
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_cv_;
  bool closing_ = false;
  double solve_seconds_ = 0;
  int checks_ = 0;
};

// Z3 contexts of finished engines are deleted on a background thread: freeing
// a large context costs up to a third of a BMC run, and nobody waits for it.
// A process that ends may leave some undeleted (the OS frees them; see
// cli/main.cpp, which exits without running destructors of what is left).
void retire(std::unique_ptr<z3::solver> solver, std::unique_ptr<z3::context> ctx);

// Reads a bit-vector or boolean numeral (a model value) as an integer.
std::uint64_t numeral(const z3::expr &e);

}  // namespace ctcheck::engines
