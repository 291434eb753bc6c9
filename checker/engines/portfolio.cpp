#include "engines/portfolio.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <future>
#include <mutex>
#include <set>
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
    case EngineChoice::Auto:
      return "auto";
    case EngineChoice::Bmc:
      return "bmc";
    case EngineChoice::Kind:
      return "kind";
    case EngineChoice::Explicit:
      return "explicit";
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
EngineOptions base_options(const ir::TransitionSystem &ts, const CheckRequest &req,
                           const Deadline &deadline) {
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
    const std::string why =
        "internal error: bmc (" + core::describe(b) + ") and kind (" + core::describe(k) + ") disagree";
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
std::vector<PropertyResult> run_bmc_and_kind(const ir::TransitionSystem &ts, const EngineOptions &o,
                                             int jobs) {
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
void expand_traces(const ir::TransitionSystem &original, const ir::Reduction &red,
                   std::vector<PropertyResult> &results) {
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

}  // namespace

std::vector<PropertyResult> run_explicit(const ir::TransitionSystem &ts, const Explicit::Options &eo) {
  // The declared counter abstractions and the ones the demand analysis finds
  // (ir/abstraction.h): exact either way, so the search explores the narrow
  // system and its proofs are certified at the real widths.
  const std::vector<ir::Abstraction> abstractions = ir::explored_abstractions(ts);
  if (abstractions.empty() && ts.relations.empty()) return Explicit(ts, eo).run();
  const ir::TransitionSystem narrow = ir::apply_abstraction(ts, abstractions);
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
      r.reason =
          "internal error: the counterexample of the abstraction does not run at the real widths: " + why;
      r.trace.reset();
      continue;
    }
    confirm_violation(sim, std::move(lifted), r);
  }
  return results;
}

namespace {

// What the engines of one `auto` check have settled: the first violation or
// proof of each property is passed on to the caller's on_verdict (later ones
// agree with it, or the merge reports an internal error).
class Settled {
 public:
  explicit Settled(VerdictFn forward) : forward_(std::move(forward)) {}
  VerdictFn fn() {
    return [this](const PropertyResult &r) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!names_.insert(r.property).second) return;
      if (forward_) forward_(r);
    };
  }
  bool has(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    return names_.count(name) != 0;
  }

 private:
  VerdictFn forward_;
  std::mutex mutex_;
  std::set<std::string> names_;
};

bool definitive(const PropertyResult &r) {
  return r.verdict == Verdict::Violated || r.verdict == Verdict::Proved;
}

// One property's verdict from the explicit engine (e) and the symbolic ones
// (s). A definitive answer of the explicit engine wins (shortest trace, the
// same on every run); then one of the symbolic engines; else the strongest
// fact: a bound reached by either. Contradicting engines are an internal error.
PropertyResult merge_auto(PropertyResult e, std::optional<PropertyResult> s, int max_depth) {
  if (s && definitive(e) && definitive(*s) &&
      (e.verdict != s->verdict || (e.verdict == Verdict::Violated && e.trace_length != s->trace_length))) {
    e.reason = std::string("internal error: explicit (") + core::describe(e) + ") and " +
               core::to_string(s->engine) + " (" + core::describe(*s) + ") disagree";
    e.verdict = Verdict::Unknown;
    e.cause = UnknownCause::InternalError;
    e.trace.reset();
    return e;
  }
  if (definitive(e) || e.cause == UnknownCause::InternalError) return e;
  if (s && (definitive(*s) || s->cause == UnknownCause::InternalError)) {
    s->reason += "; " + e.reason;
    return std::move(*s);
  }
  if (e.cause == UnknownCause::StateLimit && e.bound >= max_depth) {
    e.verdict = Verdict::Bounded;  // every state up to the bound was checked
    e.cause = UnknownCause::Undecided;
  }
  if (s && s->verdict == Verdict::Bounded && (e.verdict != Verdict::Bounded || s->bound > e.bound)) {
    s->reason += "; " + e.reason;
    return std::move(*s);
  }
  if (s && !s->reason.empty()) e.reason += "; " + s->reason;
  return e;
}

// `auto`: the explicit engine, and BMC with k-induction side by side in a
// second thread. The symbolic engines start when the explicit search has not
// ended after kHeadStart (so models it exhausts quickly never start Z3 and
// give the same answer on every run), or at once when it stops at a limit
// with properties open. Whichever side settles a property first tells the
// caller; the explicit engine is stopped when the symbolic ones have settled
// every property it has not, and they are stopped when it has decided them
// all. One deadline covers both.
constexpr std::chrono::milliseconds kHeadStart{5000};

std::vector<PropertyResult> run_auto(const ir::TransitionSystem &ts, const CheckRequest &req,
                                     const EngineOptions &o) {
  Settled settled(req.on_verdict);
  auto explicit_stop = std::make_shared<StopSource>();
  auto symbolic_stop = std::make_shared<StopSource>();
  std::unique_ptr<StopSource::Registration> forward;
  if (req.stop)
    forward = req.stop->on_stop([&] {
      explicit_stop->request_stop();
      symbolic_stop->request_stop();
    });

  std::mutex m;
  std::condition_variable cv;
  std::optional<std::vector<std::string>> open_after_search;  // set when the explicit search ends
  bool explicit_done = false;

  Explicit::Options eo;
  static_cast<EngineOptions &>(eo) = o;
  eo.max_depth = req.depth.value_or(-1);
  eo.certify_states = req.certify_states;
  eo.stop = explicit_stop;
  eo.on_verdict = settled.fn();
  eo.on_explored = [&](const std::vector<std::string> &open) {
    std::lock_guard<std::mutex> lock(m);
    open_after_search = open;
    cv.notify_all();
  };

  std::vector<PropertyResult> sr;
  std::exception_ptr symbolic_failed;
  std::thread symbolic([&] {
    EngineOptions so = o;
    so.stop = symbolic_stop;
    so.on_verdict = settled.fn();
    // Settled: told by an engine, or decided by the search (its proofs are
    // told only once certified).
    so.settled_elsewhere = [&](const std::string &name) {
      if (settled.has(name)) return true;
      std::lock_guard<std::mutex> lock(m);
      return open_after_search && std::find(open_after_search->begin(), open_after_search->end(), name) ==
                                      open_after_search->end();
    };
    {
      std::unique_lock<std::mutex> lock(m);
      cv.wait_for(lock, kHeadStart,
                  [&] { return open_after_search || explicit_done || symbolic_stop->stop_requested(); });
      if (symbolic_stop->stop_requested()) return;
      if (open_after_search)
        so.properties = *open_after_search;
      else if (explicit_done)
        return;  // it ended without a search (an error)
    }
    if (so.properties.empty()) {
      if (open_after_search) return;  // the search decided everything
      for (std::uint32_t p : select_properties(ts, o.properties, "check"))
        if (!settled.has(ts.properties[p].name)) so.properties.push_back(ts.properties[p].name);
    }
    try {
      sr = run_bmc_and_kind(ts, so, req.jobs);
    } catch (...) {
      symbolic_failed = std::current_exception();
      return;
    }
    bool all = true;
    for (std::uint32_t p : select_properties(ts, o.properties, "check"))
      all = all && settled.has(ts.properties[p].name);
    if (all) explicit_stop->request_stop();  // nothing left for the search to find
  });

  std::vector<PropertyResult> er;
  try {
    er = run_explicit(ts, eo);
  } catch (...) {
    symbolic_stop->request_stop();
    symbolic.join();
    throw;
  }
  {
    std::lock_guard<std::mutex> lock(m);
    explicit_done = true;
    cv.notify_all();
  }
  // The symbolic side can still add something only where the search neither
  // decided nor checked every state up to BMC's depth (the old sequential rule:
  // BMC to the same depth would re-check a subset of those states).
  const bool symbolic_useful = std::any_of(er.begin(), er.end(), [&](const PropertyResult &r) {
    return !definitive(r) && r.cause != UnknownCause::InternalError &&
           !(r.cause == UnknownCause::StateLimit && r.bound >= o.max_depth);
  });
  if (!symbolic_useful) symbolic_stop->request_stop();
  symbolic.join();
  if (symbolic_failed) sr.clear();  // the explicit verdicts stand on their own
  for (PropertyResult &e : er) {
    std::optional<PropertyResult> s;
    for (PropertyResult &x : sr)
      if (x.property == e.property) s = std::move(x);
    e = merge_auto(std::move(e), std::move(s), o.max_depth);
  }
  return er;
}

std::vector<PropertyResult> run_engines(const ir::TransitionSystem &ts, const CheckRequest &req,
                                        const Deadline &deadline) {
  EngineOptions o = base_options(ts, req, deadline);
  switch (req.engine) {
    case EngineChoice::Bmc:
      return run_bmc(ts, o, req.jobs);
    case EngineChoice::Kind: {
      KInduction::Options ko;
      static_cast<EngineOptions &>(ko) = o;
      return KInduction(ts, ko).run();
    }
    case EngineChoice::Explicit: {
      Explicit::Options eo;
      static_cast<EngineOptions &>(eo) = o;
      eo.max_depth = req.depth.value_or(-1);
      eo.certify_states = req.certify_states;
      return run_explicit(ts, eo);
    }
    case EngineChoice::Auto:
      break;
  }
  return run_auto(ts, req, o);
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
