// Sharing local slots by liveness (reduce.h, part 2).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "ir/abstraction.h"
#include "ir/reduce.h"
#include "ir/substitute.h"

namespace ctcheck::ir {
namespace {

using VarSet = std::set<std::uint32_t>;

bool is_local_role(VarRole r) { return r == VarRole::Local || r == VarRole::Ghost; }

VarSet locals_read(const TransitionSystem &ts, const Action &a, const std::vector<bool> &mine) {
  std::vector<std::uint32_t> vs;
  collect_vars(ts.pool, a.guard, vs);
  for (const Update &u : a.updates) collect_vars(ts.pool, u.value, vs);
  for (const Check &c : a.checks) {
    collect_vars(ts.pool, c.reach, vs);
    collect_vars(ts.pool, c.cond, vs);
  }
  VarSet out;
  for (std::uint32_t v : vs)
    if (mine[v]) out.insert(v);
  return out;
}

VarSet locals_written(const Action &a, const std::vector<bool> &mine) {
  VarSet out;
  for (const Update &u : a.updates)
    if (mine[u.var]) out.insert(u.var);
  return out;
}

// Liveness of one CPU's context level: live-in per pc, live-out per action.
struct Liveness {
  std::map<std::uint64_t, VarSet> in;  // pc -> locals live before the step at that pc
  std::map<std::size_t, VarSet> out;   // action -> locals live after it
};

Liveness liveness(const TransitionSystem &ts, int cpu, int level, const std::vector<bool> &mine) {
  const std::uint32_t pc = ts.cpus[cpu].pc[level];
  VarSet all;
  for (std::uint32_t v = 0; v < mine.size(); ++v)
    if (mine[v]) all.insert(v);
  std::vector<std::size_t> execs, delivers;
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const Action &a = ts.actions[i];
    if (a.cpu != cpu || a.level != level) continue;
    if (a.kind == ActionKind::Exec) execs.push_back(i);
    if (a.kind == ActionKind::Deliver) delivers.push_back(i);
  }
  // Where control goes after each action (nullopt: anywhere).
  std::map<std::size_t, std::optional<std::vector<std::uint64_t>>> succ;
  for (std::size_t i : execs) {
    succ[i] = std::vector<std::uint64_t>{ts.actions[i].pc};
    for (const Update &u : ts.actions[i].updates)
      if (u.var == pc) succ[i] = constant_leaves(ts.pool, u.value);
  }
  for (std::size_t i : delivers) {
    succ[i] = std::nullopt;
    for (const Update &u : ts.actions[i].updates)
      if (u.var == pc) succ[i] = constant_leaves(ts.pool, u.value);
  }
  Liveness lv;
  auto live_out = [&](std::size_t i) {
    if (!succ[i]) return all;
    VarSet o;
    for (std::uint64_t q : *succ[i]) {
      auto it = lv.in.find(q);
      if (it != lv.in.end()) o.insert(it->second.begin(), it->second.end());
    }
    return o;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = execs.rbegin(); it != execs.rend(); ++it) {
      const Action &a = ts.actions[*it];
      VarSet in = locals_read(ts, a, mine);
      const VarSet def = locals_written(a, mine);
      for (std::uint32_t v : live_out(*it))
        if (!def.count(v)) in.insert(v);
      VarSet &cur = lv.in[a.pc];
      if (in != cur) {
        cur = std::move(in);
        changed = true;
      }
    }
  }
  for (std::size_t i : execs) lv.out[i] = live_out(i);
  for (std::size_t i : delivers) lv.out[i] = live_out(i);
  return lv;
}

}  // namespace

void share_slots(Reduction &r) {
  TransitionSystem &ts = r.ts;
  const std::size_t n = ts.vars.size();
  // Locals an abstraction narrows (a snapshot of a counter kept modulo 2^b)
  // share only with locals narrowed alike, so the narrowed system's slots are
  // the same variables.
  const std::vector<unsigned> narrow = narrowed_bits(ts, ts.abstractions);
  std::vector<std::int64_t> slot_of(n, -1);                // local -> slot number within its (cpu, level)
  std::map<std::pair<int, int>, std::vector<Sort>> slots;  // (cpu, level) -> slot sorts
  std::map<std::pair<int, int>, Liveness> lives;
  for (std::size_t c = 0; c < ts.cpus.size(); ++c)
    for (int l = 0; l < ts.levels; ++l) {
      std::vector<bool> mine(n, false);
      std::vector<std::uint32_t> members;
      for (std::uint32_t v = 0; v < n; ++v)
        if (is_local_role(ts.vars[v].role) && ts.vars[v].cpu == static_cast<int>(c) &&
            ts.vars[v].level == l) {
          mine[v] = true;
          members.push_back(v);
        }
      if (members.empty()) continue;
      Liveness lv = liveness(ts, static_cast<int>(c), l, mine);
      // Interference: two locals live at the same point.
      std::map<std::uint32_t, VarSet> clash;
      auto add_point = [&](const VarSet &s) {
        for (std::uint32_t a : s)
          for (std::uint32_t b : s)
            if (a != b) clash[a].insert(b);
      };
      for (const auto &[pc, s] : lv.in) add_point(s);
      for (const auto &[i, s] : lv.out) add_point(s);
      // Greedy colouring in variable order, one colour class per sort (and
      // narrowing).
      std::vector<Sort> &sorts = slots[{static_cast<int>(c), l}];
      std::vector<VarSet> held;  // slot -> locals in it
      std::vector<unsigned> slot_narrow;
      for (std::uint32_t v : members) {
        std::size_t s = 0;
        for (; s < sorts.size(); ++s) {
          if (sorts[s] != ts.vars[v].sort || slot_narrow[s] != narrow[v]) continue;
          bool free = true;
          for (std::uint32_t w : held[s]) free &= !clash[v].count(w);
          if (free) break;
        }
        if (s == sorts.size()) {
          sorts.push_back(ts.vars[v].sort);
          slot_narrow.push_back(narrow[v]);
          held.emplace_back();
        }
        held[s].insert(v);
        slot_of[v] = static_cast<std::int64_t>(s);
      }
      lives[{static_cast<int>(c), l}] = std::move(lv);
    }

  // The new variables: every non-local as before, then the slots.
  std::vector<StateVar> vars;
  std::vector<std::uint32_t> new_index(n, 0);
  r.var_origin.clear();
  for (std::uint32_t v = 0; v < n; ++v) {
    if (slot_of[v] >= 0) continue;
    new_index[v] = static_cast<std::uint32_t>(vars.size());
    vars.push_back(ts.vars[v]);
    r.var_origin.push_back(v);
  }
  std::map<std::tuple<int, int, std::int64_t>, std::uint32_t> slot_var;
  for (const auto &[key, sorts] : slots)
    for (std::size_t s = 0; s < sorts.size(); ++s) {
      StateVar sv;
      sv.name =
          "cpu" + std::to_string(key.first) + ".l" + std::to_string(key.second) + ".slot" + std::to_string(s);
      sv.sort = sorts[s];
      sv.role = VarRole::Local;
      sv.cpu = key.first;
      sv.level = key.second;
      sv.init = 0;
      sv.type_name = sorts[s].is_bool ? "bool" : "u" + std::to_string(sorts[s].width);
      slot_var[{key.first, key.second, static_cast<std::int64_t>(s)}] =
          static_cast<std::uint32_t>(vars.size());
      vars.push_back(sv);
      r.var_origin.push_back(-1);
    }
  auto target = [&](std::uint32_t v) {
    if (slot_of[v] < 0) return new_index[v];
    return slot_var.at({ts.vars[v].cpu, ts.vars[v].level, slot_of[v]});
  };
  Substitution rename(ts.pool, [&](std::uint32_t v) -> std::optional<ExprId> {
    return ts.pool.var(target(v), ts.vars[v].sort);
  });

  std::vector<Action> actions;
  for (std::size_t i = 0; i < ts.actions.size(); ++i) {
    const Action &a = ts.actions[i];
    Action b = a;
    b.enabled = rename.apply(a.enabled);
    b.guard = rename.apply(a.guard);
    for (Check &c : b.checks) {
      c.reach = rename.apply(c.reach);
      c.cond = rename.apply(c.cond);
    }
    for (CostEvent &c : b.costs) c.reach = rename.apply(c.reach);
    b.updates.clear();
    auto lv_it = lives.find({a.cpu, a.level});
    const Liveness *lv = lv_it == lives.end() ? nullptr : &lv_it->second;
    const VarSet none;
    const VarSet &out = lv && lv->out.count(i) ? lv->out.at(i) : none;
    const VarSet &in = lv && a.kind == ActionKind::Exec && lv->in.count(a.pc) ? lv->in.at(a.pc) : none;
    // Per slot: the value of its one local still live after the step, else 0
    // once any of its locals was live before or written here.
    std::map<std::uint32_t, std::optional<ExprId>> slot_updates;  // nullopt: keep
    auto touch = [&](std::uint32_t v) {
      const std::uint32_t s = target(v);
      if (!slot_updates.count(s)) slot_updates[s] = ts.pool.constant(ts.vars[v].sort, 0);
    };
    for (std::uint32_t v : in) touch(v);
    for (const Update &u : a.updates) {
      if (slot_of[u.var] < 0) {
        b.updates.push_back({target(u.var), rename.apply(u.value)});
        continue;
      }
      touch(u.var);
    }
    if (a.kind != ActionKind::Return)
      for (std::uint32_t v : out) {
        const std::uint32_t s = target(v);
        slot_updates[s] = std::nullopt;  // keeps its value unless written below
        for (const Update &u : a.updates)
          if (u.var == v) slot_updates[s] = rename.apply(u.value);
      }
    for (const auto &[s, val] : slot_updates)
      if (val) b.updates.push_back({s, *val});
    std::sort(b.updates.begin(), b.updates.end(),
              [](const Update &x, const Update &y) { return x.var < y.var; });
    actions.push_back(std::move(b));
  }
  for (Property &p : ts.properties)
    if (p.holds) p.holds = rename.apply(*p.holds);
  if (ts.init_constraint != 0) ts.init_constraint = rename.apply(ts.init_constraint);
  for (CpuLayout &cl : ts.cpus) {
    cl.irq_flag = target(cl.irq_flag);
    cl.user_mode = target(cl.user_mode);
    cl.depth = target(cl.depth);
    for (auto *list : {&cl.source, &cl.pc, &cl.saved_if, &cl.saved_user})
      for (std::uint32_t &v : *list) v = target(v);
  }
  ts.vars = std::move(vars);
  ts.actions = std::move(actions);
  rebuild_tables(ts);
}

Reduction reduce(const TransitionSystem &ts, const ReduceOptions &opts) {
  Reduction r;
  r.original_actions = ts.actions.size();
  r.original_bits = state_bits(ts);
  if (opts.merge_steps) {
    merge_steps(ts, r);
  } else {
    r.ts = ts;
    for (std::size_t i = 0; i < ts.actions.size(); ++i) r.action_origin.push_back(static_cast<int>(i));
    r.absorbed.assign(ts.cpus.size(), std::vector<std::vector<bool>>(static_cast<std::size_t>(ts.levels)));
  }
  if (opts.share_slots) {
    share_slots(r);
  } else {
    r.var_origin.clear();
    for (std::size_t v = 0; v < ts.vars.size(); ++v) r.var_origin.push_back(static_cast<std::int64_t>(v));
  }
  // Declared abstractions name model variables, which keep their values
  // (not their indices) in the reduced system.
  r.ts.abstractions.clear();
  for (const Abstraction &a : ts.abstractions)
    for (std::size_t v = 0; v < r.var_origin.size(); ++v)
      if (r.var_origin[v] == static_cast<std::int64_t>(a.var))
        r.ts.abstractions.push_back({static_cast<std::uint32_t>(v), a.bits, a.loc});
  r.ts.relations.clear();
  auto reduced = [&](std::uint32_t original) {
    for (std::size_t v = 0; v < r.var_origin.size(); ++v)
      if (r.var_origin[v] == static_cast<std::int64_t>(original)) return static_cast<std::uint32_t>(v);
    throw std::logic_error("a variable of a relative abstraction vanished in the reduction");
  };
  for (const RelativeAbstraction &a : ts.relations)
    r.ts.relations.push_back({reduced(a.snap), reduced(a.counter), a.bits, a.up_to, a.loc});
  return r;
}

}  // namespace ctcheck::ir
