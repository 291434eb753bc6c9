// Merging local steps into the visible step before them (reduce.h, part 1).
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "ir/reduce.h"
#include "ir/substitute.h"

namespace ctcheck::ir {
namespace {

using Absorbed = std::vector<std::vector<std::vector<bool>>>;

bool is_true(const ExprPool &pool, ExprId e) {
  const Node &n = pool.node(e);
  return n.op == Op::Const && n.sort.is_bool && n.value != 0;
}

// Every variable an action reads (guard, updates, checks), without `enabled`
// (which only tests the context's position).
std::vector<std::uint32_t> reads_of(const TransitionSystem &ts, const Action &a) {
  std::vector<std::uint32_t> out;
  collect_vars(ts.pool, a.guard, out);
  for (const Update &u : a.updates) collect_vars(ts.pool, u.value, out);
  for (const Check &c : a.checks) {
    collect_vars(ts.pool, c.reach, out);
    collect_vars(ts.pool, c.cond, out);
  }
  return out;
}

bool own_local(const TransitionSystem &ts, const Action &a, std::uint32_t v) {
  const StateVar &sv = ts.vars[v];
  return (sv.role == VarRole::Local || sv.role == VarRole::Ghost) && sv.cpu == a.cpu && sv.level == a.level;
}

// The step touches nothing another context (or a handler on this CPU) can see
// or change: see reduce.h.
bool is_local(const TransitionSystem &ts, const Action &a) {
  if (a.kind != ActionKind::Exec || a.fault_point || !is_true(ts.pool, a.guard)) return false;
  const CpuLayout &cl = ts.cpus.at(a.cpu);
  const std::uint32_t pc = cl.pc.at(a.level);
  for (const Update &u : a.updates)
    if (u.var != pc && !own_local(ts, a, u.var)) return false;
  for (std::uint32_t v : reads_of(ts, a)) {
    if (own_local(ts, a, v) || v == pc) continue;
    // Read-only machine state of this context: its saved frame, and this
    // CPU's IF and mode (a handler that interrupts it restores both).
    if (v == cl.irq_flag || v == cl.user_mode) continue;
    if (a.level >= 1 && (v == cl.saved_if.at(a.level) || v == cl.saved_user.at(a.level))) continue;
    return false;
  }
  return true;
}

// The pcs at which a context starts: the task's initial pc and every handler's
// first pc (written by Deliver). They stay visible.
std::set<std::uint64_t> start_pcs(const TransitionSystem &ts, int cpu, int level) {
  std::set<std::uint64_t> out;
  const std::uint32_t pc = ts.cpus[cpu].pc[level];
  if (level == 0 && ts.vars[pc].init) out.insert(*ts.vars[pc].init);
  for (const Action &a : ts.actions)
    if (a.kind == ActionKind::Deliver && a.cpu == cpu && a.level == level)
      for (const Update &u : a.updates)
        if (u.var == pc)
          if (auto leaves = constant_leaves(ts.pool, u.value)) out.insert(leaves->begin(), leaves->end());
  return out;
}

std::uint32_t pc_var(const TransitionSystem &ts, const Action &a) { return ts.cpus.at(a.cpu).pc.at(a.level); }

// Where control goes after `a`: the leaves of its pc update (nullopt: unknown).
std::optional<std::vector<std::uint64_t>> successors(const TransitionSystem &ts, const Action &a) {
  const std::uint32_t pc = pc_var(ts, a);
  for (const Update &u : a.updates)
    if (u.var == pc) return constant_leaves(ts.pool, u.value);
  return std::vector<std::uint64_t>{a.pc};
}

int exec_at(const TransitionSystem &ts, int cpu, int level, std::uint64_t pc) {
  const auto &row = ts.exec_at.at(cpu).at(level);
  return pc < row.size() ? row[pc] : -1;
}

// A cycle of local steps would make a merged step endless: keep one of its
// steps visible. Repeats a depth-first search until no back edge is left.
void break_cycles(const TransitionSystem &ts, int cpu, int level, std::vector<bool> &absorbed) {
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<int> color(absorbed.size(), 0);  // 0 new, 1 on the stack, 2 done
    for (std::size_t root = 0; root < absorbed.size() && !changed; ++root) {
      if (!absorbed[root] || color[root]) continue;
      std::vector<std::pair<std::uint64_t, std::size_t>> stack{{root, 0}};
      color[root] = 1;
      while (!stack.empty() && !changed) {
        auto &[p, next] = stack.back();
        const Action &a = ts.actions[exec_at(ts, cpu, level, p)];
        const std::vector<std::uint64_t> succ = successors(ts, a).value_or(std::vector<std::uint64_t>{});
        if (next >= succ.size()) {
          color[p] = 2;
          stack.pop_back();
          continue;
        }
        const std::uint64_t q = succ[next++];
        if (q >= absorbed.size() || !absorbed[q]) continue;
        if (color[q] == 1) {  // back edge: q stays visible
          absorbed[q] = false;
          changed = true;
        } else if (color[q] == 0) {
          color[q] = 1;
          stack.emplace_back(q, 0);
        }
      }
    }
  }
}

// The visible step `first` followed by every local step control reaches from
// it, as one action (updates composed by substitution; checks of the local
// steps guarded by the path that reaches them and by `first`'s guard).
Action merged_step(const TransitionSystem &ts, ExprPool &pool, const Action &first,
                   const std::vector<bool> &absorbed) {
  const std::uint32_t pc = pc_var(ts, first);
  std::map<std::uint32_t, ExprId> cur;  // variable -> value after the steps so far
  for (const Update &u : first.updates) cur[u.var] = u.value;
  Action m = first;
  auto value = [&](std::uint32_t v) { return cur.count(v) ? cur.at(v) : pool.var(v, ts.vars[v].sort); };
  for (;;) {
    const ExprId at = value(pc);
    const std::optional<std::vector<std::uint64_t>> leaves = constant_leaves(pool, at);
    if (!leaves) break;
    std::vector<std::uint64_t> targets;
    for (std::uint64_t p : *leaves)
      if (p < absorbed.size() && absorbed[p]) targets.push_back(p);
    if (targets.empty()) break;
    std::sort(targets.begin(), targets.end());
    Substitution before(pool, [&](std::uint32_t v) -> std::optional<ExprId> {
      auto it = cur.find(v);
      return it == cur.end() ? std::nullopt : std::optional<ExprId>(it->second);
    });
    std::map<std::uint32_t, ExprId> next = cur;
    std::map<std::uint64_t, ExprId> successor_pc;  // absorbed leaf -> pc after its step
    auto absorbed_leaf = [&](std::uint64_t p) { return successor_pc.count(p) > 0; };
    auto next_pc_of = [&](std::uint64_t p) { return successor_pc.at(p); };
    for (std::uint64_t p : targets) {
      const Action &l = ts.actions[exec_at(ts, first.cpu, first.level, p)];
      const ExprId here = pool.eq(at, pool.constant(ts.vars[pc].sort, p));
      std::vector<std::pair<std::uint32_t, ExprId>> values;
      for (const Update &u : l.updates) values.emplace_back(u.var, before.apply(u.value));
      successor_pc[p] = pool.constant(ts.vars[pc].sort, p);  // no pc update: stays (cannot happen for Exec)
      for (const auto &[v, val] : values)
        if (v == pc) successor_pc[p] = val;
      for (const Check &c : l.checks)
        m.checks.push_back({c.property, pool.land(pool.land(here, first.guard), before.apply(c.reach)),
                            before.apply(c.cond), c.loc, c.message});
      for (const CostEvent &c : l.costs) {  // the merged step pays what its statements pay, in order
        CostEvent carried = c;
        carried.reach = pool.land(here, before.apply(c.reach));
        m.costs.push_back(std::move(carried));
      }
      for (auto &[v, val] : values) {
        const ExprId old = next.count(v) ? next.at(v) : value(v);
        next[v] = pool.ite(here, val, old);
      }
      for (std::uint32_t i : l.inputs)
        if (std::find(m.inputs.begin(), m.inputs.end(), i) == m.inputs.end()) m.inputs.push_back(i);
    }
    // The pc after this round, exactly: each leaf of `at` either stays (a
    // visible step comes next) or becomes the successor of its local step.
    // (next[pc] as built above keeps `at` in its else branches, whose absorbed
    // leaves are unreachable but would never let the loop end.)
    ExprId new_pc = pool.constant(ts.vars[pc].sort, leaves->back());
    if (absorbed_leaf(leaves->back())) new_pc = next_pc_of(leaves->back());
    for (auto it = std::next(leaves->rbegin()); it != leaves->rend(); ++it) {
      const ExprId leaf = pool.constant(ts.vars[pc].sort, *it);
      new_pc = pool.ite(pool.eq(at, leaf), absorbed_leaf(*it) ? next_pc_of(*it) : leaf, new_pc);
    }
    next[pc] = new_pc;
    cur = std::move(next);
  }
  m.updates.clear();
  for (const auto &[v, val] : cur) m.updates.push_back({v, val});
  return m;
}

}  // namespace

void rebuild_tables(TransitionSystem &ts) {
  std::size_t width = 0;  // pcs past the table have no action (the simulator's lookup says -1)
  for (const Action &a : ts.actions)
    if (a.kind == ActionKind::Exec) width = std::max<std::size_t>(width, a.pc + 1);
  const std::size_t cpus = ts.cpus.size(), levels = static_cast<std::size_t>(std::max(ts.levels, 1));
  ts.exec_at.assign(cpus, std::vector<std::vector<int>>(levels, std::vector<int>(width, -1)));
  ts.deliver_at.assign(cpus, std::vector<std::vector<int>>(levels, std::vector<int>(ts.sources.size(), -1)));
  ts.return_at.assign(cpus, std::vector<int>(levels, -1));
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const Action &a = ts.actions[i];
    const int idx = static_cast<int>(i);
    switch (a.kind) {
      case ActionKind::Exec:
        if (a.pc < width) ts.exec_at[a.cpu][a.level][a.pc] = idx;
        break;
      case ActionKind::Deliver:
        ts.deliver_at[a.cpu][a.level][a.source - 1] = idx;
        break;
      case ActionKind::Return:
        ts.return_at[a.cpu][a.level] = idx;
        break;
    }
  }
}

void merge_steps(const TransitionSystem &ts, Reduction &out) {
  out.absorbed.assign(ts.cpus.size(), std::vector<std::vector<bool>>(static_cast<std::size_t>(ts.levels)));
  for (std::size_t c = 0; c < ts.cpus.size(); ++c)
    for (int l = 0; l < ts.levels; ++l) {
      std::vector<bool> &abs = out.absorbed[c][l];
      const auto &row = ts.exec_at.at(c).at(l);
      abs.assign(row.size(), false);
      const std::set<std::uint64_t> starts = start_pcs(ts, static_cast<int>(c), l);
      for (std::size_t p = 0; p < row.size(); ++p)
        abs[p] = row[p] >= 0 && !starts.count(p) && is_local(ts, ts.actions[row[p]]) &&
                 successors(ts, ts.actions[row[p]]).has_value();
      break_cycles(ts, static_cast<int>(c), l, abs);
    }
  out.ts = ts;
  out.ts.actions.clear();
  out.action_origin.clear();
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const Action &a = ts.actions[i];
    if (a.kind == ActionKind::Exec) {
      const std::vector<bool> &abs = out.absorbed[a.cpu][a.level];
      if (a.pc < abs.size() && abs[a.pc]) continue;
      out.ts.actions.push_back(merged_step(ts, out.ts.pool, a, abs));
    } else {
      out.ts.actions.push_back(a);
    }
    out.action_origin.push_back(static_cast<int>(i));
  }
  rebuild_tables(out.ts);
}

}  // namespace ctcheck::ir
