// The one interface of the engines (BMC, k-induction, explicit search), and
// what they all share: the options every engine is asked with, one absolute
// deadline for a whole command, a thread-safe stop, progress reports, and the
// run-once contract.
//
// Call order: construct (configure) -> run() exactly once. A second run()
// throws std::logic_error; make a new engine to check again. stop() may be
// called from any thread at any time: run() then returns as soon as it can
// with what it has (undecided properties Unknown, cause Interrupted).
//
// Contract of run(): one result per selected property, in the order of
// ts.properties; a Violated result carries a trace that replayed on the
// simulator (engines/confirm.h); an exception from Z3 becomes Unknown
// (SolverError) for every property without a verdict, never a verdict.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ir/transition_system.h"

namespace ctcheck::engines {

using core::EngineKind;
using core::PropertyResult;
using core::UnknownCause;
using core::Verdict;
using Clock = std::chrono::steady_clock;

// A wall-clock limit shared by every phase of a command: engines run one after
// the other or side by side against the same point in time.
class Deadline {
 public:
  Deadline() = default;                   // none
  static Deadline after(double seconds);  // 0 or less: none
  static Deadline at(Clock::time_point t) { return Deadline(t); }
  bool limited() const { return at_.has_value(); }
  double seconds_left() const;  // +infinity when unlimited; negative once passed
  bool passed() const { return limited() && seconds_left() <= 0; }
  // The earlier of two deadlines.
  Deadline min(const Deadline &o) const;

 private:
  explicit Deadline(Clock::time_point t) : at_(t) {}
  std::optional<Clock::time_point> at_;
};

// Stops engines from outside (the portfolio, a signal): thread-safe. Anything
// that can block for long (a Z3 context) registers an interrupt callback for
// the time it is in use.
class StopSource {
 public:
  void request_stop();
  bool stop_requested() const { return stopped_.load(); }
  // Calls `fn` on request_stop() (at once if already stopped) while the
  // returned handle lives.
  class Registration;
  std::unique_ptr<Registration> on_stop(std::function<void()> fn);

 private:
  friend class Registration;
  std::atomic<bool> stopped_{false};
  std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::vector<std::pair<std::uint64_t, std::function<void()>>> callbacks_;
};

class StopSource::Registration {
 public:
  Registration(StopSource &s, std::uint64_t id) : source_(s), id_(id) {}
  ~Registration();
  Registration(const Registration &) = delete;
  Registration &operator=(const Registration &) = delete;

 private:
  StopSource &source_;
  std::uint64_t id_;
};

// What an engine reports while it runs (its own measure: BMC depth, k, or
// explicit depth and states); the CLI decides how to show it.
struct Progress {
  EngineKind engine = EngineKind::None;
  int depth = 0;             // BMC depth, k, or explicit BFS level
  int open = 0;              // properties without a verdict
  std::uint64_t states = 0;  // explicit: distinct states
  std::uint64_t bytes = 0;   // explicit: memory of the state store
  double seconds = 0;
};
using ProgressFn = std::function<void(const Progress &)>;
// Told each violation and each proof the moment an engine settles it (the
// final result comes later from run(); a violation's trace may still be
// expanded by the portfolio). Called from the engine's thread: several
// engines of one check may call it at once.
using VerdictFn = std::function<void(const PropertyResult &)>;

// The options every engine is asked with.
struct EngineOptions {
  std::vector<std::string> properties;   // names to check; empty = all
  int max_depth = 20;                    // BMC: last depth; kind: max k; explicit: depth limit (-1: none)
  std::uint64_t max_states = 4'000'000;  // explicit: running out is Unknown (StateLimit)
  double timeout_seconds = 0;            // for this run, from its start; 0 = none
  Deadline deadline;                     // and/or an absolute one (the earlier counts)
  std::shared_ptr<StopSource> stop;      // optional: stop from outside
  bool verbose = false;                  // engine statistics on stderr
  ProgressFn progress;                   // optional
  VerdictFn on_verdict;                  // optional
  // Optional: true once another engine of the same check has settled the
  // property; BMC stops working on it (the portfolio takes the other answer).
  std::function<bool(const std::string &property)> settled_elsewhere;
};

class Engine {
 public:
  virtual ~Engine() = default;
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  virtual EngineKind kind() const = 0;
  // Exactly once (see the top of this file).
  std::vector<PropertyResult> run();
  // Thread-safe: stop run() as soon as possible.
  void stop() { stop_->request_stop(); }

 protected:
  // Throws std::invalid_argument for a negative timeout or an unknown property name.
  Engine(const ir::TransitionSystem &ts, EngineOptions options);
  // The engine's work; results for selected() in order.
  virtual std::vector<PropertyResult> solve() = 0;

  const ir::TransitionSystem &ts() const { return ts_; }
  const EngineOptions &options() const { return opt_; }
  const std::vector<std::uint32_t> &selected() const { return selected_; }
  StopSource &stop_source() { return *stop_; }
  bool stop_requested() const { return stop_->stop_requested(); }
  const Deadline &deadline() const { return deadline_; }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  // A result skeleton for property p (name and engine filled in).
  PropertyResult fresh(std::uint32_t p) const;
  void report_progress(Progress p) const;
  // Passes a Violated or Proved result to options().on_verdict (others: nothing).
  void report_verdict(const PropertyResult &r) const;

 private:
  const ir::TransitionSystem &ts_;
  EngineOptions opt_;
  std::vector<std::uint32_t> selected_;
  std::shared_ptr<StopSource> stop_;
  Deadline deadline_;
  Clock::time_point start_;
  bool ran_ = false;
};

// Indices of the properties named in `names` (all when empty), in TS order.
// Throws std::invalid_argument naming `who` for an unknown name.
std::vector<std::uint32_t> select_properties(const ir::TransitionSystem &ts,
                                             const std::vector<std::string> &names, const std::string &who);

}  // namespace ctcheck::engines
