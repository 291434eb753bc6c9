#include "cost/analysis.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <unordered_map>

#include "engines/explore.h"
#include "ir/abstraction.h"
#include "ir/reduce.h"
#include "sim/simulator.h"

namespace ctcheck::cost {
namespace {

using ir::CostKind;
using sim::Values;
constexpr std::size_t K = ir::kCostKinds;
using Counts = std::array<std::uint64_t, K>;

struct ValuesHash {
  std::size_t operator()(const Values &v) const {
    std::uint64_t h = 1469598103934665603ull;
    for (std::uint64_t x : v) h = (h ^ x) * 1099511628211ull + (h >> 29);
    return static_cast<std::size_t>(h);
  }
};

std::uint64_t total(const Counts &c) {
  std::uint64_t t = 0;
  for (std::uint64_t x : c) t += x;
  return t;
}

// The rest of a path from one state, for the paths with no schedule()
// (class 0) or with one at least (class 1): per event the least and the most,
// and the first step of the path with the most events in total.
struct Summary {
  bool any = false;
  Counts min{}, max{};
  std::uint64_t weight = 0;
  int action = -1;  // first step of the heaviest path (-1: none)
  Values inputs;
  const Values *next = nullptr;  // the state after it; null when that step ends the path

  void add(const Counts &edge, const Summary *rest, int a, const Values &in, const Values *nx) {
    Counts lo = edge, hi = edge;
    std::uint64_t w = total(edge);
    if (rest) {
      for (std::size_t k = 0; k < K; ++k) lo[k] += rest->min[k], hi[k] += rest->max[k];
      w += rest->weight;
    }
    if (!any) {
      any = true, min = lo, max = hi;
    } else {
      for (std::size_t k = 0; k < K; ++k) min[k] = std::min(min[k], lo[k]), max[k] = std::max(max[k], hi[k]);
    }
    if (action < 0 || w > weight) weight = w, action = a, inputs = in, next = nx;
  }
};

// The model's system call body (encodings/x86_64: sys_call_body(), every version).
bool in_syscall_body(const ir::Action &a) {
  return std::find(a.call_stack.begin(), a.call_stack.end(), "sys_call_body") != a.call_stack.end();
}

struct Node {
  Summary cls[2];
  enum : std::uint8_t { New, OnStack, Done } color = New;
  bool cyclic = false;  // some path from here repeats a state
};

// One context (CPU, level) running alone.
class Walker {
 public:
  static constexpr std::size_t kMaxSteps = 4000;

  Walker(const ir::TransitionSystem &ts, const sim::Simulator &sim, int cpu, int level, std::uint64_t budget)
      : ts_(ts), sim_(sim), cpu_(cpu), level_(level), budget_(budget) {}
  // Whether the state budget stopped a walk (the counts then cover less).
  bool cut() const { return cut_; }

  // The cost events of `action` fired in `s` with `in`.
  Counts edge_counts(int action, const Values &s, const Values &in) const {
    Counts c{};
    for (const ir::CostEvent &e : ts_.actions[action].costs)
      if (sim_.eval(e.reach, s, in)) c[static_cast<std::size_t>(e.kind)] += e.count;
    return c;
  }
  std::vector<CostedStep> edge_steps(int action, const Values &s, const Values &in) const {
    std::vector<CostedStep> out;
    for (const ir::CostEvent &e : ts_.actions[action].costs)
      if (sim_.eval(e.reach, s, in)) out.push_back({e.name, e.kind, e.count, e.procedure, e.file, e.line});
    return out;
  }
  // Whether firing `action` into `to` finishes the path.
  bool ends(int action, const Values &to) const {
    const ir::Action &a = ts_.actions[action];
    if (level_ > 0) return a.kind == ir::ActionKind::Return;
    return to[ts_.cpus[cpu_].user_mode] != 0;
  }

  // The summary of the paths from `s` (memoised; a state is visited once).
  // A path longer than kMaxSteps, or a walk past the state budget, counts as
  // unbounded (a task that never returns to user mode, counters that grow).
  const Node &visit(const Values &s, std::size_t steps = 0) {
    auto [it, fresh] = memo_.try_emplace(s);
    Node &n = it->second;
    if (!fresh) {
      if (n.color == Node::OnStack) cycle_ = true;
      return n;
    }
    if (steps > kMaxSteps || memo_.size() > budget_) {
      n.cyclic = true;
      n.color = Node::Done;
      cut_ = cut_ || memo_.size() > budget_;
      return n;
    }
    n.color = Node::OnStack;
    const Values *key = &it->first;
    for (int a : sim_.enabled_actions(*key)) {
      const ir::Action &act = ts_.actions[a];
      if (act.cpu != cpu_ || act.level != level_ || act.kind == ir::ActionKind::Deliver) continue;
      std::vector<Values> inputs;
      sim::all_input_vectors(ts_, act, inputs);
      for (const Values &in : inputs) {
        if (!sim_.can_fire(a, *key, in)) continue;
        Values to = sim_.fire(a, *key, in);
        const Counts c = edge_counts(a, *key, in);
        const int cls = c[static_cast<std::size_t>(CostKind::Schedule)] > 0;
        if (ends(a, to)) {
          n.cls[cls].add(c, nullptr, a, in, nullptr);
          continue;
        }
        const bool was_cycle = cycle_;
        cycle_ = false;
        const Node &m = visit(to, steps + 1);
        const Values *next = &memo_.find(to)->first;
        if (level_ == 0 && leaves_syscall_body(act, *next)) exit_starts_.push_back(next);
        if (cycle_ || m.cyclic) n.cyclic = true;
        cycle_ = was_cycle || cycle_;
        if (&m == &n) continue;  // a step that changes nothing: not a longer path
        for (int r = 0; r < 2; ++r)
          if (m.cls[r].any) n.cls[cls | r].add(c, &m.cls[r], a, in, next);
      }
    }
    n.color = Node::Done;
    return n;
  }

  // The cost events along the heaviest path of class `cls` from `s`.
  std::vector<CostedStep> heaviest(const Values &s, int cls) const {
    std::vector<CostedStep> out;
    const Values *at = &memo_.find(s)->first;
    for (std::size_t guard = 0; at && guard < memo_.size() + 1; ++guard) {
      const Summary &sum = memo_.at(*at).cls[cls];
      if (sum.action < 0) break;
      std::vector<CostedStep> steps = edge_steps(sum.action, *at, sum.inputs);
      out.insert(out.end(), steps.begin(), steps.end());
      // The class of the rest: without this step's schedule(), if it had one.
      const bool switched =
          edge_counts(sum.action, *at, sum.inputs)[static_cast<std::size_t>(CostKind::Schedule)] > 0;
      if (switched && sum.next) {
        const Node &rest = memo_.at(*sum.next);
        if (rest.cls[0].any && (!rest.cls[1].any || rest.cls[0].weight >= rest.cls[1].weight)) cls = 0;
      }
      at = sum.next;
    }
    return out;
  }

  // States right after the last step of a system call body (the exit to user starts there).
  const std::vector<const Values *> &exit_starts() const { return exit_starts_; }

 private:
  const ir::TransitionSystem &ts_;
  const sim::Simulator &sim_;
  int cpu_, level_;
  std::unordered_map<Values, Node, ValuesHash> memo_;
  bool cycle_ = false, cut_ = false;
  std::uint64_t budget_;
  std::vector<const Values *> exit_starts_;

  bool leaves_syscall_body(const ir::Action &from, const Values &to) const {
    if (!in_syscall_body(from)) return false;
    const ir::CpuLayout &cl = ts_.cpus[cpu_];
    const std::uint64_t pc = to[cl.pc[0]];
    const auto &row = ts_.exec_at[cpu_][0];
    return pc < row.size() && row[pc] >= 0 && !in_syscall_body(ts_.actions[row[pc]]);
  }
};

// What one row collects.
struct Row {
  PathCost cost;
  bool any = false;
  std::uint64_t weight = 0;
};

void add_to_row(Row &row, const Counts &edge, const Summary &rest, bool has_rest,
                std::vector<CostedStep> path_of_best, bool cyclic) {
  Counts lo = edge, hi = edge;
  std::uint64_t w = total(edge);
  if (has_rest) {
    for (std::size_t k = 0; k < K; ++k) lo[k] += rest.min[k], hi[k] += rest.max[k];
    w += rest.weight;
  }
  PathCost &p = row.cost;
  ++p.starts;
  p.unbounded = p.unbounded || cyclic;
  for (std::size_t k = 0; k < K; ++k) {
    p.events[k].min = row.any ? std::min(p.events[k].min, lo[k]) : lo[k];
    p.events[k].max = row.any ? std::max(p.events[k].max, hi[k]) : hi[k];
  }
  if (!row.any || w > row.weight) row.weight = w, p.heaviest = std::move(path_of_best);
  row.any = true;
}

PathKind handler_kind(ir::SourceKind s, int from) {  // from: 0 user, 1 kernel, 2 idle
  static const PathKind table[3][3] = {
      {PathKind::IrqFromUser, PathKind::IrqFromKernel, PathKind::IrqFromIdle},
      {PathKind::NmiFromUser, PathKind::NmiFromKernel, PathKind::NmiFromIdle},
      {PathKind::ExceptionFromUser, PathKind::ExceptionFromKernel, PathKind::ExceptionFromIdle}};
  return table[static_cast<int>(s)][from];
}

// The model's is_idle_task(current) of each CPU, if it has one (spec/: current_is_idle).
std::vector<int> idle_vars(const ir::TransitionSystem &ts) {
  std::vector<int> out(ts.cpus.size(), -1);
  for (std::size_t v = 0; v < ts.vars.size(); ++v) {
    const ir::StateVar &sv = ts.vars[v];
    const std::string suffix = "current_is_idle";
    if (sv.role == ir::VarRole::Model && sv.cpu >= 0 && sv.name.size() >= suffix.size() &&
        sv.name.compare(sv.name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out[sv.cpu] = static_cast<int>(v);
  }
  return out;
}

}  // namespace

CostReport analyse_costs(const ir::TransitionSystem &lowered, const std::string &model,
                         const CostOptions &opt) {
  // The system the explicit engine explores: reduced, then the declared
  // abstractions (checked exact when the model was loaded) and the inferred
  // ones applied.
  std::unique_ptr<ir::Reduction> reduced;
  if (opt.reduce) reduced = std::make_unique<ir::Reduction>(ir::reduce(lowered));
  const ir::TransitionSystem &full = reduced ? reduced->ts : lowered;
  std::unique_ptr<ir::TransitionSystem> narrow;
  const std::vector<ir::Abstraction> abstractions = ir::explored_abstractions(full);
  if (!abstractions.empty())
    narrow = std::make_unique<ir::TransitionSystem>(ir::apply_abstraction(full, abstractions));
  const ir::TransitionSystem &ts = narrow ? *narrow : full;

  CostReport report;
  report.model = model;
  engines::Explorer::Limits limits;
  limits.max_states = opt.max_states;
  engines::Explorer explorer(ts, limits);
  engines::Explorer::Visitor none;
  report.complete = explorer.run(none) == engines::Explorer::End::Exhausted;
  report.states = explorer.states();
  const sim::Simulator &sim = explorer.simulator();

  // Walks store whole states: fewer of them than the search (bit-packed) may.
  const std::uint64_t walk_budget = std::min<std::uint64_t>(opt.max_states, 500'000);
  std::vector<std::vector<std::unique_ptr<Walker>>> walkers(ts.cpus.size());
  for (std::size_t c = 0; c < ts.cpus.size(); ++c)
    for (int l = 0; l < ts.levels; ++l)
      walkers[c].push_back(std::make_unique<Walker>(ts, sim, static_cast<int>(c), l, walk_budget));
  const std::vector<int> idle = idle_vars(ts);

  std::array<Row, kAllPathKinds.size()> rows;
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].cost.kind = kAllPathKinds[i];
  auto row = [&](PathKind k) -> Row & { return rows[static_cast<std::size_t>(k)]; };

  for (std::uint64_t i = 0; i < explorer.states(); ++i) {
    const Values s = explorer.state(static_cast<std::uint32_t>(i));
    for (int a : sim.enabled_actions(s)) {
      const ir::Action &act = ts.actions[a];
      const ir::CpuLayout &cl = ts.cpus[act.cpu];
      const bool user = s[cl.user_mode] != 0;
      PathKind kind;
      if (act.kind == ir::ActionKind::Deliver) {
        const int from = user ? 0 : idle[act.cpu] >= 0 && s[idle[act.cpu]] ? 2 : 1;
        kind = handler_kind(ts.sources[act.source - 1].kind, from);
      } else if (act.kind == ir::ActionKind::Exec && act.level == 0 && user) {
        kind = PathKind::Syscall;  // if it leaves user mode (checked below)
      } else {
        continue;
      }
      Walker &w = *walkers[act.cpu][act.level];
      std::vector<Values> inputs;
      sim::all_input_vectors(ts, act, inputs);
      for (const Values &in : inputs) {
        if (!sim.can_fire(a, s, in)) continue;
        Values to = sim.fire(a, s, in);
        if (kind == PathKind::Syscall && to[cl.user_mode] != 0) continue;  // still user code
        const Counts edge = w.edge_counts(a, s, in);
        std::vector<CostedStep> first = w.edge_steps(a, s, in);
        const Node &n = w.visit(to);
        Summary merged;  // both classes
        for (const Summary &c : n.cls)
          if (c.any) merged.add({}, &c, c.action, c.inputs, c.next);
        if (!merged.any) continue;  // the context cannot finish alone from here
        const int best = n.cls[1].any && (!n.cls[0].any || n.cls[1].weight > n.cls[0].weight) ? 1 : 0;
        std::vector<CostedStep> path = first;
        std::vector<CostedStep> rest = w.heaviest(to, best);
        path.insert(path.end(), rest.begin(), rest.end());
        add_to_row(row(kind), edge, merged, true, std::move(path), n.cyclic);
      }
    }
  }

  // Exit to user: the rest of a syscall from the first step after its body,
  // split by whether it switches context (exit work) or not.
  for (std::size_t c = 0; c < ts.cpus.size(); ++c) {
    Walker &w = *walkers[c][0];
    std::vector<const Values *> starts = w.exit_starts();
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (const Values *s : starts) {
      const Node &n = w.visit(*s);
      for (int cls = 0; cls < 2; ++cls)
        if (n.cls[cls].any)
          add_to_row(row(cls ? PathKind::ExitToUserWork : PathKind::ExitToUserNoWork), {}, n.cls[cls], true,
                     w.heaviest(*s, cls), n.cyclic);
    }
  }
  for (const auto &per_cpu : walkers)
    for (const auto &w : per_cpu) report.complete = report.complete && !w->cut();
  for (Row &r : rows)
    if (r.any) report.paths.push_back(std::move(r.cost));
  return report;
}

}  // namespace ctcheck::cost
