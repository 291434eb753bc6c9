#include "engines/kinduction.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <set>
#include <stdexcept>

#include "engines/encoder.h"
#include "engines/unroller.h"
#include "engines/witness.h"
#include "sim/simulator.h"

namespace ctcheck::engines {

namespace {

using Clock = std::chrono::steady_clock;

std::string str(int k) { return std::to_string(k); }

// s_i != s_j over every state variable.
z3::expr differ(Unroller &u, int i, int j) {
  z3::expr_vector any(u.ctx());
  for (std::uint32_t v = 0; v < u.system().vars.size(); ++v) any.push_back(u.var(v, i) != u.var(v, j));
  return z3::mk_or(any);
}

unsigned as_ms(double seconds) { return static_cast<unsigned>(std::min(std::ceil(seconds * 1000.0), 4.0e9)); }

}  // namespace

// Registers a context with the owner for interrupt() for its lifetime.
class LiveGuard {
 public:
  LiveGuard(KInduction *owner, z3::context *ctx) : owner_(owner), ctx_(ctx) {
    if (owner_) owner_->attach(ctx_);
  }
  ~LiveGuard() {
    if (owner_) owner_->detach(ctx_);
  }
  LiveGuard(const LiveGuard &) = delete;
  LiveGuard &operator=(const LiveGuard &) = delete;

 private:
  KInduction *owner_;
  z3::context *ctx_;
};

// Everything one run() owns (the context outlives every expression).
class KindSession {
 public:
  KindSession(KInduction &owner, const std::vector<std::uint32_t> &selected)
      : owner_(owner),
        ts_(owner.ts_),
        opt_(owner.opt_),
        guard_(&owner, &ctx_),
        u_(ts_, ctx_),
        enc_(u_),
        wit_(u_),
        solver_(ctx_, "QF_BV"),
        sim_(ts_),
        init_(ctx_.bool_const("kind.init")),
        start_(Clock::now()) {
    for (std::uint32_t p = 0; p < ts_.properties.size(); ++p) {
      const bool reported = std::find(selected.begin(), selected.end(), p) != selected.end();
      if (!reported && !ts_.properties[p].lemma) continue;  // lemmas are always proved (strengthening)
      Prop pr(p, ts_.properties[p].lemma, ctx_.bool_const(("kind.hyp." + str(static_cast<int>(p))).c_str()));
      if (reported) {
        PropertyResult r;
        r.property = ts_.properties[p].name;
        r.engine = "kind";
        pr.result = static_cast<int>(results_.size());
        results_.push_back(std::move(r));
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
    z3::expr hyp;           // hyp -> ¬bad(p, j) for every j <= base_ok
    State state = State::Open;
    int base_ok = -1;       // deepest depth whose base case is unsat
    bool step_stuck = false;  // no more step attempts (unknown / re-check trouble)
    std::string note;       // why there is no proof (yet)
    int step_fails = -1;    // last k at which the step case had a counterexample
  };

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  z3::check_result check(const z3::expr_vector &assumptions, double share, std::string &why);
  void base_case(int k);
  void step_case(int k, bool lemmas);
  // Adds s_i != s_j for each pair of equal step states in the model; false if none.
  bool add_simple_path(const z3::model &m, int k);
  void violated(Prop &pr, const Snapshot &snap, int k);
  void proved(const std::vector<std::size_t> &set, int k);
  void finish(Prop &pr, State s, Verdict v, int depth, std::string reason);
  std::vector<std::size_t> open_props() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < props_.size(); ++i)
      if (props_[i].state == State::Open) out.push_back(i);
    return out;
  }

  KInduction &owner_;
  const ir::TransitionSystem &ts_;
  const KInduction::Options &opt_;
  z3::context ctx_;
  LiveGuard guard_;
  Unroller u_;
  Encoder enc_;
  WitnessReader wit_;
  z3::solver solver_;
  sim::Simulator sim_;
  z3::expr init_;
  Clock::time_point start_;
  std::vector<Prop> props_;
  std::vector<PropertyResult> results_;
  std::vector<std::uint32_t> proved_;             // strengthening, in proof order
  std::set<std::pair<int, int>> distinct_;        // simple-path pairs asserted
  int lits_ = 0;
  // Statistics for --verbose.
  int base_checks_ = 0, step_checks_ = 0;
  double solve_secs_ = 0, step_secs_ = 0, recheck_secs_ = 0;
};

z3::check_result KindSession::check(const z3::expr_vector &assumptions, double share, std::string &why) {
  if (owner_.stopped()) {
    why = "interrupted";
    return z3::unknown;
  }
  z3::params p(ctx_);
  if (opt_.timeout_seconds > 0) {
    const double left = (opt_.timeout_seconds - elapsed()) * share;
    if (left * 1000.0 < 1.0) {
      why = "timeout";
      return z3::unknown;
    }
    p.set("timeout", as_ms(left));
    solver_.set(p);
  }
  const double t0 = elapsed();
  const z3::check_result r = solver_.check(assumptions);
  solve_secs_ += elapsed() - t0;
  if (r == z3::unknown) {
    why = owner_.stopped() ? "interrupted" : solver_.reason_unknown();
    if (why == "canceled" || why == "timeout") why = owner_.stopped() ? "interrupted" : "timeout";
  }
  return r;
}

std::vector<PropertyResult> KindSession::run() {
  int k = 0;
  try {
    solver_.add(z3::implies(init_, enc_.initial()));
    for (; k <= opt_.max_k && !open_props().empty(); ++k) {
      if (opt_.timeout_seconds > 0 && elapsed() >= opt_.timeout_seconds) {
        for (Prop &pr : props_)
          if (pr.state == State::Open && pr.note.empty()) pr.note = "timeout before depth " + str(k);
        break;
      }
      if (k > 0) {
        solver_.add(enc_.transition(k - 1));
        u_.forget(k - 1);
      }
      solver_.add(enc_.frame(k));
      for (std::uint32_t q : proved_) solver_.add(!enc_.bad(q, k));
      base_case(k);
      step_case(k, true);   // lemmas first: a proved lemma strengthens the rest at once
      step_case(k, false);
      // The base case passed at k: from now on the step may assume it there.
      for (Prop &pr : props_)
        if (pr.state == State::Open && pr.base_ok == k) solver_.add(z3::implies(pr.hyp, !enc_.bad(pr.p, k)));
      const int open = static_cast<int>(open_props().size());
      if (opt_.verbose)
        std::cerr << "kind: k " << k << ": " << open << " open, " << distinct_.size() << " simple-path pairs, "
                  << base_checks_ << " base / " << step_checks_ << " step checks, " << solve_secs_
                  << " s solving (" << step_secs_ << " s in steps), " << recheck_secs_ << " s re-checking, " << elapsed() << " s total\n";
      if (opt_.progress) opt_.progress(k, open, elapsed());
      if (owner_.stopped()) break;
    }
  } catch (const z3::exception &e) {
    for (Prop &pr : props_)
      if (pr.state == State::Open) pr.note = std::string("z3 error: ") + e.msg();
  }
  const bool out_of_depth = k > opt_.max_k;
  for (Prop &pr : props_) {
    if (pr.state != State::Open) continue;
    std::string why = pr.note;
    if (why.empty()) {
      if (owner_.stopped()) why = "interrupted";
      else if (out_of_depth)
        why = "induction did not close up to k=" + str(opt_.max_k) +
              (pr.step_fails >= 0 ? " (the step case has a counterexample at k=" + str(pr.step_fails) + ")" : "");
      else why = "stopped at k=" + str(k);
    }
    if (pr.base_ok >= 0)
      finish(pr, State::Done, Verdict::Bounded, pr.base_ok,
             "no counterexample up to depth " + str(pr.base_ok) + "; no proof: " + why);
    else
      finish(pr, State::Done, Verdict::Unknown, 0, why);
  }
  return std::move(results_);
}

// As BMC: all open properties together, singles only when that is unknown.
void KindSession::base_case(int k) {
  std::vector<std::size_t> pending = open_props();
  bool together = pending.size() > 1;
  while (!pending.empty()) {
    std::vector<std::size_t> batch = together ? pending : std::vector<std::size_t>{pending.back()};
    z3::expr goal = ctx_.bool_const(("kind.base." + str(lits_++)).c_str());
    z3::expr_vector bads(ctx_);
    for (std::size_t i : batch) bads.push_back(enc_.bad(props_[i].p, k));
    solver_.add(z3::implies(goal, z3::mk_or(bads)));
    z3::expr_vector assume(ctx_);
    assume.push_back(init_);
    assume.push_back(goal);
    for (std::size_t i : open_props()) assume.push_back(props_[i].hyp);
    std::string why;
    const double share = batch.size() > 1 ? 0.5 : 1.0 / static_cast<double>(pending.size() + 1);
    std::vector<std::size_t> settled;
    ++base_checks_;
    switch (check(assume, share, why)) {
      case z3::unsat:
        for (std::size_t i : batch) {
          props_[i].base_ok = k;
          settled.push_back(i);
        }
        break;
      case z3::sat: {
        const z3::model m = solver_.get_model();
        std::vector<std::size_t> bad;
        for (std::size_t b = 0; b < batch.size(); ++b)
          if (m.eval(bads[static_cast<unsigned>(b)], true).is_true()) bad.push_back(batch[b]);
        if (bad.empty()) {
          for (std::size_t i : batch)
            finish(props_[i], State::Done, Verdict::Unknown, k,
                   "internal error: the solver's model violates no pending property");
          settled = batch;
          break;
        }
        const Snapshot snap = wit_.read(m, k);
        for (std::size_t i : bad) violated(props_[i], snap, k);
        settled = bad;
        break;
      }
      case z3::unknown:
        if (batch.size() > 1 && why != "interrupted") {
          together = false;
          continue;
        }
        for (std::size_t i : batch) {
          Prop &pr = props_[i];
          pr.note = why + " in the base case at depth " + str(k);
          if (pr.base_ok >= 0)
            finish(pr, State::Done, Verdict::Bounded, pr.base_ok,
                   "no counterexample up to depth " + str(pr.base_ok) + "; no proof: " + pr.note);
          else
            finish(pr, State::Done, Verdict::Unknown, k, pr.note);
          settled.push_back(i);
        }
        if (why == "interrupted") return;
        break;
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [&](std::size_t i) {
                                   return std::find(settled.begin(), settled.end(), i) != settled.end();
                                 }),
                  pending.end());
  }
}

void KindSession::violated(Prop &pr, const Snapshot &snap, int k) {
  trace::Trace t = wit_.trace(snap, pr.p);
  std::string why;
  try {
    why = sim_.replay(t);
  } catch (const std::exception &e) {
    why = std::string("simulator threw: ") + e.what();
  }
  if (!why.empty()) {
    finish(pr, State::Done, Verdict::Unknown, k, "internal error: counterexample did not replay: " + why);
    return;
  }
  if (pr.result >= 0) results_[pr.result].trace = std::move(t);
  finish(pr, State::Violated, Verdict::Violated, k, pr.lemma ? "the lemma does not hold" : "");
}

void KindSession::step_case(int k, bool lemmas) {
  std::vector<std::size_t> set;
  for (std::size_t i : open_props())
    if (props_[i].lemma == lemmas && !props_[i].step_stuck && props_[i].base_ok == k) set.push_back(i);
  while (!set.empty()) {
    z3::expr goal = ctx_.bool_const(("kind.step." + str(lits_++)).c_str());
    z3::expr_vector bads(ctx_);
    for (std::size_t i : set) bads.push_back(enc_.bad(props_[i].p, k));
    solver_.add(z3::implies(goal, z3::mk_or(bads)));
    z3::expr_vector assume(ctx_);
    assume.push_back(goal);
    for (std::size_t i : set) assume.push_back(props_[i].hyp);
    std::string why;
    ++step_checks_;
    const double t0 = solve_secs_;
    const z3::check_result res = check(assume, 0.5, why);
    step_secs_ += solve_secs_ - t0;
    switch (res) {
      case z3::unsat:
        proved(set, k);
        return;
      case z3::sat: {
        const z3::model m = solver_.get_model();
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
        break;
      }
      case z3::unknown:
        for (std::size_t i : set) {
          props_[i].step_stuck = true;
          props_[i].note = why + " in the step case at k=" + str(k);
        }
        return;
    }
  }
}

bool KindSession::add_simple_path(const z3::model &m, int k) {
  std::vector<std::vector<std::uint64_t>> states;
  for (int t = 0; t <= k; ++t) {
    std::vector<std::uint64_t> s;
    for (std::uint32_t v = 0; v < ts_.vars.size(); ++v) {
      const z3::expr e = m.eval(u_.var(v, t), true);
      s.push_back(e.is_bool() ? (e.is_true() ? 1 : 0) : e.get_numeral_uint64());
    }
    states.push_back(std::move(s));
  }
  bool added = false;
  for (int i = 0; i <= k; ++i)
    for (int j = i + 1; j <= k; ++j)
      if (states[i] == states[j] && distinct_.insert({i, j}).second) {
        solver_.add(differ(u_, i, j));
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
  if (opt_.before_recheck) opt_.before_recheck(proof);
  unsigned ms = 0;
  if (opt_.timeout_seconds > 0) {
    const double left = opt_.timeout_seconds - elapsed();
    ms = left * 1000.0 < 1.0 ? 1 : as_ms(left);
  }
  std::string why;
  KInduction::Recheck r = KInduction::Recheck::Unknown;
  if (owner_.stopped()) why = "interrupted";
  else {
    const double t0 = elapsed();
    r = KInduction::recheck(ts_, proof, ms, &why, &owner_);
    recheck_secs_ += elapsed() - t0;
  }
  for (std::size_t i : set) {
    Prop &pr = props_[i];
    switch (r) {
      case KInduction::Recheck::Agrees:
        finish(pr, State::Proved, Verdict::Proved, k,
               (pr.lemma ? "lemma " : std::string()) + "k-inductive at k=" + str(k) +
                   (proof.strengthen.empty() ? "" : " with " + str(static_cast<int>(proof.strengthen.size())) +
                                                        " proved propert" + (proof.strengthen.size() == 1 ? "y" : "ies")) +
                   (proof.distinct.empty() ? "" : ", " + str(static_cast<int>(proof.distinct.size())) + " simple-path constraints") +
                   "; re-checked");
        break;
      case KInduction::Recheck::Disagrees:
        finish(pr, State::Done, Verdict::Unknown, k, "internal error: proof did not re-check");
        break;
      case KInduction::Recheck::Unknown:
        pr.step_stuck = true;
        pr.note = "the proof at k=" + str(k) + " could not be re-checked (" + why + ")";
        break;
    }
  }
  if (r != KInduction::Recheck::Agrees) return;
  for (std::size_t i : set) {
    const std::uint32_t p = props_[i].p;
    proved_.push_back(p);
    for (int j = 0; j <= k; ++j) solver_.add(!enc_.bad(p, j));  // holds everywhere: strengthening
  }
}

void KindSession::finish(Prop &pr, State s, Verdict v, int depth, std::string reason) {
  pr.state = s;
  if (pr.result < 0) return;
  PropertyResult &res = results_[pr.result];
  res.verdict = v;
  res.depth = depth;
  res.reason = std::move(reason);
  res.seconds = elapsed();
}

// ---------------------------------------------------------------------------

KInduction::KInduction(const ir::TransitionSystem &ts, Options options) : ts_(ts), opt_(std::move(options)) {
  if (opt_.max_k < 0) throw std::invalid_argument("kind: negative depth");
  if (!(opt_.timeout_seconds >= 0)) throw std::invalid_argument("kind: negative timeout");
  selected_ = select_properties(ts, opt_.properties, "kind");
}

std::vector<PropertyResult> KInduction::run() {
  if (ran_) throw std::logic_error("KInduction::run() called twice: construct a new KInduction to check again");
  ran_ = true;
  try {
    KindSession session(*this, selected_);
    return session.run();
  } catch (const z3::exception &e) {
    std::vector<PropertyResult> results;
    for (std::uint32_t p : selected_) {
      PropertyResult r;
      r.property = ts_.properties[p].name;
      r.engine = "kind";
      r.reason = std::string("z3 error: ") + e.msg();
      results.push_back(std::move(r));
    }
    return results;
  }
}

void KInduction::interrupt() {
  std::lock_guard<std::mutex> lock(live_mutex_);
  stop_.store(true);
  for (z3::context *c : live_) c->interrupt();
}

void KInduction::attach(z3::context *ctx) {
  std::lock_guard<std::mutex> lock(live_mutex_);
  live_.push_back(ctx);
  if (stop_.load()) ctx->interrupt();
}

void KInduction::detach(z3::context *ctx) {
  std::lock_guard<std::mutex> lock(live_mutex_);
  live_.erase(std::remove(live_.begin(), live_.end(), ctx), live_.end());
}

// Deliberately written from the definitions alone (no literals, no sharing
// with run()): a fresh context, one solver for the step and one for the base.
KInduction::Recheck KInduction::recheck(const ir::TransitionSystem &ts, const Proof &proof, unsigned timeout_ms,
                                        std::string *why, KInduction *owner) {
  auto unknown = [&](const std::string &w) {
    if (why) *why = w;
    return Recheck::Unknown;
  };
  if (owner && owner->stopped()) return unknown("interrupted");
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
    LiveGuard guard(owner, &ctx);
    Unroller u(ts, ctx);
    Encoder enc(u);
    z3::params params(ctx);
    if (timeout_ms > 0) params.set("timeout", timeout_ms);
    auto outcome = [&](z3::solver &s, z3::check_result r) {
      if (r == z3::unknown) return unknown(owner && owner->stopped() ? "interrupted" : s.reason_unknown());
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
