#include "engines/solver.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

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
  retire(std::move(solver_), std::move(ctx_));
}

namespace {

// One thread deleting retired contexts in order (solver first, then its context).
class Graveyard {
 public:
  void bury(std::unique_ptr<z3::solver> solver, std::unique_ptr<z3::context> ctx) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.emplace_back(std::move(solver), std::move(ctx));
    if (!thread_.joinable()) thread_ = std::thread([this] { work(); });
    cv_.notify_one();
  }
  // Never joined: the process may end while a context is being freed.
  ~Graveyard() {
    if (thread_.joinable()) thread_.detach();
  }

 private:
  void work() {
    for (;;) {
      std::pair<std::unique_ptr<z3::solver>, std::unique_ptr<z3::context>> next;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return !queue_.empty(); });
        next = std::move(queue_.front());
        queue_.erase(queue_.begin());
      }
      next.first.reset();
      next.second.reset();
    }
  }
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::pair<std::unique_ptr<z3::solver>, std::unique_ptr<z3::context>>> queue_;
  std::thread thread_;
};

}  // namespace

void retire(std::unique_ptr<z3::solver> solver, std::unique_ptr<z3::context> ctx) {
  static Graveyard *graveyard = new Graveyard;  // never destroyed: its thread may outlive main
  graveyard->bury(std::move(solver), std::move(ctx));
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
