#include "engines/kinduction.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <set>
#include <stdexcept>

#include "engines/confirm.h"
#include "engines/encoder.h"
#include "engines/joint_check.h"
#include "engines/solver.h"
#include "engines/unroller.h"
#include "engines/witness.h"
#include "sim/simulator.h"

namespace ctcheck::engines {

namespace {

std::string str(int k) { return std::to_string(k); }

// s_i != s_j over every state variable.
z3::expr differ(Unroller &u, int i, int j) {
  z3::expr_vector any(u.ctx());
  for (std::uint32_t v = 0; v < u.system().vars.size(); ++v) any.push_back(u.var(v, i) != u.var(v, j));
  return z3::mk_or(any);
}

unsigned as_ms(double seconds) { return static_cast<unsigned>(std::min(std::ceil(seconds * 1000.0), 4.0e9)); }

}  // namespace

// Everything one run() owns (the context outlives every expression).
class KindSession {
 public:
  explicit KindSession(KInduction &owner)
      : owner_(owner),
        ts_(owner.ts()),
        z3_(owner.deadline(), owner.stop_source()),
        u_(ts_, z3_.ctx()),
        enc_(u_),
        wit_(u_),
        sim_(ts_),
        init_(z3_.ctx().bool_const("kind.init")) {
    const std::vector<std::uint32_t> &selected = owner.selected();
    for (std::uint32_t p = 0; p < ts_.properties.size(); ++p) {
      const bool reported = std::find(selected.begin(), selected.end(), p) != selected.end();
      if (!reported && !ts_.properties[p].lemma) continue;  // lemmas are always proved (strengthening)
      Prop pr(p, ts_.properties[p].lemma,
              z3_.ctx().bool_const(("kind.hyp." + str(static_cast<int>(p))).c_str()));
      if (reported) {
        pr.result = static_cast<int>(results_.size());
        results_.push_back(owner.fresh(p));
      }
      props_.push_back(std::move(pr));
    }
  }

  std::vector<PropertyResult> run();

 private:
  enum class State { Open, Violated, Proved, Done };
  struct Prop {
    Prop(std::uint32_t prop, bool is_lemma, z3::expr h) : p(prop), lemma(is_lemma), hyp(std::move(h)) {}
    std::uint32_t p;
    int result = -1;  // index in results_, -1 for a lemma that is not reported
    bool lemma;
    z3::expr hyp;  // hyp -> ¬bad(p, j) for every j <= base_ok
    State state = State::Open;
    int base_ok = -1;         // deepest depth whose base case is unsat
    bool step_stuck = false;  // no more step attempts (unknown / re-check trouble)
    std::string note;         // why there is no proof (yet)
    UnknownCause note_cause = UnknownCause::None;
    int step_fails = -1;  // last k at which the step case had a counterexample
  };

  bool stopped() const { return owner_.stop_requested(); }
  void base_case(int k);
  void step_case(int k, bool lemmas);
  // Adds s_i != s_j for each pair of equal step states in the model; false if none.
  bool add_simple_path(const z3::model &m, int k);
  void proved(const std::vector<std::size_t> &set, int k);
  void finish(Prop &pr, State s, Verdict v, UnknownCause cause, int bound, std::string reason);
  // Bounded when some base case passed, else Unknown.
  void give_up(Prop &pr, UnknownCause cause, const std::string &why);
  std::vector<std::size_t> open_props() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < props_.size(); ++i)
      if (props_[i].state == State::Open) out.push_back(i);
    return out;
  }

  KInduction &owner_;
  const ir::TransitionSystem &ts_;
  SolverSession z3_;
  Unroller u_;
  Encoder enc_;
  WitnessReader wit_;
  sim::Simulator sim_;
  z3::expr init_;
  std::vector<Prop> props_;
  std::vector<PropertyResult> results_;
  std::vector<std::uint32_t> proved_;       // strengthening, in proof order
  std::set<std::pair<int, int>> distinct_;  // simple-path pairs asserted
  int lits_ = 0;
  // Statistics for --verbose.
  int base_checks_ = 0, step_checks_ = 0;
  double step_secs_ = 0, recheck_secs_ = 0;
};

std::vector<PropertyResult> KindSession::run() {
  const int max_k = owner_.options().max_depth;
  int k = 0;
  try {
    z3_.solver().add(z3::implies(init_, enc_.initial()));
    for (; k <= max_k && !open_props().empty(); ++k) {
      if (owner_.deadline().passed()) {
        for (Prop &pr : props_)
          if (pr.state == State::Open && pr.note.empty()) {
            pr.note = "timeout before depth " + str(k);
            pr.note_cause = UnknownCause::Timeout;
          }
        break;
      }
      if (k > 0) {
        z3_.solver().add(enc_.transition(k - 1));
        u_.forget(k - 1);
      }
      z3_.solver().add(enc_.frame(k));
      for (std::uint32_t q : proved_) z3_.solver().add(!enc_.bad(q, k));
      base_case(k);
      step_case(k, true);  // lemmas first: a proved lemma strengthens the rest at once
      step_case(k, false);
      // The base case passed at k: from now on the step may assume it there.
      for (Prop &pr : props_)
        if (pr.state == State::Open && pr.base_ok == k)
          z3_.solver().add(z3::implies(pr.hyp, !enc_.bad(pr.p, k)));
      const int open = static_cast<int>(open_props().size());
      if (owner_.options().verbose)
        std::cerr << "kind: k " << k << ": " << open << " open, " << distinct_.size()
                  << " simple-path pairs, " << base_checks_ << " base / " << step_checks_ << " step checks, "
                  << z3_.solve_seconds() << " s solving (" << step_secs_ << " s in steps), " << recheck_secs_
                  << " s re-checking, " << owner_.elapsed() << " s total\n";
      Progress p;
      p.depth = k;
      p.open = open;
      owner_.report_progress(p);
      if (stopped()) break;
    }
  } catch (const z3::exception &e) {
    for (Prop &pr : props_)
      if (pr.state == State::Open) {
        pr.note = std::string("z3 error: ") + e.msg();
        pr.note_cause = UnknownCause::SolverError;
      }
  }
  const bool out_of_depth = k > max_k;
  for (Prop &pr : props_) {
    if (pr.state != State::Open) continue;
    std::string why = pr.note;
    UnknownCause cause = pr.note_cause;
    if (why.empty()) {
      if (stopped()) {
        why = "interrupted";
        cause = UnknownCause::Interrupted;
      } else if (out_of_depth) {
        why = "induction did not close up to k=" + str(max_k) +
              (pr.step_fails >= 0 ? " (the step case has a counterexample at k=" + str(pr.step_fails) + ")"
                                  : "");
        cause = UnknownCause::Undecided;
      } else {
        why = "stopped at k=" + str(k);
        cause = UnknownCause::Undecided;
      }
    }
    give_up(pr, cause, why);
  }
  return std::move(results_);
}

void KindSession::give_up(Prop &pr, UnknownCause cause, const std::string &why) {
  if (pr.base_ok >= 0)
    finish(pr, State::Done, Verdict::Bounded, cause, pr.base_ok,
           "no counterexample up to depth " + str(pr.base_ok) + "; no proof: " + why);
  else
    finish(pr, State::Done, Verdict::Unknown, cause, -1, why);
}

void KindSession::base_case(int k) {
  std::vector<JointItem> pending;
  for (std::size_t i : open_props()) pending.push_back({i, enc_.bad(props_[i].p, k)});
  JointHandlers h;
  h.assumptions = [&](z3::expr_vector &assume) {
    ++base_checks_;
    assume.push_back(init_);
    for (std::size_t i : open_props()) assume.push_back(props_[i].hyp);
  };
  h.unsat = [&](const std::vector<std::size_t> &ids) {
    for (std::size_t i : ids) props_[i].base_ok = k;
  };
  h.sat = [&](const z3::model &m, const std::vector<std::size_t> &bad) {
    const Snapshot snap = wit_.read(m, k);
    for (std::size_t i : bad) {
      Prop &pr = props_[i];
      PropertyResult scratch;
      PropertyResult &r = pr.result >= 0 ? results_[pr.result] : scratch;
      confirm_violation(sim_, wit_.trace(snap, pr.p), r);
      r.seconds = owner_.elapsed();
      pr.state = r.verdict == Verdict::Violated ? State::Violated : State::Done;
      if (r.verdict == Verdict::Violated && pr.lemma) r.reason = "the lemma does not hold";
      if (r.verdict != Verdict::Violated) r.bound = k - 1;
      if (pr.result >= 0) owner_.report_verdict(r);
    }
  };
  h.inconsistent = [&](const std::vector<std::size_t> &ids) {
    for (std::size_t i : ids)
      finish(props_[i], State::Done, Verdict::Unknown, UnknownCause::InternalError, k - 1,
             "internal error: the solver's model violates no pending property");
  };
  h.unknown = [&](std::size_t i, const SolverSession::Answer &a) {
    Prop &pr = props_[i];
    give_up(pr, a.cause, a.why + " in the base case at depth " + str(k));
  };
  check_jointly(z3_, std::move(pending), h);
}

void KindSession::step_case(int k, bool lemmas) {
  std::vector<std::size_t> set;
  for (std::size_t i : open_props())
    if (props_[i].lemma == lemmas && !props_[i].step_stuck && props_[i].base_ok == k) set.push_back(i);
  z3::context &ctx = z3_.ctx();
  while (!set.empty()) {
    z3::expr goal = ctx.bool_const(("kind.step." + str(lits_++)).c_str());
    z3::expr_vector bads(ctx);
    for (std::size_t i : set) bads.push_back(enc_.bad(props_[i].p, k));
    z3_.solver().add(z3::implies(goal, z3::mk_or(bads)));
    z3::expr_vector assume(ctx);
    assume.push_back(goal);
    for (std::size_t i : set) assume.push_back(props_[i].hyp);
    ++step_checks_;
    const double t0 = z3_.solve_seconds();
    const SolverSession::Answer a = z3_.check(assume, 0.5);
    step_secs_ += z3_.solve_seconds() - t0;
    if (a.result == z3::unsat) {
      proved(set, k);
      return;
    }
    if (a.result == z3::unknown) {
      for (std::size_t i : set) {
        props_[i].step_stuck = true;
        props_[i].note = a.why + " in the step case at k=" + str(k);
        props_[i].note_cause = a.cause;
      }
      return;
    }
    const z3::model m = z3_.solver().get_model();
    if (add_simple_path(m, k)) continue;  // a looping step path: exclude the loop, retry
    std::vector<std::size_t> keep;
    for (std::size_t b = 0; b < set.size(); ++b) {
      if (m.eval(bads[static_cast<unsigned>(b)], true).is_true())
        props_[set[b]].step_fails = k;
      else
        keep.push_back(set[b]);
    }
    if (keep.size() == set.size()) {  // cannot happen with a sound model: stop rather than loop
      for (std::size_t i : set) props_[i].step_fails = k;
      return;
    }
    set.swap(keep);
  }
}

bool KindSession::add_simple_path(const z3::model &m, int k) {
  std::vector<std::vector<std::uint64_t>> states;
  for (int t = 0; t <= k; ++t) {
    std::vector<std::uint64_t> s;
    for (std::uint32_t v = 0; v < ts_.vars.size(); ++v) s.push_back(numeral(m.eval(u_.var(v, t), true)));
    states.push_back(std::move(s));
  }
  bool added = false;
  for (int i = 0; i <= k; ++i)
    for (int j = i + 1; j <= k; ++j)
      if (states[i] == states[j] && distinct_.insert({i, j}).second) {
        z3_.solver().add(differ(u_, i, j));
        added = true;
      }
  return added;
}

void KindSession::proved(const std::vector<std::size_t> &set, int k) {
  KInduction::Proof proof;
  for (std::size_t i : set) proof.props.push_back(props_[i].p);
  proof.k = k;
  proof.strengthen = proved_;
  proof.distinct.assign(distinct_.begin(), distinct_.end());
  proof.distinct.erase(std::remove_if(proof.distinct.begin(), proof.distinct.end(),
                                      [&](const std::pair<int, int> &d) { return d.second > k; }),
                       proof.distinct.end());
  if (owner_.before_recheck_) owner_.before_recheck_(proof);
  unsigned ms = 0;
  if (owner_.deadline().limited()) {
    const double left = owner_.deadline().seconds_left();
    ms = left * 1000.0 < 1.0 ? 1 : as_ms(left);
  }
  std::string why;
  KInduction::Recheck r = KInduction::Recheck::Unknown;
  if (stopped()) {
    why = "interrupted";
  } else {
    const double t0 = owner_.elapsed();
    r = KInduction::recheck(ts_, proof, ms, &why, &owner_.stop_source());
    recheck_secs_ += owner_.elapsed() - t0;
  }
  for (std::size_t i : set) {
    Prop &pr = props_[i];
    switch (r) {
      case KInduction::Recheck::Agrees:
        finish(pr, State::Proved, Verdict::Proved, UnknownCause::None, -1,
               (pr.lemma ? "lemma " : std::string()) + "k-inductive at k=" + str(k) +
                   (proof.strengthen.empty()
                        ? ""
                        : " with " + str(static_cast<int>(proof.strengthen.size())) + " proved propert" +
                              (proof.strengthen.size() == 1 ? "y" : "ies")) +
                   (proof.distinct.empty()
                        ? ""
                        : ", " + str(static_cast<int>(proof.distinct.size())) + " simple-path constraints") +
                   "; re-checked");
        if (pr.result >= 0) {
          results_[pr.result].k = k;
          owner_.report_verdict(results_[pr.result]);
        }
        break;
      case KInduction::Recheck::Disagrees:
        finish(pr, State::Done, Verdict::Unknown, UnknownCause::InternalError, pr.base_ok,
               "internal error: proof did not re-check");
        break;
      case KInduction::Recheck::Unknown:
        pr.step_stuck = true;
        pr.note = "the proof at k=" + str(k) + " could not be re-checked (" + why + ")";
        pr.note_cause = stopped() ? UnknownCause::Interrupted : UnknownCause::Timeout;
        break;
    }
  }
  if (r != KInduction::Recheck::Agrees) return;
  for (std::size_t i : set) {
    const std::uint32_t p = props_[i].p;
    proved_.push_back(p);
    for (int j = 0; j <= k; ++j) z3_.solver().add(!enc_.bad(p, j));  // holds everywhere: strengthening
  }
}

void KindSession::finish(Prop &pr, State s, Verdict v, UnknownCause cause, int bound, std::string reason) {
  pr.state = s;
  if (pr.result < 0) return;
  PropertyResult &res = results_[pr.result];
  res.verdict = v;
  res.cause = cause;
  res.bound = bound;
  res.reason = std::move(reason);
  res.seconds = owner_.elapsed();
}

// ---------------------------------------------------------------------------

KInduction::KInduction(const ir::TransitionSystem &ts, Options options)
    : Engine(ts, options), before_recheck_(std::move(options.before_recheck)) {
  if (this->options().max_depth < 0) throw std::invalid_argument("kind: negative depth");
}

std::vector<PropertyResult> KInduction::solve() { return KindSession(*this).run(); }

// Deliberately written from the definitions alone (no literals, no sharing
// with run()): a fresh context, one solver for the step and one for the base.
KInduction::Recheck KInduction::recheck(const ir::TransitionSystem &ts, const Proof &proof,
                                        unsigned timeout_ms, std::string *why, StopSource *stop) {
  auto unknown = [&](const std::string &w) {
    if (why) *why = w;
    return Recheck::Unknown;
  };
  if (stop && stop->stop_requested()) return unknown("interrupted");
  const int k = proof.k;
  if (k < 0 || proof.props.empty()) return Recheck::Disagrees;
  for (std::uint32_t p : proof.props)
    if (p >= ts.properties.size()) return Recheck::Disagrees;
  for (std::uint32_t p : proof.strengthen)
    if (p >= ts.properties.size()) return Recheck::Disagrees;
  for (const auto &[i, j] : proof.distinct)
    if (i < 0 || j <= i || j > k) return Recheck::Disagrees;
  try {
    z3::context ctx;
    std::unique_ptr<StopSource::Registration> guard;
    if (stop) guard = stop->on_stop([&ctx] { ctx.interrupt(); });
    Unroller u(ts, ctx);
    Encoder enc(u);
    z3::params params(ctx);
    if (timeout_ms > 0) params.set("timeout", timeout_ms);
    auto outcome = [&](z3::solver &s, z3::check_result r) {
      if (r == z3::unknown)
        return unknown(stop && stop->stop_requested() ? "interrupted" : s.reason_unknown());
      return r == z3::sat ? Recheck::Disagrees : Recheck::Agrees;
    };

    // Step: a path of k steps from any state, the proved properties at every
    // position, the claimed ones at 0..k-1, the recorded states distinct, and
    // one claimed property violated at k.
    z3::solver step(ctx, "QF_BV");
    step.set(params);
    for (int j = 0; j <= k; ++j) {
      step.add(enc.frame(j));
      if (j < k) step.add(enc.transition(j));
      for (std::uint32_t q : proof.strengthen) step.add(!enc.bad(q, j));
      if (j < k)
        for (std::uint32_t p : proof.props) step.add(!enc.bad(p, j));
    }
    for (const auto &[i, j] : proof.distinct) step.add(differ(u, i, j));
    z3::expr_vector goal(ctx);
    for (std::uint32_t p : proof.props) goal.push_back(enc.bad(p, k));
    step.add(z3::mk_or(goal));
    Recheck r = outcome(step, step.check());
    if (r != Recheck::Agrees) return r;

    // Base: no claimed property is violated at any depth 0..k from I.
    z3::solver base(ctx, "QF_BV");
    base.set(params);
    base.add(enc.initial());
    for (int j = 0; j <= k; ++j) {
      if (j > 0) base.add(enc.transition(j - 1));
      base.add(enc.frame(j));
      z3::expr_vector bad(ctx);
      for (std::uint32_t p : proof.props) bad.push_back(enc.bad(p, j));
      z3::expr lit = ctx.bool_const(("recheck.base@" + std::to_string(j)).c_str());
      base.add(z3::implies(lit, z3::mk_or(bad)));
      z3::expr_vector assume(ctx);
      assume.push_back(lit);
      r = outcome(base, base.check(assume));
      if (r != Recheck::Agrees) return r;
      base.add(!z3::mk_or(bad));
    }
    return Recheck::Agrees;
  } catch (const z3::exception &e) {
    return unknown(std::string("z3 error: ") + e.msg());
  }
}

}  // namespace ctcheck::engines
