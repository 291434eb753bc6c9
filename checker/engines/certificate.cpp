#include "engines/certificate.h"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "engines/encoder.h"
#include "engines/solver.h"
#include "engines/unroller.h"
#include "ir/cofactor.h"

namespace ctcheck::engines {
namespace {

std::size_t dag_size(const ir::ExprPool &pool, ir::ExprId root) {
  std::unordered_set<ir::ExprId> seen;
  std::vector<ir::ExprId> todo{root};
  while (!todo.empty()) {
    const ir::ExprId e = todo.back();
    todo.pop_back();
    if (!seen.insert(e).second) continue;
    for (ir::ExprId a : pool.node(e).args) todo.push_back(a);
  }
  return seen.size();
}

using Values = std::unordered_map<std::uint32_t, std::uint64_t>;

// The facts both value sets state.
Values common(const Values &a, const Values &b) {
  Values out;
  for (const auto &[v, x] : a) {
    auto it = b.find(v);
    if (it != b.end() && it->second == x) out.emplace(v, x);
  }
  return out;
}

// Values the state after `a` surely has: updates to constants, and the
// variables `a` does not write whose value its position fixes.
Values post_values(const ir::ExprPool &pool, const ir::Action &a, const Values &pre) {
  Values out = pre;
  for (const ir::Update &u : a.updates) {
    const ir::Node &n = pool.node(u.value);
    if (n.op == ir::Op::Const)
      out[u.var] = n.value;
    else
      out.erase(u.var);
  }
  return out;
}

// SAT conflicts a move's consecution query may take before it is split
// (below). 200,000 lets every move of the kernel cases up to 740,000 states
// finish unsplit (linux-4.6-gp-nmi: 69 s; a time limit of 5 s split it into
// 386 queries, 155 s); the moves of the IRQ+NMI grace-period systems exceed it.
constexpr unsigned kPatience = 200'000;

// The program counter to split a move's query by: of level 0 of another CPU
// (else of this CPU's level 0 for a handler's move), not written by the move.
std::optional<std::uint32_t> split_variable(const ir::TransitionSystem &ts, const std::vector<int> &actions,
                                            int cpu) {
  std::vector<bool> written(ts.vars.size(), false);
  for (int a : actions)
    for (const ir::Update &up : ts.actions[static_cast<std::size_t>(a)].updates) written[up.var] = true;
  std::optional<std::uint32_t> best;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    const ir::StateVar &sv = ts.vars[v];
    if (sv.role != ir::VarRole::Pc || sv.level != 0 || written[v] || sv.sort.width > 12) continue;
    if (!best || (sv.cpu != cpu && ts.vars[*best].cpu == cpu)) best = v;
  }
  return best;
}

}  // namespace

CertificateCheck check_certificate(const ir::TransitionSystem &system, ir::StateSetBuilder &states,
                                   const std::vector<std::uint32_t> &properties, const Deadline &deadline,
                                   StopSource &stop) {
  const auto start = Clock::now();
  CertificateCheck out;
  ir::TransitionSystem ts = system;  // its own pool: the formulas are built there
  const ir::ExprId inv = states.build(ts.pool);
  out.formula_nodes = dag_size(ts.pool, inv);
  auto finish = [&](CertificateCheck::Outcome o, std::string why) {
    out.outcome = o;
    out.why = std::move(why);
    out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return out;
  };
  try {
    SolverSession z3(deadline, stop);
    Unroller u(ts, z3.ctx());
    Encoder enc(u);
    // Which action leaves the set, and the variables whose new values are not
    // in it, from the model of a failed consecution query.
    auto leaving = [&](const z3::model &m) {
      std::vector<std::uint64_t> pre, post;
      for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
        pre.push_back(numeral(m.eval(u.var(v, 0), true)));
        post.push_back(numeral(m.eval(u.var(v, 1), true)));
      }
      const int a = u.action_of(numeral(m.eval(u.act(0), true)), pre);
      std::string out;
      if (a >= 0) {
        const ir::Action &act = ts.actions[a];
        out += ": " + (act.text.empty() ? act.procedure : act.text) + " (" + act.loc.file + ":" +
               std::to_string(act.loc.line) + ")";
      }
      std::string changed;
      for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
        if (pre[v] != post[v]) changed += " " + ts.vars[v].name + "=" + std::to_string(post[v]);
      // The pairs of relative abstractions by their differences (ir/relative.h).
      for (const ir::RelativeAbstraction &r : ts.relations) {
        const std::uint64_t mask = ir::mask_of(ts.vars[r.counter].sort.width);
        changed += "; " + ts.vars[r.counter].name + " - " + ts.vars[r.snap].name + " = " +
                   std::to_string((pre[r.counter] - pre[r.snap]) & mask) + " before, " +
                   std::to_string((post[r.counter] - post[r.snap]) & mask) + " after";
      }
      return out + " writes" + changed;
    };
    // One obligation: `claim` must be unsat. Sets `failed` when it is not.
    // Each is a one-shot query, so a non-incremental pipeline fits: solving
    // the successor's equations away before bit-blasting makes the
    // consecution query 3x faster than the incremental QF_BV solver. With
    // `patience` (SAT conflicts), a query still open then is given up
    // (GaveUp) for the caller to split.
    enum class Answer { Holds, Fails, GaveUp };
    std::optional<CertificateCheck> failed;
    std::optional<z3::model> counter;  // of the last failed obligation
    auto ask = [&](const z3::expr &claim, const std::string &what, unsigned patience) {
      z3::context &c = z3.ctx();
      z3::solver s = (z3::tactic(c, "simplify") & z3::tactic(c, "propagate-values") &
                      z3::tactic(c, "solve-eqs") & z3::tactic(c, "bit-blast") & z3::tactic(c, "sat"))
                         .mk_solver();
      z3::params p(c);
      if (deadline.limited())
        p.set("timeout",
              static_cast<unsigned>(std::max(1.0, std::min(deadline.seconds_left() * 1000.0, 4.0e9))));
      // Patience is counted in SAT conflicts, not seconds: the same queries
      // are split on every run and machine, so reports do not depend on load.
      const bool impatient = patience > 0;
      if (impatient) p.set("max_conflicts", patience);
      s.set(p);
      s.add(claim);
      const z3::check_result r = stop.stop_requested() ? z3::unknown : s.check();
      ++out.queries;
      if (r == z3::unsat) return Answer::Holds;
      if (r == z3::sat) {
        counter = s.get_model();
        failed = finish(CertificateCheck::Outcome::Refuted, what);
        return Answer::Fails;
      }
      if (impatient && !stop.stop_requested() && !deadline.passed()) return Answer::GaveUp;
      failed = finish(CertificateCheck::Outcome::Unknown,
                      what + ": " + (stop.stop_requested() ? "interrupted" : s.reason_unknown()));
      return Answer::Fails;
    };
    auto holds = [&](const z3::expr &claim, const std::string &what) {
      return ask(claim, what, 0) == Answer::Holds;
    };
    if (!holds(enc.initial() && !u.at(inv, 0), "an initial state is not in the set")) return *failed;
    // Consecution, one query per move (a statement on one CPU and level, a
    // delivery to it, a return from it): the values the move's enabling
    // conditions all test (the depth) are known before it, and after it the
    // ones its actions all leave or set alike; Inv is specialised to both
    // before Z3 sees it (docs/semantics.md, "Certificates"). On linux-4.2 (188,562
    // states) this takes 20 s against 48 s for one query over the whole
    // transition relation and 92 s for one query per action (each of those
    // bit-blasts its own copy of Inv).
    const z3::expr inputs = enc.frame(0);
    std::map<std::tuple<int, int, int>, std::vector<int>> moves;
    for (std::size_t a = 0; a < ts.actions.size(); ++a) {
      const ir::Action &act = ts.actions[a];
      moves[{act.cpu, act.level, static_cast<int>(act.kind)}].push_back(static_cast<int>(a));
    }
    for (const auto &[move, actions] : moves) {
      std::optional<Values> pre, post;
      z3::expr_vector steps(z3.ctx());
      for (int a : actions) {
        const ir::Action &act = ts.actions[static_cast<std::size_t>(a)];
        const Values before = ir::implied_values(ts.pool, ts.pool.land(act.enabled, act.guard));
        pre = pre ? common(*pre, before) : before;
        post = post ? common(*post, post_values(ts.pool, act, before)) : post_values(ts.pool, act, before);
        steps.push_back(enc.step(a, 0));
      }
      const ir::ExprId inv_pre = ir::Cofactor(ts.pool, *pre).apply(inv);
      if (ts.pool.is_const(inv_pre) && ts.pool.node(inv_pre).value == 0) continue;  // never taken in the set
      const ir::ExprId inv_post = ir::Cofactor(ts.pool, *post).apply(inv);
      const z3::expr step = z3::mk_or(steps);
      const std::string what = "a transition leaves the set";
      // A query still open after kPatience conflicts is split by the program
      // counter of another context, which the move leaves as it is: one query
      // per value, each over the slice of the set at that value (6.12-gp: one
      // unsplit query ran for over 5 minutes; split, none takes 20 s).
      const std::optional<std::uint32_t> split = split_variable(ts, actions, std::get<0>(move));
      Answer a = ask(u.at(inv_pre, 0) && inputs && step && !u.at(inv_post, 1), what, split ? kPatience : 0);
      const bool sliced = a == Answer::GaveUp;
      if (sliced) a = Answer::Holds;
      for (std::uint64_t k = 0; sliced && a == Answer::Holds && k <= ir::mask_of(ts.vars[*split].sort.width);
           ++k) {
        Values pre_k = *pre, post_k = *post;
        pre_k[*split] = post_k[*split] = k;
        const ir::ExprId inv_pre_k = ir::Cofactor(ts.pool, pre_k).apply(inv_pre);
        if (ts.pool.is_const(inv_pre_k) && ts.pool.node(inv_pre_k).value == 0) continue;
        const ir::ExprId inv_post_k = ir::Cofactor(ts.pool, post_k).apply(inv_post);
        const z3::expr fixed = u.var(*split, 0) == z3.ctx().bv_val(k, ts.vars[*split].sort.width);
        if (ask(u.at(inv_pre_k, 0) && fixed && inputs && step && !u.at(inv_post_k, 1), what, 0) !=
            Answer::Holds)
          a = Answer::Fails;
      }
      if (a == Answer::Fails) {
        if (counter) failed->why += leaving(*counter);
        return *failed;
      }
    }
    z3::expr_vector bad(z3.ctx());
    for (std::uint32_t p : properties) bad.push_back(enc.bad(p, 0));
    if (!holds(u.at(inv, 0) && enc.frame(0) && z3::mk_or(bad),
               "the set contains a state violating a proved property"))
      return *failed;
    return finish(CertificateCheck::Outcome::Checked, "");
  } catch (const z3::exception &e) {
    return finish(CertificateCheck::Outcome::Unknown, std::string("z3 error: ") + e.msg());
  }
}

}  // namespace ctcheck::engines
