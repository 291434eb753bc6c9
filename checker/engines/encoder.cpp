#include "engines/encoder.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace ctcheck::engines {

// The who-writes-what and who-checks-what tables are built once, so each
// frame's ite chains and bad formulas cost one pass over them.
Encoder::Encoder(Unroller &u) : u_(u), ts_(u.system()) {
  writers_.resize(ts_.vars.size());
  checks_of_.resize(ts_.properties.size());
  for (std::size_t a = 0; a < ts_.actions.size(); ++a) {
    const ir::Action &act = ts_.actions[a];
    for (const ir::Update &up : act.updates) {
      if (up.var >= ts_.vars.size()) throw std::logic_error("Encoder: update of an unknown variable");
      std::vector<Writer> &w = writers_[up.var];
      // Updates are parallel assignments: one value per variable and action.
      if (!w.empty() && w.back().action == static_cast<int>(a))
        throw std::logic_error("Encoder: action " + std::to_string(a) + " writes a variable twice");
      w.push_back({static_cast<int>(a), up.value});
    }
    for (const ir::Check &c : act.checks) {
      if (c.property >= ts_.properties.size())
        throw std::logic_error("Encoder: check of an unknown property");
      std::vector<ActionChecks> &list = checks_of_[c.property];
      if (list.empty() || list.back().action != static_cast<int>(a))
        list.push_back({static_cast<int>(a), {}});
      list.back().checks.push_back(&c);
    }
  }
}

z3::expr Encoder::initial() {
  z3::expr_vector parts(u_.ctx());
  for (std::uint32_t v = 0; v < ts_.vars.size(); ++v) {
    const ir::StateVar &sv = ts_.vars[v];
    if (!sv.init) continue;
    parts.push_back(u_.var(v, 0) == u_.value(sv.sort, *sv.init));
  }
  // As in the simulator: init_constraint 0 means unset, not node #0.
  if (ts_.init_constraint != 0) parts.push_back(u_.at(ts_.init_constraint, 0));
  return z3::mk_and(parts);
}

z3::expr Encoder::frame(int k) {
  z3::expr_vector parts(u_.ctx());
  for (std::uint32_t i = 0; i < ts_.inputs.size(); ++i) {
    const ir::Input &in = ts_.inputs[i];
    if (in.domain_size == 0 || in.domain_size > ir::mask_of(in.sort.width)) continue;
    if (in.sort.is_bool)  // domain_size 1: only false
      parts.push_back(!u_.input(i, k));
    else
      parts.push_back(z3::ult(u_.input(i, k), u_.ctx().bv_val(in.domain_size, in.sort.width)));
  }
  return z3::mk_and(parts);
}

z3::expr Encoder::transition(int k) {
  z3::context &ctx = u_.ctx();
  const std::size_t n = ts_.actions.size();
  if (n == 0) return ctx.bool_val(false);  // no action: no step
  z3::expr_vector parts(ctx);
  if (u_.moves() < (std::size_t{1} << u_.act_width()))
    parts.push_back(z3::ult(u_.act(k), ctx.bv_val(static_cast<std::uint64_t>(u_.moves()), u_.act_width())));
  // sel -> fires is the whole semantics; the redundant "some action fires"
  // disjunction lets unit propagation pick the selector from the few actions
  // enabled in a state instead of searching the selector bits (4x fewer
  // decisions on the kernel models).
  z3::expr_vector some(ctx);
  for (std::size_t a = 0; a < n; ++a) {
    const ir::Action &act = ts_.actions[a];
    z3::expr fires = u_.at(act.enabled, k) && u_.at(act.guard, k);
    z3::expr sel = u_.selects(static_cast<int>(a), k);
    parts.push_back(z3::implies(sel, fires));
    some.push_back(sel && fires);
  }
  parts.push_back(z3::mk_or(some));
  for (std::uint32_t v = 0; v < ts_.vars.size(); ++v) {
    // Writers with the same new value share one branch (many statements set
    // IF, a pc or a flag to the same constant).
    const std::vector<Writer> &w = writers_[v];
    std::vector<std::pair<ir::ExprId, std::vector<int>>> groups;
    for (const Writer &x : w) {
      auto g = std::find_if(groups.begin(), groups.end(), [&](const auto &e) { return e.first == x.value; });
      if (g == groups.end())
        groups.push_back({x.value, {x.action}});
      else
        g->second.push_back(x.action);
    }
    z3::expr next = u_.var(v, k);
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
      z3::expr_vector sel(ctx);
      for (int a : it->second) sel.push_back(u_.selects(a, k));
      next = z3::ite(z3::mk_or(sel), u_.at(it->first, k), next);
    }
    parts.push_back(u_.var(v, k + 1) == next);
  }
  return z3::mk_and(parts);
}

z3::expr Encoder::step(int action, int k) {
  const ir::Action &act = ts_.actions.at(static_cast<std::size_t>(action));
  z3::expr_vector parts(u_.ctx());
  parts.push_back(u_.selects(action, k));
  parts.push_back(u_.at(act.enabled, k));
  parts.push_back(u_.at(act.guard, k));
  std::vector<std::optional<ir::ExprId>> written(ts_.vars.size());
  for (const ir::Update &up : act.updates) written[up.var] = up.value;
  for (std::uint32_t v = 0; v < ts_.vars.size(); ++v)
    parts.push_back(u_.var(v, k + 1) == (written[v] ? u_.at(*written[v], k) : u_.var(v, k)));
  return z3::mk_and(parts);
}

bool Encoder::may_fail(std::uint32_t p) const {
  const ir::Property &prop = ts_.properties.at(p);
  if (prop.kind == ir::PropertyKind::Invariant) {
    if (!prop.holds) return false;
    const ir::Node &h = ts_.pool.node(*prop.holds);
    return !(h.op == ir::Op::Const && h.value != 0);
  }
  return !checks_of_.at(p).empty();
}

z3::expr Encoder::bad(std::uint32_t p, int k) {
  z3::context &ctx = u_.ctx();
  const ir::Property &prop = ts_.properties.at(p);
  if (prop.kind == ir::PropertyKind::Invariant)
    return prop.holds ? !u_.at(*prop.holds, k) : ctx.bool_val(false);
  z3::expr_vector any(ctx);
  for (const ActionChecks &ac : checks_of_.at(p)) {
    const ir::Action &act = ts_.actions[ac.action];
    z3::expr_vector fails(ctx);
    for (const ir::Check *c : ac.checks) fails.push_back(u_.at(c->reach, k) && !u_.at(c->cond, k));
    any.push_back(u_.selects(ac.action, k) && u_.at(act.enabled, k) && z3::mk_or(fails));
  }
  return z3::mk_or(any);
}

}  // namespace ctcheck::engines
