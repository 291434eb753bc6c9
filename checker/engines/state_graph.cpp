#include "engines/state_graph.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "engines/explore.h"

namespace ctcheck::engines {
namespace {

using Values = std::vector<std::uint64_t>;

// "cpu1.dynticks" -> "dynticks"
std::string base_name(const std::string &n) {
  if (n.rfind("cpu", 0) != 0) return n;
  std::size_t i = 3;
  while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i]))) ++i;
  return i > 3 && i < n.size() && n[i] == '.' ? n.substr(i + 1) : n;
}

struct Component {
  std::string name;  // as shown in the graph
  std::string var;   // base name of the variable
  std::optional<std::uint64_t> mask;
  bool rcu = false;             // the default dynticks&1: "RCU watching" / "RCU not watching"
  std::vector<int> var_of_cpu;  // state variable per CPU, -1 if none
};

// Projects states and records the edges between projections.
class Projector : public Explorer::Visitor {
 public:
  Projector(const ir::TransitionSystem &ts, const std::vector<Component> &comps, const sim::Simulator &sim)
      : ts_(ts), comps_(comps), sim_(sim) {}

  // Projection of one CPU: the raw (masked) component values, then the mode.
  Values project(const Values &s, std::size_t cpu) const {
    Values key;
    key.reserve(comps_.size() + 1);
    for (const Component &c : comps_) {
      const int v = c.var_of_cpu[cpu];
      key.push_back(v < 0 ? core::StateGraph::kMissing : (c.mask ? s[v] & *c.mask : s[v]));
    }
    key.push_back(s.at(ts_.cpus[cpu].user_mode) ? 1 : 0);
    return key;
  }

  void state(std::uint32_t, const Values &s, int depth) override {
    for (std::size_t cpu = 0; cpu < ts_.cpus.size(); ++cpu) {
      Node &n = nodes[project(s, cpu)];
      n.initial |= depth == 0;
      for (std::uint32_t p : sim_.violated_invariants(s)) n.fails.insert(ts_.properties[p].name);
    }
  }

  void step(std::uint32_t, const Values &s, int action, const Values &inputs) override {
    const int cpu = ts_.actions[action].cpu;
    if (cpu < 0 || static_cast<std::size_t>(cpu) >= ts_.cpus.size()) return;
    for (std::uint32_t p : sim_.failed_checks(action, s, inputs))
      nodes[project(s, cpu)].fails.insert(ts_.properties[p].name);
  }

  void edge(const Values &pre, int action, const Values &, const Values &post) override {
    for (std::size_t cpu = 0; cpu < ts_.cpus.size(); ++cpu) {
      Values from = project(pre, cpu), to = project(post, cpu);
      if (to == from) continue;
      nodes[to];
      edges[{from, to}].insert(label(action, pre, cpu));
    }
  }

  struct Node {
    bool initial = false;
    std::set<std::string> fails;
  };
  std::map<Values, Node> nodes;  // projection -> what is known of it
  std::map<std::pair<Values, Values>, std::set<std::string>> edges;

 private:
  std::string label(int action, const Values &pre, std::size_t cpu) const {
    const ir::Action &a = ts_.actions[action];
    std::string l;
    if (a.kind == ir::ActionKind::Deliver && a.source >= 1 &&
        static_cast<std::size_t>(a.source) <= ts_.sources.size()) {
      const ir::InterruptSource &s = ts_.sources[a.source - 1];
      l = std::string("[") +
          (s.kind == ir::SourceKind::Irq   ? "irq"
           : s.kind == ir::SourceKind::Nmi ? "nmi"
                                           : "exception") +
          " " + s.name + "]";
    } else if (a.kind == ir::ActionKind::Return) {
      l = "[iret]";
      const ir::CpuLayout &cl = ts_.cpus.at(a.cpu);
      if (a.level >= 1 && static_cast<std::size_t>(a.level) < cl.source.size()) {
        const std::uint64_t src = pre.at(cl.source[a.level]);
        if (src >= 1 && src <= ts_.sources.size()) l = "[iret from " + ts_.sources[src - 1].name + "]";
      }
    } else {
      l = a.procedure.empty() ? "<action " + std::to_string(action) + ">" : a.procedure;
    }
    if (a.cpu != static_cast<int>(cpu)) l = "remote " + l;
    return l;
  }

  const ir::TransitionSystem &ts_;
  const std::vector<Component> &comps_;
  const sim::Simulator &sim_;
};

std::optional<std::uint64_t> parse_number(const std::string &s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::uint64_t v = std::stoull(s, &used, 0);
    if (used != s.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

bool resolve(const ir::TransitionSystem &ts, Component &c, std::string &error) {
  c.var_of_cpu.assign(ts.cpus.size(), -1);
  bool any = false;
  if (c.var == "IF" && !c.mask && std::none_of(ts.vars.begin(), ts.vars.end(), [](const ir::StateVar &v) {
        return v.role == ir::VarRole::Model && base_name(v.name) == "IF";
      })) {
    for (std::size_t cpu = 0; cpu < ts.cpus.size(); ++cpu)
      c.var_of_cpu[cpu] = static_cast<int>(ts.cpus[cpu].irq_flag);
    return true;
  }
  for (std::size_t v = 0; v < ts.vars.size(); ++v) {
    const ir::StateVar &sv = ts.vars[v];
    if (sv.role != ir::VarRole::Model || base_name(sv.name) != c.var) continue;
    any = true;
    for (std::size_t cpu = 0; cpu < ts.cpus.size(); ++cpu)
      if (sv.cpu == static_cast<int>(cpu) || (sv.cpu < 0 && c.var_of_cpu[cpu] < 0))
        c.var_of_cpu[cpu] = static_cast<int>(v);
  }
  if (!any) error = "the model has no variable '" + c.var + "'";
  return any;
}

}  // namespace

bool build_state_graph(const ir::TransitionSystem &ts, const StateGraphOptions &opts, core::StateGraph &out,
                       std::string &error) {
  out = core::StateGraph{};
  std::vector<Component> comps;
  if (opts.state_vars.empty()) {
    auto has = [&](const std::string &n) {
      for (const ir::StateVar &v : ts.vars)
        if (v.role == ir::VarRole::Model && base_name(v.name) == n) return true;
      return false;
    };
    if (has("context_tracking_state"))
      comps.push_back({"context_tracking_state", "context_tracking_state", std::nullopt, false, {}});
    else if (has("ct_state"))
      comps.push_back({"ct_state", "ct_state", std::nullopt, false, {}});
    if (has("dynticks")) comps.push_back({"rcu", "dynticks", 1, true, {}});
  } else {
    for (const std::string &spec : opts.state_vars) {
      Component c;
      c.name = spec;
      const std::size_t amp = spec.find('&');
      c.var = spec.substr(0, amp);
      if (amp != std::string::npos) {
        c.mask = parse_number(spec.substr(amp + 1));
        if (!c.mask) {
          error = "bad mask in state variable '" + spec + "' (want NAME or NAME&MASK)";
          return false;
        }
      }
      if (c.var.empty()) {
        error = "empty state variable name in '" + spec + "'";
        return false;
      }
      comps.push_back(c);
    }
  }
  for (Component &c : comps)
    if (!resolve(ts, c, error)) return false;
  for (const Component &c : comps) {
    core::StateGraph::Component g;
    g.name = c.name;
    g.rcu = c.rcu;
    g.masked = c.mask.has_value() && !c.rcu;
    for (int v : c.var_of_cpu) {
      if (g.var < 0) g.var = v;
      g.partial |= v < 0;
    }
    out.components.push_back(g);
  }

  Explorer::Limits limits;
  limits.max_states = opts.max_states;
  Explorer x(ts, limits);
  Projector proj(ts, comps, x.simulator());
  const Explorer::End end = x.run(proj);
  out.states = x.states();
  out.transitions = x.transitions();
  if (end == Explorer::End::InitLimit) {
    error = "too many nondeterministic initial states to enumerate";
    return false;
  }
  if (end == Explorer::End::StateLimit) {
    out.complete = false;
    out.incomplete_reason = "state limit of " + std::to_string(opts.max_states) + " states reached";
  } else if (!x.input_limit().empty()) {
    out.complete = false;
    out.incomplete_reason = "an " + x.input_limit();
  }

  // Nodes in order of their values (std::map order), then edges by node index.
  std::map<Values, std::size_t> index;
  for (const auto &[key, node] : proj.nodes) {
    index[key] = out.nodes.size();
    out.nodes.push_back({key, node.initial, {node.fails.begin(), node.fails.end()}});
  }
  for (const auto &[ends, labels] : proj.edges)
    out.edges.push_back({index.at(ends.first), index.at(ends.second), {labels.begin(), labels.end()}});
  std::sort(out.edges.begin(), out.edges.end(),
            [](const core::StateGraph::Edge &a, const core::StateGraph::Edge &b) {
              return std::tie(a.from, a.to) < std::tie(b.from, b.to);
            });
  return true;
}

}  // namespace ctcheck::engines
