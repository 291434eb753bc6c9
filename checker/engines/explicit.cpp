#include "engines/explicit.h"

#include "engines/certificate.h"
#include "engines/confirm.h"
#include "engines/explore.h"

namespace ctcheck::engines {
namespace {

// Checks every property on what the exploration shows; the first violation
// of each (in BFS order: a shortest one) is confirmed and kept.
class PropertyWatch : public Explorer::Visitor {
 public:
  PropertyWatch(const ir::TransitionSystem &ts, Explorer &x, std::vector<PropertyResult> &results,
                const std::vector<std::uint32_t> &selected, const std::function<double()> &clock,
                const std::function<void(int, std::uint64_t, int)> &progress,
                const std::function<void(const PropertyResult &)> &settled)
      : ts_(ts),
        x_(x),
        results_(results),
        result_of_(ts.properties.size(), -1),
        clock_(clock),
        progress_(progress),
        settled_(settled) {
    for (std::size_t i = 0; i < selected.size(); ++i) result_of_[selected[i]] = static_cast<int>(i);
    open_ = selected.size();
  }

  void state(std::uint32_t idx, const sim::Values &s, int) override {
    for (std::uint32_t p : x_.simulator().violated_invariants(s)) report(p, idx, -1, {});
  }
  void step(std::uint32_t idx, const sim::Values &s, int action, const sim::Values &inputs) override {
    for (std::uint32_t p : x_.simulator().failed_checks(action, s, inputs)) report(p, idx, action, inputs);
  }
  bool satisfied() const override { return open_ == 0; }
  void progress(int depth, std::uint64_t states) override {
    progress_(depth, states, static_cast<int>(open_));
  }
  bool open(const PropertyResult &r) const {
    return r.verdict == Verdict::Unknown && r.cause == UnknownCause::None;
  }

 private:
  void report(std::uint32_t prop, std::uint32_t idx, int action, const sim::Values &inputs) {
    const int r = result_of_[prop];
    if (r < 0 || !open(results_[r])) return;
    core::Trace t = x_.path_to(idx);
    t.property = prop;
    t.violating_action = action;
    if (action >= 0) t.violating_inputs = inputs;
    confirm_violation(x_.simulator(), std::move(t), results_[r]);
    if (!ts_.relations.empty() && results_[r].verdict != Verdict::Violated) {
      // Not an internal error: a representative stands for a class (ir/relative.h).
      results_[r].cause = UnknownCause::Undecided;
      results_[r].reason = "the relative abstraction's counterexample is not one of the real system (" +
                           results_[r].reason.substr(results_[r].reason.find(':') + 2) + ")";
    }
    results_[r].seconds = clock_();
    settled_(results_[r]);
    --open_;
  }

  const ir::TransitionSystem &ts_;
  Explorer &x_;
  std::vector<PropertyResult> &results_;
  std::vector<int> result_of_;
  std::size_t open_ = 0;
  const std::function<double()> &clock_;
  const std::function<void(int, std::uint64_t, int)> &progress_;
  const std::function<void(const PropertyResult &)> &settled_;
};

}  // namespace

Explicit::Explicit(const ir::TransitionSystem &ts, Options options)
    : Engine(ts, options),
      certify_states_(options.certify_states),
      real_(options.real ? options.real : &ts),
      on_explored_(std::move(options.on_explored)) {}

std::vector<PropertyResult> Explicit::solve() {
  std::vector<PropertyResult> results;
  for (std::uint32_t p : selected()) results.push_back(fresh(p));

  Explorer::Limits limits;
  limits.max_states = options().max_states;
  limits.max_depth = options().max_depth;
  limits.deadline = deadline();
  limits.stop = &stop_source();
  Explorer x(ts(), limits);
  const std::function<double()> clock = [this] { return elapsed(); };
  const std::function<void(int, std::uint64_t, int)> progress = [&](int depth, std::uint64_t states,
                                                                    int open) {
    Progress p;
    p.depth = depth;
    p.open = open;
    p.states = states;
    p.bytes = states * x.bytes_per_state();
    report_progress(p);
  };
  const std::function<void(const PropertyResult &)> settled = [this](const PropertyResult &r) {
    report_verdict(r);
  };
  PropertyWatch watch(ts(), x, results, selected(), clock, progress, settled);
  const Explorer::End end = x.run(watch);
  stats_.states = x.states();
  stats_.transitions = x.transitions();
  stats_.depth = x.depth();
  stats_.state_bytes = x.bytes_per_state();

  std::string limit;
  UnknownCause cause = UnknownCause::None;
  const std::string at = " at depth " + std::to_string(x.depth());
  switch (end) {
    case Explorer::End::InitLimit:
      limit = "explicit: too many nondeterministic initial states";
      cause = UnknownCause::InitLimit;
      break;
    case Explorer::End::StateLimit:
      limit = "explicit: state limit of " + std::to_string(options().max_states) + " states reached" + at;
      cause = UnknownCause::StateLimit;
      break;
    case Explorer::End::Timeout:
      limit = "explicit: timeout after " + std::to_string(x.states()) + " states" + at;
      cause = UnknownCause::Timeout;
      break;
    case Explorer::End::Interrupted:
      limit = "explicit: interrupted after " + std::to_string(x.states()) + " states" + at;
      cause = UnknownCause::Interrupted;
      break;
    default:
      if (!x.input_limit().empty()) {
        limit = "explicit: " + x.input_limit();
        cause = UnknownCause::InputLimit;
      }
  }
  // With relative abstractions the explored states stand for classes: only a
  // checked certificate makes a proof (ir/relative.h).
  const bool relative = !ts().relations.empty();
  std::vector<std::size_t> proved;  // told once their certificate is checked
  for (std::size_t i = 0; i < results.size(); ++i) {
    PropertyResult &r = results[i];
    if (!watch.open(r)) continue;
    r.seconds = elapsed();
    if (end == Explorer::End::InitLimit) {
      r.cause = cause;
      r.reason = limit;
    } else if (cause != UnknownCause::None && relative) {
      r.cause = cause;
      r.reason = limit + " (relative abstraction: no bound is claimed)";
    } else if (cause != UnknownCause::None) {
      // Every state up to the last fully expanded level was checked.
      r.cause = cause;
      r.bound = std::max(0, x.depth() - 1);
      r.reason = limit + "; no violation up to depth " + std::to_string(r.bound);
    } else if (end == Explorer::End::DepthLimit && relative) {
      r.cause = UnknownCause::Undecided;
      r.reason = "depth limit " + std::to_string(options().max_depth) +
                 " reached (relative abstraction: no bound is claimed)";
    } else if (end == Explorer::End::DepthLimit) {
      r.verdict = Verdict::Bounded;
      r.cause = UnknownCause::Undecided;
      r.bound = options().max_depth;
      r.reason = "no violation in the " + std::to_string(x.states()) + " states up to depth " +
                 std::to_string(options().max_depth);
    } else {
      r.verdict = Verdict::Proved;
      r.diameter = x.depth();
      r.reason = "state space exhausted: " + std::to_string(x.states()) + " reachable states, diameter " +
                 std::to_string(x.depth());
      proved.push_back(i);
    }
  }
  if (on_explored_) {
    std::vector<std::string> open;
    for (const PropertyResult &r : results)
      if (r.verdict != Verdict::Proved && r.verdict != Verdict::Violated) open.push_back(r.property);
    on_explored_(open);
  }
  certify(x, results);
  for (std::size_t i : proved)
    if (results[i].verdict == Verdict::Proved) report_verdict(results[i]);
  return results;
}

// The proofs' certificate: the reachable states as an invariant Z3 checks.
void Explicit::certify(const Explorer &x, std::vector<PropertyResult> &results) {
  std::vector<std::uint32_t> proved;
  for (std::size_t i = 0; i < results.size(); ++i)
    if (results[i].verdict == Verdict::Proved) proved.push_back(selected()[i]);
  if (proved.empty()) return;
  // Without a certificate a proof under a relative abstraction is no proof.
  const bool required = !ts().relations.empty();
  auto uncertified = [&](const std::string &why) {
    for (PropertyResult &r : results) {
      if (r.verdict != Verdict::Proved) continue;
      if (required) {
        r.verdict = Verdict::Unknown;
        r.cause = UnknownCause::Undecided;
        r.reason = "relative abstraction: " + r.reason + ", but " + why;
      } else {
        r.reason += "; " + why;
      }
      r.seconds = elapsed();
    }
  };
  // The size limit is for re-checks of exact proofs: a relative
  // abstraction's certificate is the proof itself, always checked.
  if (!required && (certify_states_ == 0 || x.states() > certify_states_)) {
    if (certify_states_ == 0) return;
    uncertified("certificate not checked (more than " + std::to_string(certify_states_) + " states)");
    return;
  }
  // The set constrains, of each variable of the real system, the bits explored.
  std::vector<unsigned> bits;
  for (const ir::StateVar &v : ts().vars) bits.push_back(v.sort.width);
  ir::StateSetBuilder states(*real_, ir::level_major_order(*real_), bits);
  for (std::uint32_t i = 0; i < x.states(); ++i) states.add(x.state(i));
  const CertificateCheck c = check_certificate(*real_, states, proved, deadline(), stop_source());
  switch (c.outcome) {
    case CertificateCheck::Outcome::Checked:
      for (PropertyResult &r : results) {
        if (r.verdict != Verdict::Proved) continue;
        r.certified = true;
        r.reason += "; certificate (" + std::to_string(c.formula_nodes) + "-node invariant, " +
                    std::to_string(c.queries) + " queries) checked by Z3" +
                    (real_ != &ts() ? " at the real widths" : "");
        r.seconds = elapsed();
      }
      return;
    case CertificateCheck::Outcome::Refuted:
      if (required) {
        uncertified("the classes of its states are not an inductive invariant: " + c.why);
        return;
      }
      for (PropertyResult &r : results) {
        if (r.verdict != Verdict::Proved) continue;
        r.verdict = Verdict::Unknown;
        r.cause = UnknownCause::InternalError;
        r.reason = "internal error: the proof's certificate does not check: " + c.why;
        r.seconds = elapsed();
      }
      return;
    case CertificateCheck::Outcome::Unknown:
      uncertified("certificate not checked: " + c.why);
      return;
  }
}

}  // namespace ctcheck::engines
