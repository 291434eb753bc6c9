#include "engines/bmc.h"

#include <z3++.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "engines/confirm.h"
#include "engines/encoder.h"
#include "engines/joint_check.h"
#include "engines/solver.h"
#include "engines/unroller.h"
#include "engines/witness.h"
#include "sim/simulator.h"

namespace ctcheck::engines {

// Everything one run owns: the Z3 context must outlive every expression, so
// the whole session lives and dies together.
class BmcSession {
 public:
  explicit BmcSession(Bmc &engine)
      : e_(engine),
        ts_(engine.ts()),
        z3_(engine.deadline(), engine.stop_source()),
        u_(ts_, z3_.ctx()),
        enc_(u_),
        wit_(u_),
        sim_(ts_) {
    for (std::uint32_t p : engine.selected()) {
      results_.push_back(engine.fresh(p));
      prop_.push_back(p);
      open_.push_back(results_.size() - 1);
    }
  }

  std::vector<PropertyResult> run();

 private:
  void check_depth(int k);
  void finish(std::size_t r, Verdict v, UnknownCause cause, int depth, std::string reason);

  Bmc &e_;
  const ir::TransitionSystem &ts_;
  SolverSession z3_;
  Unroller u_;
  Encoder enc_;
  WitnessReader wit_;
  sim::Simulator sim_;
  std::vector<PropertyResult> results_;
  std::vector<std::uint32_t> prop_;  // [result] -> property index
  std::vector<std::size_t> open_;    // results without a verdict yet
};

std::vector<PropertyResult> BmcSession::run() {
  const int max_depth = e_.options().max_depth;
  int k = 0;
  try {
    z3_.solver().add(enc_.initial());
    for (; k <= max_depth && !open_.empty(); ++k) {
      const double depth_start = e_.elapsed();
      if (e_.deadline().passed() || e_.stop_requested()) {
        const bool stopped = e_.stop_requested();
        for (std::size_t r : std::vector<std::size_t>(open_))
          finish(r, Verdict::Unknown, stopped ? UnknownCause::Interrupted : UnknownCause::Timeout, k - 1,
                 std::string(stopped ? "interrupted" : "timeout") + " (at depth " + std::to_string(k) +
                     "; no counterexample up to depth " + std::to_string(k - 1) + ")");
        break;
      }
      if (e_.options().settled_elsewhere)
        for (std::size_t r : std::vector<std::size_t>(open_))
          if (e_.options().settled_elsewhere(results_[r].property))
            finish(r, Verdict::Unknown, UnknownCause::Undecided, k - 1,
                   "settled by another engine (no counterexample up to depth " + std::to_string(k - 1) + ")");
      if (open_.empty()) break;
      const double solve_before = z3_.solve_seconds();
      const int checks_before = z3_.checks();
      if (k > 0) {
        z3_.solver().add(enc_.transition(k - 1));
        u_.forget(k - 1);  // nothing new mentions time k-1 any more
      }
      z3_.solver().add(enc_.frame(k));
      check_depth(k);
      const double secs = e_.elapsed(), solving = z3_.solve_seconds() - solve_before;
      if (e_.options().verbose)
        std::cerr << "bmc: depth " << k << ": " << open_.size() << " open, " << z3_.checks() - checks_before
                  << " checks, " << solving << " s solving, " << secs - depth_start - solving
                  << " s encoding, " << secs << " s total\n";
      Progress p;
      p.depth = k;
      p.open = static_cast<int>(open_.size());
      e_.report_progress(p);
    }
  } catch (const z3::exception &ex) {
    const bool late = e_.deadline().passed();
    for (std::size_t r : std::vector<std::size_t>(open_))
      finish(r, Verdict::Unknown, late ? UnknownCause::Timeout : UnknownCause::SolverError, k - 1,
             late ? "timeout (at depth " + std::to_string(k) + ")" : std::string("z3 error: ") + ex.msg());
  }
  for (std::size_t r : std::vector<std::size_t>(open_))
    finish(r, Verdict::Bounded, UnknownCause::Undecided, max_depth,
           "no counterexample up to depth " + std::to_string(max_depth) + " (bmc proves no more)");
  return std::move(results_);
}

void BmcSession::check_depth(int k) {
  std::vector<JointItem> pending;
  for (std::size_t r : open_)
    if (enc_.may_fail(prop_[r])) pending.push_back({r, enc_.bad(prop_[r], k)});
  JointHandlers h;
  h.unsat = [&](const std::vector<std::size_t> &ids) {
    // I ∧ T(0..k-1) now entails ¬bad(p, k): asserting it is sound and gives
    // later depths the property at every earlier state for free.
    for (std::size_t r : ids) z3_.solver().add(!enc_.bad(prop_[r], k));
  };
  h.sat = [&](const z3::model &m, const std::vector<std::size_t> &bad) {
    const Snapshot snap = wit_.read(m, k);
    for (std::size_t r : bad) {
      confirm_violation(sim_, wit_.trace(snap, prop_[r]), results_[r]);
      if (results_[r].verdict == Verdict::Unknown) results_[r].bound = k - 1;
      results_[r].seconds = e_.elapsed();
      e_.report_verdict(results_[r]);
      open_.erase(std::remove(open_.begin(), open_.end(), r), open_.end());
    }
  };
  h.inconsistent = [&](const std::vector<std::size_t> &ids) {
    for (std::size_t r : ids)
      finish(r, Verdict::Unknown, UnknownCause::InternalError, k - 1,
             "internal error: the solver's model violates no pending property");
  };
  h.unknown = [&](std::size_t r, const SolverSession::Answer &a) {
    finish(r, Verdict::Unknown, a.cause, k - 1,
           a.why + " (at depth " + std::to_string(k) +
               (k > 0 ? "; no counterexample up to depth " + std::to_string(k - 1) : std::string()) + ")");
  };
  check_jointly(z3_, std::move(pending), h);
}

void BmcSession::finish(std::size_t r, Verdict v, UnknownCause cause, int depth, std::string reason) {
  PropertyResult &res = results_[r];
  res.verdict = v;
  res.cause = cause;
  res.bound = depth;
  res.reason = std::move(reason);
  res.seconds = e_.elapsed();
  open_.erase(std::remove(open_.begin(), open_.end(), r), open_.end());
}

Bmc::Bmc(const ir::TransitionSystem &ts, Options options) : Engine(ts, std::move(options)) {
  if (this->options().max_depth < 0) throw std::invalid_argument("bmc: negative depth");
}

std::vector<PropertyResult> Bmc::solve() { return BmcSession(*this).run(); }

}  // namespace ctcheck::engines
