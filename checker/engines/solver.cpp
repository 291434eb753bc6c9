#include "engines/solver.h"

#include <algorithm>
#include <cmath>

namespace ctcheck::engines {

SolverSession::SolverSession(const Deadline &deadline, StopSource &stop)
    : deadline_(deadline),
      stop_(stop),
      ctx_(std::make_unique<z3::context>()),
      solver_(std::make_unique<z3::solver>(*ctx_, "QF_BV")) {
  z3::context *ctx = ctx_.get();
  interrupt_ = stop_.on_stop([ctx] { ctx->interrupt(); });
  if (deadline_.limited())
    watchdog_ = std::thread([this, ctx] {
      std::unique_lock<std::mutex> lock(watchdog_mutex_);
      const auto wait = std::chrono::duration<double>(std::max(0.0, deadline_.seconds_left()));
      if (!watchdog_cv_.wait_for(lock, wait, [this] { return closing_; })) ctx->interrupt();
    });
}

SolverSession::~SolverSession() {
  if (watchdog_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(watchdog_mutex_);
      closing_ = true;
    }
    watchdog_cv_.notify_all();
    watchdog_.join();
  }
  interrupt_.reset();  // no interrupt of a context being destroyed
  solver_.reset();
}

SolverSession::Answer SolverSession::check(const z3::expr_vector &assumptions, double share) {
  Answer a;
  if (stop_.stop_requested()) {
    a.cause = UnknownCause::Interrupted;
    a.why = "interrupted";
    return a;
  }
  if (deadline_.limited()) {
    const double left_ms = deadline_.seconds_left() * 1000.0 * share;
    if (left_ms < 1.0) {
      a.cause = UnknownCause::Timeout;
      a.why = "timeout";
      return a;
    }
    z3::params p(*ctx_);
    p.set("timeout", static_cast<unsigned>(std::min(std::ceil(left_ms), 4.0e9)));
    solver_->set(p);
  }
  const auto t0 = Clock::now();
  a.result = solver_->check(assumptions);
  solve_seconds_ += std::chrono::duration<double>(Clock::now() - t0).count();
  ++checks_;
  if (a.result != z3::unknown) return a;
  a.why = solver_->reason_unknown();
  if (stop_.stop_requested()) {
    a.cause = UnknownCause::Interrupted;
    a.why = "interrupted";
  } else if (a.why == "timeout" || a.why == "canceled" || deadline_.passed()) {
    a.cause = UnknownCause::Timeout;
    a.why = "timeout";
  } else {
    a.cause = UnknownCause::SolverUnknown;
  }
  return a;
}

std::uint64_t numeral(const z3::expr &e) {
  if (e.is_bool()) return e.is_true() ? 1 : 0;
  return e.get_numeral_uint64();
}

}  // namespace ctcheck::engines
