#include "engines/bmc.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engines/encoder.h"
#include "engines/unroller.h"
#include "engines/witness.h"
#include "sim/simulator.h"

namespace ctcheck::engines {
namespace {

using Clock = std::chrono::steady_clock;

// Everything one run() owns: the Z3 context must outlive every expression, so
// the whole session lives and dies together.
class Session {
 public:
  Session(const ir::TransitionSystem &ts, const Bmc::Options &opt, const std::vector<std::uint32_t> &selected)
      : ts_(ts),
        opt_(opt),
        u_(ts, ctx_),
        enc_(u_),
        wit_(u_),
        solver_(ctx_, "QF_BV"),
        sim_(ts),
        start_(Clock::now()) {
    for (std::uint32_t p : selected) {
      PropertyResult r;
      r.property = ts.properties[p].name;
      r.engine = "bmc";
      results_.push_back(std::move(r));
      prop_.push_back(p);
      open_.push_back(results_.size() - 1);
    }
  }

  std::vector<PropertyResult> run();

 private:
  struct Pending {
    std::size_t result;
    z3::expr bad;  // bad(p, k)
    z3::expr lit;  // lit -> bad(p, k), asserted once
  };

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  void check_depth(int k);
  // `share`: the fraction of the remaining time budget this check may use.
  z3::check_result check(const z3::expr &assumption, double share, std::string &why);
  // Reports the pending properties that are bad in the current model.
  std::vector<std::size_t> report_model(int k, const std::vector<Pending> &batch);
  void finish(std::size_t r, Verdict v, int depth, std::string reason);

  const ir::TransitionSystem &ts_;
  const Bmc::Options &opt_;
  z3::context ctx_;
  Unroller u_;
  Encoder enc_;
  WitnessReader wit_;
  z3::solver solver_;
  sim::Simulator sim_;
  Clock::time_point start_;
  std::vector<PropertyResult> results_;
  std::vector<std::uint32_t> prop_;  // [result] -> property index
  std::vector<std::size_t> open_;    // results without a verdict yet
  // Per-depth statistics for --verbose: where the time goes.
  double solve_secs_ = 0;
  int checks_ = 0;
};

// Z3's own timeout is not honoured while a new step is bit-blasted and
// internalised, so a watchdog interrupts the context at the deadline; the
// interrupted call then reports unknown (or throws "canceled"): never bounded.
class Watchdog {
 public:
  Watchdog(z3::context &ctx, double seconds) {
    if (seconds <= 0) return;
    thread_ = std::thread([this, &ctx, seconds] {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return done_; })) ctx.interrupt();
    });
  }
  ~Watchdog() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
};

std::vector<PropertyResult> Session::run() {
  int k = 0;
  Watchdog watchdog(ctx_, opt_.timeout_seconds);
  try {
    solver_.add(enc_.initial());
    for (; k <= opt_.max_depth && !open_.empty(); ++k) {
      const double depth_start = elapsed();
      if (opt_.timeout_seconds > 0 && depth_start >= opt_.timeout_seconds) {
        const std::vector<std::size_t> left = open_;
        for (std::size_t r : left)
          finish(r, Verdict::Unknown, k, "timeout (at depth " + std::to_string(k) + "; no counterexample up to depth " +
                                              std::to_string(k - 1) + ")");
        break;
      }
      solve_secs_ = 0;
      checks_ = 0;
      if (k > 0) {
        solver_.add(enc_.transition(k - 1));
        u_.forget(k - 1);  // nothing new mentions time k-1 any more
      }
      solver_.add(enc_.frame(k));
      check_depth(k);
      const double secs = elapsed();
      if (opt_.verbose)
        std::cerr << "bmc: depth " << k << ": " << open_.size() << " open, " << checks_ << " checks, "
                  << solve_secs_ << " s solving, " << secs - depth_start - solve_secs_ << " s encoding, "
                  << secs << " s total\n";
      if (opt_.progress) opt_.progress(k, static_cast<int>(open_.size()), secs);
    }
  } catch (const z3::exception &e) {
    const std::vector<std::size_t> left = open_;
    const bool late = opt_.timeout_seconds > 0 && elapsed() >= opt_.timeout_seconds;
    for (std::size_t r : left)
      finish(r, Verdict::Unknown, k, late ? "timeout (at depth " + std::to_string(k) + ")" : std::string("z3 error: ") + e.msg());
  }
  const std::vector<std::size_t> left = open_;
  for (std::size_t r : left)
    finish(r, Verdict::Bounded, opt_.max_depth,
           "no counterexample up to depth " + std::to_string(opt_.max_depth) + " (bmc proves no more)");
  return std::move(results_);
}

// All pending properties are asked together first: at most depths nothing is
// violated and one unsat answer settles them all. A sat answer settles every
// property bad in that model; an unknown one is split into single checks so
// one hard property cannot take the others down with it.
void Session::check_depth(int k) {
  std::vector<Pending> pending;
  for (std::size_t r : open_) {
    const std::uint32_t p = prop_[r];
    if (!enc_.may_fail(p)) continue;
    z3::expr bad = enc_.bad(p, k);
    z3::expr lit = ctx_.bool_const(("bad." + std::to_string(p) + "@" + std::to_string(k)).c_str());
    solver_.add(z3::implies(lit, bad));
    pending.push_back({r, bad, lit});
  }
  bool together = pending.size() > 1;
  int round = 0;
  while (!pending.empty()) {
    std::vector<Pending> batch = together ? pending : std::vector<Pending>{pending.back()};
    z3::expr assumption = batch[0].lit;
    if (batch.size() > 1) {
      z3::expr_vector lits(ctx_);
      for (const Pending &b : batch) lits.push_back(b.lit);
      assumption = ctx_.bool_const(("any." + std::to_string(round++) + "@" + std::to_string(k)).c_str());
      solver_.add(z3::implies(assumption, z3::mk_or(lits)));
    }
    std::string why;
    std::vector<std::size_t> settled;
    // Under a time budget a joint check may use half of what is left, a single
    // one its fair share, so one hopeless property cannot starve the others.
    const double share = batch.size() > 1 ? 0.5 : 1.0 / static_cast<double>(pending.size());
    switch (check(assumption, share, why)) {
      case z3::unsat:
        // I ∧ T(0..k-1) now entails ¬bad(p, k): asserting it is sound and
        // gives later depths the property at every earlier state for free.
        for (const Pending &b : batch) {
          solver_.add(!b.bad);
          settled.push_back(b.result);
        }
        break;
      case z3::sat:
        settled = report_model(k, batch);
        break;
      case z3::unknown:
        if (batch.size() > 1) {
          together = false;
          continue;
        }
        finish(batch[0].result, Verdict::Unknown, k,
               why + " (at depth " + std::to_string(k) +
                   (k > 0 ? "; no counterexample up to depth " + std::to_string(k - 1) : std::string()) +
                   ")");
        settled.push_back(batch[0].result);
        break;
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [&](const Pending &q) {
                                   return std::find(settled.begin(), settled.end(), q.result) !=
                                          settled.end();
                                 }),
                  pending.end());
  }
}

z3::check_result Session::check(const z3::expr &assumption, double share, std::string &why) {
  if (opt_.timeout_seconds > 0) {
    const double left_ms = (opt_.timeout_seconds - elapsed()) * 1000.0 * share;
    if (left_ms < 1.0) {
      why = "timeout";
      return z3::unknown;
    }
    z3::params p(ctx_);
    p.set("timeout", static_cast<unsigned>(std::min(std::ceil(left_ms), 4.0e9)));
    solver_.set(p);
  }
  z3::expr_vector assumptions(ctx_);
  assumptions.push_back(assumption);
  const double t0 = elapsed();
  const z3::check_result r = solver_.check(assumptions);
  solve_secs_ += elapsed() - t0;
  ++checks_;
  if (r == z3::unknown) why = solver_.reason_unknown();
  return r;
}

std::vector<std::size_t> Session::report_model(int k, const std::vector<Pending> &batch) {
  const z3::model m = solver_.get_model();
  std::vector<std::size_t> bad;
  for (const Pending &b : batch)
    if (m.eval(b.bad, true).is_true()) bad.push_back(b.result);
  if (bad.empty()) {
    for (const Pending &b : batch)
      finish(b.result, Verdict::Unknown, k,
             "internal error: the solver's model violates no pending property");
    for (const Pending &b : batch) bad.push_back(b.result);
    return bad;
  }
  const Snapshot snap = wit_.read(m, k);
  for (std::size_t r : bad) {
    trace::Trace t = wit_.trace(snap, prop_[r]);
    std::string why;
    try {
      why = sim_.replay(t);
    } catch (const std::exception &e) {
      why = std::string("simulator threw: ") + e.what();
    }
    if (!why.empty()) {
      finish(r, Verdict::Unknown, k, "internal error: counterexample did not replay: " + why);
      continue;
    }
    results_[r].trace = std::move(t);
    finish(r, Verdict::Violated, k, "");
  }
  return bad;
}

void Session::finish(std::size_t r, Verdict v, int depth, std::string reason) {
  PropertyResult &res = results_[r];
  res.verdict = v;
  res.depth = depth;
  res.reason = std::move(reason);
  res.seconds = elapsed();
  open_.erase(std::remove(open_.begin(), open_.end(), r), open_.end());
}

}  // namespace

Bmc::Bmc(const ir::TransitionSystem &ts, Options options) : ts_(ts), opt_(std::move(options)) {
  if (opt_.max_depth < 0) throw std::invalid_argument("bmc: negative depth");
  if (!(opt_.timeout_seconds >= 0)) throw std::invalid_argument("bmc: negative timeout");
  selected_ = select_properties(ts, opt_.properties, "bmc");
}

std::vector<PropertyResult> Bmc::run() {
  if (ran_) throw std::logic_error("Bmc::run() called twice: construct a new Bmc to check again");
  ran_ = true;
  try {
    Session session(ts_, opt_, selected_);
    return session.run();
  } catch (const z3::exception &e) {
    // Setting up the session (e.g. encoding I(0)) failed before any verdict.
    std::vector<PropertyResult> results;
    for (std::uint32_t p : selected_) {
      PropertyResult r;
      r.property = ts_.properties[p].name;
      r.engine = "bmc";
      r.verdict = Verdict::Unknown;
      r.reason = std::string("z3 error: ") + e.msg();
      results.push_back(std::move(r));
    }
    return results;
  }
}

}  // namespace ctcheck::engines
