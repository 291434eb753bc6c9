#include "sim/simulator.h"

#include <algorithm>
#include <sstream>

namespace ctcheck::sim {

using ir::ExprId;
using ir::Node;
using ir::Op;

bool all_input_vectors(const ir::TransitionSystem &ts, const ir::Action &action, std::vector<Values> &out) {
  out.assign(1, Values(ts.inputs.size(), 0));
  for (std::uint32_t i : action.inputs) {
    const ir::Input &in = ts.inputs[i];
    const std::uint64_t n =
        in.domain_size ? in.domain_size : (in.sort.width >= 16 ? 0 : (1ull << in.sort.width));
    if (n == 0 || out.size() * n > 65536) return false;
    std::vector<Values> next;
    for (const Values &v : out)
      for (std::uint64_t x = 0; x < n; ++x) {
        next.push_back(v);
        next.back()[i] = x;
      }
    out.swap(next);
  }
  return true;
}

bool all_initial_states(const Simulator &sim, std::vector<Values> &out) {
  const ir::TransitionSystem &ts = sim.system();
  out.clear();
  std::vector<std::uint32_t> free_vars;
  std::uint64_t combos = 1;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
    if (!ts.vars[v].init) {
      free_vars.push_back(v);
      combos = ts.vars[v].sort.width >= 16 ? 0 : combos << ts.vars[v].sort.width;
      if (combos == 0 || combos > 65536) return false;
    }
  Values base(ts.vars.size(), 0);
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v)
    if (ts.vars[v].init) base[v] = *ts.vars[v].init & ir::mask_of(ts.vars[v].sort.width);
  for (std::uint64_t c = 0; c < combos; ++c) {
    Values s = base;
    std::uint64_t rest = c;
    for (std::uint32_t v : free_vars) {
      s[v] = rest & ir::mask_of(ts.vars[v].sort.width);
      rest >>= ts.vars[v].sort.width;
    }
    if (sim.is_initial(s)) out.push_back(std::move(s));
  }
  return true;
}

Simulator::Simulator(const ir::TransitionSystem &ts) : ts_(ts) {}

void Simulator::begin_generation() const {
  const std::size_t n = ts_.pool.size();
  if (stamp_.size() < n) {  // the pool may grow after construction
    stamp_.resize(n, 0);
    memo_.resize(n, 0);
  }
  if (++generation_ == 0) {  // wrapped: old stamps could collide
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
}

// Iterative post-order walk: model guards can be deep ite chains, so no
// recursion; each node is computed once per generation.
std::uint64_t Simulator::eval_in_generation(ExprId root, const Values &state, const Values &inputs) const {
  if (stamp_.at(root) == generation_) return memo_[root];
  stack_.clear();
  stack_.emplace_back(root, false);
  while (!stack_.empty()) {
    const auto [e, expanded] = stack_.back();
    if (stamp_[e] == generation_) {
      stack_.pop_back();
      continue;
    }
    const Node &n = ts_.pool.node(e);
    const std::uint64_t m = ir::mask_of(n.sort.width);
    std::uint64_t v = 0;
    if (n.op == Op::Const) {
      v = n.value;
    } else if (n.op == Op::Var) {
      v = state.at(n.value) & m;
    } else if (n.op == Op::Input) {
      v = n.value < inputs.size() ? inputs[n.value] & m : 0;
    } else if (!expanded) {
      stack_.back().second = true;
      for (ExprId a : n.args)
        if (stamp_.at(a) != generation_) stack_.emplace_back(a, false);
      continue;
    } else {
      arg_sorts_.clear();
      arg_values_.clear();
      for (ExprId a : n.args) {
        arg_sorts_.push_back(ts_.pool.sort(a));
        arg_values_.push_back(memo_[a]);
      }
      v = ir::apply_op(n.op, n.sort, arg_sorts_, arg_values_);
    }
    stack_.pop_back();
    memo_[e] = v;
    stamp_[e] = generation_;
  }
  return memo_[root];
}

std::uint64_t Simulator::eval(ExprId e, const Values &state, const Values &inputs) const {
  begin_generation();
  return eval_in_generation(e, state, inputs);
}

std::optional<Values> Simulator::initial_state(std::mt19937_64 *rng) const {
  Values s(ts_.vars.size(), 0);
  for (std::size_t i = 0; i < ts_.vars.size(); ++i) {
    const ir::StateVar &v = ts_.vars[i];
    const std::uint64_t m = ir::mask_of(v.sort.width);
    if (v.init)
      s[i] = *v.init & m;
    else if (rng)
      s[i] = (*rng)() & m;
  }
  // init_constraint 0 means "unset" (the header's default), not node #0.
  if (ts_.init_constraint != 0 && !eval(ts_.init_constraint, s, {})) return std::nullopt;
  return s;
}

bool Simulator::is_initial(const Values &state) const {
  if (state.size() != ts_.vars.size()) return false;
  for (std::size_t i = 0; i < ts_.vars.size(); ++i) {
    const ir::StateVar &v = ts_.vars[i];
    if (state[i] & ~ir::mask_of(v.sort.width)) return false;
    if (v.init && state[i] != (*v.init & ir::mask_of(v.sort.width))) return false;
  }
  return ts_.init_constraint == 0 || eval(ts_.init_constraint, state, {}) != 0;
}

bool Simulator::tables_present() const {
  return !ts_.exec_at.empty() || !ts_.deliver_at.empty() || !ts_.return_at.empty();
}

std::vector<int> Simulator::enabled_actions_by_scan(const Values &state) const {
  std::vector<int> out;
  begin_generation();
  for (std::size_t a = 0; a < ts_.actions.size(); ++a)
    if (eval_in_generation(ts_.actions[a].enabled, state, {})) out.push_back(static_cast<int>(a));
  return out;
}

namespace {
template <typename T>
int lookup(const std::vector<T> &v, std::uint64_t i) {
  return i < v.size() ? v[i] : -1;
}
}  // namespace

std::vector<int> Simulator::enabled_actions(const Values &state) const {
  // A hand-built TS without tables is still simulated, just slower.
  if (!tables_present()) return enabled_actions_by_scan(state);
  std::vector<int> cand;
  const std::uint64_t levels = static_cast<std::uint64_t>(std::max(ts_.levels, 1));
  for (std::size_t c = 0; c < ts_.cpus.size(); ++c) {
    const ir::CpuLayout &cl = ts_.cpus[c];
    const std::uint64_t depth = state.at(cl.depth);
    // Only the top context runs, but every level up to it is looked up: the
    // `enabled` re-check below decides, so a lax table costs time, not truth.
    for (std::uint64_t l = 0; l <= depth && l < levels && l < cl.pc.size(); ++l) {
      if (c < ts_.exec_at.size() && l < ts_.exec_at[c].size())
        cand.push_back(lookup(ts_.exec_at[c][l], state.at(cl.pc[l])));
      if (c < ts_.return_at.size()) cand.push_back(lookup(ts_.return_at[c], l));
    }
    if (depth + 1 < levels && c < ts_.deliver_at.size() && depth + 1 < ts_.deliver_at[c].size())
      for (int a : ts_.deliver_at[c][depth + 1]) cand.push_back(a);
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::vector<int> out;
  begin_generation();
  for (int a : cand)
    if (a >= 0 && static_cast<std::size_t>(a) < ts_.actions.size() &&
        eval_in_generation(ts_.actions[a].enabled, state, {}))
      out.push_back(a);
  return out;
}

bool Simulator::can_fire(int action, const Values &state, const Values &inputs) const {
  const ir::Action &a = ts_.actions.at(action);
  begin_generation();
  return eval_in_generation(a.enabled, state, inputs) && eval_in_generation(a.guard, state, inputs);
}

Values Simulator::fire(int action, const Values &state, const Values &inputs) const {
  const ir::Action &a = ts_.actions.at(action);
  begin_generation();
  // Parallel assignment: compute every right-hand side from the pre-state first.
  std::vector<std::uint64_t> vals;
  vals.reserve(a.updates.size());
  for (const ir::Update &u : a.updates) vals.push_back(eval_in_generation(u.value, state, inputs));
  Values next = state;
  for (std::size_t i = 0; i < a.updates.size(); ++i)
    next.at(a.updates[i].var) = vals[i] & ir::mask_of(ts_.vars.at(a.updates[i].var).sort.width);
  return next;
}

std::vector<std::uint32_t> Simulator::violated_invariants(const Values &state) const {
  std::vector<std::uint32_t> out;
  begin_generation();
  for (std::size_t p = 0; p < ts_.properties.size(); ++p) {
    const ir::Property &prop = ts_.properties[p];
    if (prop.holds && !eval_in_generation(*prop.holds, state, {}))
      out.push_back(static_cast<std::uint32_t>(p));
  }
  return out;
}

std::vector<std::uint32_t> Simulator::failed_checks(int action, const Values &state,
                                                    const Values &inputs) const {
  const ir::Action &a = ts_.actions.at(action);
  std::vector<std::uint32_t> out;
  begin_generation();
  for (const ir::Check &c : a.checks) {
    if (!eval_in_generation(c.reach, state, inputs) || eval_in_generation(c.cond, state, inputs)) continue;
    if (std::find(out.begin(), out.end(), c.property) == out.end()) out.push_back(c.property);
  }
  return out;
}

std::string Simulator::check_inputs(const Values &inputs) const {
  std::ostringstream why;
  if (inputs.size() != ts_.inputs.size()) {
    why << "has " << inputs.size() << " input values but the model has " << ts_.inputs.size() << " inputs";
    return why.str();
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ir::Input &in = ts_.inputs[i];
    if (inputs[i] & ~ir::mask_of(in.sort.width)) {
      why << "input " << in.name << " = " << inputs[i] << " does not fit in " << in.sort.width << " bits";
      return why.str();
    }
    if (in.domain_size != 0 && inputs[i] >= in.domain_size) {
      why << "input " << in.name << " = " << inputs[i] << " is outside its domain [0, " << in.domain_size - 1
          << "]";
      return why.str();
    }
  }
  return {};
}

}  // namespace ctcheck::sim
