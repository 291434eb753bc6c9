#include "engines/witness.h"

#include <unordered_set>

namespace ctcheck::engines {
namespace {

std::uint64_t as_value(const z3::expr &e) {
  if (e.is_bool()) return e.is_true() ? 1 : 0;
  return e.get_numeral_uint64();
}

// Inputs an action really reads: its declared list plus every input leaf of
// its expressions, so a stale `inputs` list cannot zero a value that matters.
std::vector<bool> inputs_read(const ir::TransitionSystem &ts, const ir::Action &a) {
  std::vector<bool> reads(ts.inputs.size(), false);
  for (std::uint32_t i : a.inputs)
    if (i < reads.size()) reads[i] = true;
  std::vector<ir::ExprId> todo{a.enabled, a.guard};
  for (const ir::Update &u : a.updates) todo.push_back(u.value);
  for (const ir::Check &c : a.checks) {
    todo.push_back(c.reach);
    todo.push_back(c.cond);
  }
  std::unordered_set<ir::ExprId> seen;
  while (!todo.empty()) {
    ir::ExprId e = todo.back();
    todo.pop_back();
    if (!seen.insert(e).second) continue;
    const ir::Node &n = ts.pool.node(e);
    if (n.op == ir::Op::Input && n.value < reads.size()) reads[n.value] = true;
    for (ir::ExprId x : n.args) todo.push_back(x);
  }
  return reads;
}

}  // namespace

WitnessReader::WitnessReader(Unroller &u) : u_(u), ts_(u.system()) {
  for (const ir::Action &a : ts_.actions) reads_.push_back(inputs_read(ts_, a));
}

Snapshot WitnessReader::read(const z3::model &m, int depth) {
  Snapshot s;
  s.depth = depth;
  for (int t = 0; t <= depth; ++t) {
    std::vector<std::uint64_t> vars, inputs;
    for (std::uint32_t v = 0; v < ts_.vars.size(); ++v) vars.push_back(as_value(m.eval(u_.var(v, t), true)));
    for (std::uint32_t i = 0; i < ts_.inputs.size(); ++i)
      inputs.push_back(as_value(m.eval(u_.input(i, t), true)));
    s.vars.push_back(std::move(vars));
    s.inputs.push_back(std::move(inputs));
    const int action = u_.action_of(as_value(m.eval(u_.act(t), true)), s.vars.back());
    s.act.push_back(action < 0 ? ~std::uint64_t{0} : static_cast<std::uint64_t>(action));
  }
  return s;
}

std::vector<std::uint64_t> WitnessReader::step_inputs(const Snapshot &s, int t) const {
  std::vector<std::uint64_t> in = s.inputs.at(t);
  const std::uint64_t a = s.act.at(t);
  for (std::size_t i = 0; i < in.size(); ++i)
    if (a >= reads_.size() || !reads_[a][i]) in[i] = 0;
  return in;
}

core::Trace WitnessReader::trace(const Snapshot &s, std::uint32_t property) const {
  core::Trace t;
  t.property = property;
  t.initial = s.vars.at(0);
  for (int k = 0; k < s.depth; ++k) {
    core::TraceStep step;
    step.action = static_cast<int>(s.act[k]);
    step.inputs = step_inputs(s, k);
    step.state = s.vars[k + 1];
    t.steps.push_back(std::move(step));
  }
  if (ts_.properties.at(property).kind == ir::PropertyKind::Assertion) {
    t.violating_action = static_cast<int>(s.act.at(s.depth));
    t.violating_inputs = step_inputs(s, s.depth);
  }
  return t;
}

}  // namespace ctcheck::engines
