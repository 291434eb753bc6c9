#include "engines/portfolio.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <thread>

#include "engines/bmc.h"
#include "engines/confirm.h"
#include "engines/explicit.h"
#include "engines/kinduction.h"
#include "engines/parallel.h"
#include "ir/abstraction.h"
#include "ir/reduce.h"
#include "sim/expand.h"
#include "sim/lift.h"

namespace ctcheck::engines {

const char *to_string(EngineChoice e) {
  switch (e) {
    case EngineChoice::Auto: return "auto";
    case EngineChoice::Bmc: return "bmc";
    case EngineChoice::Kind: return "kind";
    case EngineChoice::Explicit: return "explicit";
  }
  return "auto";
}

std::optional<EngineChoice> parse_engine_choice(const std::string &s) {
  for (EngineChoice e : {EngineChoice::Auto, EngineChoice::Bmc, EngineChoice::Kind, EngineChoice::Explicit})
    if (s == to_string(e)) return e;
  return std::nullopt;
}

namespace {

// The options every engine of one check shares: one deadline for the whole check.
EngineOptions base_options(const ir::TransitionSystem &ts, const CheckRequest &req, const Deadline &deadline) {
  EngineOptions o;
  o.properties = req.properties;
  o.max_depth = req.depth.value_or(ts.default_depth);
  o.max_states = req.max_states;
  o.deadline = deadline;
  o.stop = req.stop;
  o.verbose = req.verbose;
  o.progress = req.progress;
  o.on_verdict = req.on_verdict;
  return o;
}

std::vector<PropertyResult> run_bmc(const ir::TransitionSystem &ts, const EngineOptions &o, int jobs) {
  std::vector<std::string> names = o.properties;
  if (jobs <= 1 || names.size() == 1) return Bmc(ts, o).run();
  if (names.empty())
    for (const ir::Property &p : ts.properties) names.push_back(p.name);
  // Round-robin groups, one solver each: a solver per property would repeat
  // the unrolling for every property (measured 50x slower on linux-4.3).
  const std::size_t groups = std::min<std::size_t>(names.size(), static_cast<std::size_t>(jobs));
  std::vector<std::vector<PropertyResult>> parts(groups);
  parallel_for(groups, jobs, [&](std::size_t g) {
    EngineOptions one = o;
    one.progress = nullptr;  // threads would interleave their reports
    one.properties.clear();
    for (std::size_t i = g; i < names.size(); i += groups) one.properties.push_back(names[i]);
    parts[g] = Bmc(ts, one).run();
  });
  std::vector<PropertyResult> out;
  for (const ir::Property &p : ts.properties)
    for (std::vector<PropertyResult> &part : parts)
      for (PropertyResult &r : part)
        if (r.property == p.name) out.push_back(std::move(r));
  return out;
}

// One property's verdict from BMC (b) and k-induction (k): a violation from
// either (BMC's trace when both have one), a proof from kind, else BMC's
// bound. The two contradicting each other is an internal error, never a verdict.
PropertyResult merge_bmc_kind(PropertyResult b, PropertyResult k) {
  const bool bv = b.verdict == Verdict::Violated, kv = k.verdict == Verdict::Violated;
  if ((bv && k.verdict == Verdict::Proved) || (bv && kv && b.trace_length != k.trace_length)) {
    const std::string why = "internal error: bmc (" + core::describe(b) + ") and kind (" + core::describe(k) + ") disagree";
    b.verdict = Verdict::Unknown;
    b.cause = UnknownCause::InternalError;
    b.reason = why;
    b.trace.reset();
    return b;
  }
  if (bv) return b;
  if (kv || k.verdict == Verdict::Proved) return k;
  return b;
}

// BMC and k-induction side by side, each in its own thread with its own
// z3::context. k-induction runs to the same depth (as max k), but its step
// cases from arbitrary states can cost far more than BMC on the kernel models:
// once BMC is done, it gets a grace period of a quarter of BMC's time (at
// least 2 s, within the deadline) and is then stopped, keeping what it has
// proved. Small models finish well inside the grace period, so their verdicts
// do not depend on thread timing. Results in ts property order.
std::vector<PropertyResult> run_bmc_and_kind(const ir::TransitionSystem &ts, const EngineOptions &o, int jobs) {
  const auto start = Clock::now();
  KInduction::Options ko;
  static_cast<EngineOptions &>(ko) = o;
  ko.stop = std::make_shared<StopSource>();
  KInduction kind(ts, ko);
  std::vector<PropertyResult> kr;
  std::exception_ptr kind_failed;
  std::promise<void> kind_done;
  std::future<void> kind_finished = kind_done.get_future();
  std::thread worker([&] {
    try {
      kr = kind.run();
    } catch (...) {
      kind_failed = std::current_exception();
    }
    kind_done.set_value();
  });
  // Stopping the whole check stops k-induction too.
  std::unique_ptr<StopSource::Registration> forward;
  if (o.stop) forward = o.stop->on_stop([&kind] { kind.stop(); });
  std::vector<PropertyResult> br;
  try {
    EngineOptions bo = o;
    bo.progress = o.progress;
    br = run_bmc(ts, bo, jobs);
  } catch (...) {
    kind.stop();
    worker.join();
    throw;
  }
  const double bmc_secs = std::chrono::duration<double>(Clock::now() - start).count();
  double grace = std::max(2.0, bmc_secs / 4);
  grace = std::min(grace, std::max(0.0, o.deadline.seconds_left()));
  kind_finished.wait_for(std::chrono::duration<double>(grace));
  kind.stop();
  worker.join();
  if (kind_failed) return br;  // BMC's verdicts stand on their own
  for (PropertyResult &b : br)
    for (PropertyResult &k : kr)
      if (k.property == b.property) b = merge_bmc_kind(std::move(b), std::move(k));
  return br;
}

// Counterexamples of the reduced system as traces of the original, replayed there.
void expand_traces(const ir::TransitionSystem &original, const ir::Reduction &red, std::vector<PropertyResult> &results) {
  const sim::Simulator sim(original);
  for (PropertyResult &r : results) {
    if (r.verdict != Verdict::Violated || !r.trace) continue;
    core::Trace full;
    std::string why;
    if (!sim::expand_trace(sim, red, *r.trace, full, why)) {
      r.verdict = Verdict::Unknown;
      r.cause = UnknownCause::InternalError;
      r.reason = "internal error: the counterexample of the reduced system does not expand: " + why;
      r.trace.reset();
      continue;
    }
    confirm_violation(sim, std::move(full), r);
  }
}

// The explicit engine on `ts`, or on its declared abstraction (counters kept
// modulo 2^bits) with its traces lifted back to `ts` and its certificates
// checked on `ts` at the real widths.
std::vector<PropertyResult> run_explicit(const ir::TransitionSystem &ts, const Explicit::Options &eo) {
  if (ts.abstractions.empty()) return Explicit(ts, eo).run();
  const ir::TransitionSystem narrow = ir::apply_abstraction(ts, ts.abstractions);
  Explicit::Options real = eo;
  real.real = &ts;
  std::vector<PropertyResult> results = Explicit(narrow, real).run();
  const sim::Simulator sim(ts);
  for (PropertyResult &r : results) {
    if (r.verdict != Verdict::Violated || !r.trace) continue;
    core::Trace lifted;
    std::string why;
    if (!sim::lift_trace(sim, *r.trace, lifted, why)) {
      r.verdict = Verdict::Unknown;
      r.cause = UnknownCause::InternalError;
      r.reason = "internal error: the counterexample of the abstraction does not run at the real widths: " + why;
      r.trace.reset();
      continue;
    }
    confirm_violation(sim, std::move(lifted), r);
  }
  return results;
}

std::vector<PropertyResult> run_engines(const ir::TransitionSystem &ts, const CheckRequest &req,
                                        const Deadline &deadline) {
  EngineOptions o = base_options(ts, req, deadline);
  switch (req.engine) {
    case EngineChoice::Bmc: return run_bmc(ts, o, req.jobs);
    case EngineChoice::Kind: {
      KInduction::Options ko;
      static_cast<EngineOptions &>(ko) = o;
      return KInduction(ts, ko).run();
    }
    case EngineChoice::Explicit:
    case EngineChoice::Auto: break;
  }
  Explicit::Options eo;
  static_cast<EngineOptions &>(eo) = o;
  eo.max_depth = req.depth.value_or(-1);
  eo.certify_states = req.certify_states;
  std::vector<PropertyResult> r = run_explicit(ts, eo);
  if (req.engine == EngineChoice::Explicit) return r;

  // auto: what the explicit engine left undecided goes to BMC and k-induction
  // (not after a stop from outside: the undecided stay unknown, interrupted).
  if (req.stop && req.stop->stop_requested()) return r;
  EngineOptions rest = o;
  rest.properties.clear();
  for (PropertyResult &p : r) {
    if (p.verdict != Verdict::Unknown || p.cause == UnknownCause::InternalError) continue;
    if (p.cause == UnknownCause::StateLimit && p.bound >= o.max_depth) {
      p.verdict = Verdict::Bounded;  // BMC to the bound would re-check a subset of these states
      continue;
    }
    rest.properties.push_back(p.property);
  }
  if (rest.properties.empty()) return r;
  std::vector<PropertyResult> b = run_bmc_and_kind(ts, rest, req.jobs);
  for (PropertyResult &p : r)
    for (PropertyResult &q : b)
      if (q.property == p.property) {
        q.reason = q.reason.empty() ? p.reason : q.reason + "; " + p.reason;
        p = std::move(q);
      }
  return r;
}

}  // namespace

std::vector<PropertyResult> check(const ir::TransitionSystem &ts, const CheckRequest &req) {
  select_properties(ts, req.properties, "check");  // unknown names: std::invalid_argument
  const Deadline deadline = Deadline::after(req.timeout);
  if (!req.reduce) return run_engines(ts, req, deadline);
  const ir::Reduction red = ir::reduce(ts);
  std::vector<PropertyResult> results = run_engines(red.ts, req, deadline);
  expand_traces(ts, red, results);
  return results;
}

}  // namespace ctcheck::engines
