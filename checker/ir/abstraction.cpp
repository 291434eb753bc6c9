#include "ir/abstraction.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "ir/substitute.h"

namespace ctcheck::ir {
namespace {

unsigned msb_plus_one(std::uint64_t m) {
  unsigned n = 0;
  while (m) {
    ++n;
    m >>= 1;
  }
  return n;
}

// How many low bits of each node a set of root expressions needs. Nodes are
// hash-consed bottom-up, so a child's id is below its parent's: walking ids
// downward visits every parent before its children.
class Demand {
 public:
  explicit Demand(const ExprPool &pool) : pool_(pool) {}
  void need(ExprId e, unsigned bits) { raise(e, bits); }
  // Propagates, then returns the demand on each variable read.
  std::map<std::uint32_t, unsigned> variables() {
    std::map<std::uint32_t, unsigned> out;
    while (!demand_.empty()) {
      auto it = std::prev(demand_.end());
      const ExprId e = it->first;
      const unsigned d = it->second;
      demand_.erase(it);
      const Node &n = pool_.node(e);
      if (n.op == Op::Var) {
        unsigned &v = out[static_cast<std::uint32_t>(n.value)];
        v = std::max(v, d);
        continue;
      }
      push(n, d);
    }
    return out;
  }

 private:
  void raise(ExprId e, unsigned bits) {
    const unsigned w = pool_.sort(e).width;
    unsigned &d = demand_[e];
    d = std::max(d, std::min(bits, w));
  }
  unsigned full(ExprId e) const { return pool_.sort(e).width; }
  bool constant(ExprId e, std::uint64_t &value) const {
    const Node &n = pool_.node(e);
    value = n.value;
    return n.op == Op::Const;
  }
  void push(const Node &n, unsigned d) {
    const auto &a = n.args;
    std::uint64_t c = 0;
    switch (n.op) {
      case Op::Const:
      case Op::Var:
      case Op::Input:
        return;
      case Op::Ite:
        raise(a[0], 1);
        raise(a[1], d);
        raise(a[2], d);
        return;
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Neg:
      case Op::BvNot:
      case Op::BvOr:
      case Op::BvXor:
        for (ExprId x : a) raise(x, d);
        return;
      case Op::BvAnd:
        // A constant mask below 2^k makes the bits at and above k irrelevant.
        if (constant(a[1], c))
          raise(a[0], std::min(d, msb_plus_one(c)));
        else if (constant(a[0], c))
          raise(a[1], std::min(d, msb_plus_one(c)));
        else
          for (ExprId x : a) raise(x, d);
        return;
      case Op::Shl:
        if (constant(a[1], c))
          raise(a[0], c >= d ? 0 : static_cast<unsigned>(d - c));
        else
          raise(a[0], full(a[0]));
        raise(a[1], full(a[1]));
        return;
      case Op::LShr:
        if (constant(a[1], c))
          raise(a[0], c >= full(a[0]) ? 0 : std::min<unsigned>(full(a[0]), d + static_cast<unsigned>(c)));
        else
          raise(a[0], full(a[0]));
        raise(a[1], full(a[1]));
        return;
      case Op::Trunc:
      case Op::ZExt:
        raise(a[0], d);
        return;
      case Op::SExt:
        raise(a[0], d <= full(a[0]) ? d : full(a[0]));
        return;
      default:  // comparisons, boolean connectives, AShr: every bit counts
        for (ExprId x : a) raise(x, full(x));
        return;
    }
  }

  const ExprPool &pool_;
  std::map<ExprId, unsigned> demand_;
};

std::string where(const Action &a) {
  std::string s = a.loc.file.empty() ? "?" : a.loc.file + ":" + std::to_string(a.loc.line);
  if (!a.text.empty()) s += " (" + a.text + ")";
  return s;
}

// What an action observes in full: whether it is enabled and taken, its
// checks, and where its cost events are passed (`ctcheck cost` counts them on
// the narrowed system, cost/analysis.h).
void observe(Demand &d, const Action &a) {
  d.need(a.enabled, 1);
  d.need(a.guard, 1);
  for (const Check &c : a.checks) {
    d.need(c.reach, 1);
    d.need(c.cond, 1);
  }
  for (const CostEvent &c : a.costs) d.need(c.reach, 1);
}

}  // namespace

// The low bits of every variable the system can observe, as a fixpoint: the
// conditions, guards, assertions, cost events and properties need every bit they read, and
// a value stored into a variable needs as many bits as that variable does.
std::vector<unsigned> demanded_bits(const TransitionSystem &ts) {
  std::vector<unsigned> need(ts.vars.size(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    Demand d(ts.pool);
    for (const Action &a : ts.actions) {
      observe(d, a);
      for (const Update &u : a.updates) d.need(u.value, need[u.var]);
    }
    for (const Property &p : ts.properties)
      if (p.holds) d.need(*p.holds, 1);
    if (ts.init_constraint != 0) d.need(ts.init_constraint, 1);
    for (const auto &[v, bits] : d.variables())
      if (bits > need[v]) {
        need[v] = bits;
        changed = true;
      }
  }
  return need;
}

std::vector<std::string> check_abstraction(const TransitionSystem &ts, const std::vector<Abstraction> &abs) {
  std::vector<std::string> errors;
  for (const Abstraction &a : abs) {
    const StateVar &v = ts.vars.at(a.var);
    if (v.sort.is_bool || a.bits == 0 || a.bits >= v.sort.width)
      errors.push_back(v.name + ": cannot keep " + std::to_string(a.bits) + " of its " +
                       std::to_string(v.sort.width) + " bits");
  }
  if (!errors.empty()) return errors;
  const std::vector<unsigned> need = demanded_bits(ts);
  for (const Abstraction &a : abs) {
    if (need[a.var] <= a.bits) continue;
    // Name the statements whose reads need more than the kept bits, taking
    // the stores into abstracted variables at their kept bits (so `c++` is
    // not blamed for what a comparison elsewhere needs).
    std::unordered_map<std::uint32_t, unsigned> kept;
    for (const Abstraction &b : abs) kept[b.var] = b.bits;
    for (const Action &act : ts.actions) {
      Demand d(ts.pool);
      observe(d, act);
      for (const Update &u : act.updates) d.need(u.value, kept.count(u.var) ? kept.at(u.var) : need[u.var]);
      const auto reads = d.variables();
      auto it = reads.find(a.var);
      if (it != reads.end() && it->second > a.bits)
        errors.push_back(where(act) + ": depends on " + std::to_string(it->second) + " low bits of " +
                         ts.vars[a.var].name + ", only " + std::to_string(a.bits) + " are kept");
    }
    if (errors.empty())
      errors.push_back("a property or the initial constraint depends on more than the " +
                       std::to_string(a.bits) + " kept bits of " + ts.vars[a.var].name);
  }
  return errors;
}

std::vector<Abstraction> inferred_abstractions(const TransitionSystem &ts) {
  std::vector<bool> taken(ts.vars.size(), false);
  for (const Abstraction &a : ts.abstractions) taken[a.var] = true;
  for (const RelativeAbstraction &r : ts.relations) taken[r.counter] = taken[r.snap] = true;
  const std::vector<unsigned> need = demanded_bits(ts);
  std::vector<Abstraction> out;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    const StateVar &sv = ts.vars[v];
    if (sv.role != VarRole::Model || sv.sort.is_bool || taken[v] || need[v] >= sv.sort.width) continue;
    out.push_back({v, std::max(1u, need[v]), SourceLoc{}});
  }
  return out;
}

std::vector<Abstraction> explored_abstractions(const TransitionSystem &ts) {
  std::vector<Abstraction> out = ts.abstractions;
  for (const Abstraction &a : inferred_abstractions(ts)) out.push_back(a);
  return out;
}

std::vector<unsigned> narrowed_bits(const TransitionSystem &ts, const std::vector<Abstraction> &abs) {
  std::vector<unsigned> bits(ts.vars.size(), 0);
  for (const Abstraction &a : abs) bits[a.var] = a.bits;
  // The counters of relative abstractions (ir/relative.h) are not narrowed,
  // but their copies are, like those of a counter kept modulo 2^bits.
  std::vector<bool> source(ts.vars.size(), false), pair(ts.vars.size(), false);
  for (const Abstraction &a : abs) source[a.var] = true;
  for (const RelativeAbstraction &r : ts.relations)
    source[r.counter] = source[r.snap] = pair[r.counter] = pair[r.snap] = true;
  if (abs.empty() && ts.relations.empty()) return bits;
  // Narrow the copies too: any bit-vector that needs fewer bits than it has
  // and is written from an abstracted variable (else a snapshot would keep the
  // dropped high bits alive and the state space infinite).
  const std::vector<unsigned> need = demanded_bits(ts);
  for (const Action &a : ts.actions)
    for (const Update &u : a.updates) {
      const StateVar &sv = ts.vars[u.var];
      if (bits[u.var] || pair[u.var] || sv.sort.is_bool || need[u.var] >= sv.sort.width) continue;
      std::vector<std::uint32_t> reads;
      collect_vars(ts.pool, u.value, reads);
      for (std::uint32_t r : reads)
        if (source[r] && r != u.var) bits[u.var] = std::max(1u, need[u.var]);
    }
  return bits;
}

TransitionSystem apply_abstraction(const TransitionSystem &ts, const std::vector<Abstraction> &abs) {
  TransitionSystem out = ts;
  std::unordered_map<std::uint32_t, unsigned> bits;
  const std::vector<unsigned> narrow_to = narrowed_bits(ts, abs);
  for (std::uint32_t v = 0; v < narrow_to.size(); ++v)
    if (narrow_to[v]) bits[v] = narrow_to[v];
  Substitution narrow(out.pool, [&](std::uint32_t v) -> std::optional<ExprId> {
    auto it = bits.find(v);
    if (it == bits.end()) return std::nullopt;
    return out.pool.extend(Op::ZExt, out.pool.var(v, Sort::bv(it->second)), ts.vars[v].sort.width);
  });
  auto rewrite = [&](ExprId e) { return narrow.apply(e); };
  for (Action &a : out.actions) {
    a.enabled = rewrite(a.enabled);
    a.guard = rewrite(a.guard);
    for (Check &c : a.checks) {
      c.reach = rewrite(c.reach);
      c.cond = rewrite(c.cond);
    }
    for (CostEvent &c : a.costs) c.reach = rewrite(c.reach);
    for (Update &u : a.updates) {
      u.value = rewrite(u.value);
      auto it = bits.find(u.var);
      if (it != bits.end()) u.value = out.pool.extend(Op::Trunc, u.value, it->second);
    }
  }
  for (Property &p : out.properties)
    if (p.holds) p.holds = rewrite(*p.holds);
  if (out.init_constraint != 0) out.init_constraint = rewrite(out.init_constraint);
  for (const auto &[v, b] : bits) {
    StateVar &sv = out.vars[v];
    sv.sort = Sort::bv(b);
    if (sv.init) *sv.init &= mask_of(b);
  }
  out.abstractions.clear();
  return out;
}

}  // namespace ctcheck::ir
