#include "trace/state_graph.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "sim/simulator.h"
#include "sim/state_store.h"
#include "trace/format.h"

namespace ctcheck::trace {
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
  std::string name;              // as shown in the graph
  std::string var;               // base name of the variable
  std::optional<std::uint64_t> mask;
  bool rcu = false;              // the default dynticks&1: "RCU watching" / "RCU not watching"
  std::vector<int> var_of_cpu;   // state variable per CPU, -1 if none
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

std::string join(const std::vector<std::string> &parts, const std::string &sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string dot_string(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

}  // namespace

bool build_state_graph(const ir::TransitionSystem &ts, const StateGraphOptions &opts, StateGraph &out,
                       std::string &error) {
  out = StateGraph{};
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
  for (const Component &c : comps) out.components.push_back(c.name);
  out.components.push_back("mode");

  // Projection of one CPU: the raw (masked) component values, then the mode.
  auto project = [&](const Values &s, std::size_t cpu) {
    Values key;
    key.reserve(comps.size() + 1);
    for (const Component &c : comps) {
      const int v = c.var_of_cpu[cpu];
      // Missing on this CPU: a value no variable has (keeps it apart).
      key.push_back(v < 0 ? ~std::uint64_t{0} : (c.mask ? s[v] & *c.mask : s[v]));
    }
    key.push_back(s.at(ts.cpus[cpu].user_mode) ? 1 : 0);
    return key;
  };

  sim::Simulator sim(ts);
  sim::StateStore store(ts);
  std::map<Values, bool> nodes;  // projection -> initial
  std::map<std::pair<Values, Values>, std::set<std::string>> edges;

  // Initial states: every combination of the variables without an initial value.
  {
    std::vector<Values> initial;
    if (!sim::all_initial_states(sim, initial)) {
      error = "too many nondeterministic initial states to enumerate";
      return false;
    }
    for (const Values &s : initial) {
      if (!store.insert(s).second) continue;
      for (std::size_t cpu = 0; cpu < ts.cpus.size(); ++cpu) nodes[project(s, cpu)] = true;
    }
  }

  // Every assignment of an action's inputs (the others stay 0).
  std::vector<Values> inputs;
  auto label_of = [&](int action, const Values &pre, std::size_t cpu) {
    const ir::Action &a = ts.actions[action];
    std::string l;
    if (a.kind == ir::ActionKind::Deliver && a.source >= 1 && static_cast<std::size_t>(a.source) <= ts.sources.size())
      l = std::string("[") + kind_name(ts.sources[a.source - 1].kind) + " " + ts.sources[a.source - 1].name + "]";
    else if (a.kind == ir::ActionKind::Return) {
      l = "[iret]";
      const ir::CpuLayout &cl = ts.cpus.at(a.cpu);
      if (a.level >= 1 && static_cast<std::size_t>(a.level) < cl.source.size()) {
        const std::uint64_t src = pre.at(cl.source[a.level]);
        if (src >= 1 && src <= ts.sources.size()) l = "[iret from " + ts.sources[src - 1].name + "]";
      }
    } else {
      l = a.procedure.empty() ? action_text(ts, action, &pre) : a.procedure;
    }
    if (a.cpu != static_cast<int>(cpu)) l = "remote " + l;
    return l;
  };

  for (std::size_t next = 0; next < store.size(); ++next) {
    if (store.size() >= opts.max_states) {
      out.complete = false;
      out.incomplete_reason = "state limit of " + std::to_string(opts.max_states) + " states reached";
      break;
    }
    const Values s = store.get(static_cast<std::uint32_t>(next));
    std::vector<Values> from(ts.cpus.size());
    for (std::size_t cpu = 0; cpu < ts.cpus.size(); ++cpu) from[cpu] = project(s, cpu);
    for (int a : sim.enabled_actions(s)) {
      if (!sim::all_input_vectors(ts, ts.actions[a], inputs)) {
        out.complete = false;
        out.incomplete_reason = "an action at " + format_loc(ts.actions[a].loc) + " has too many input values to enumerate";
        continue;
      }
      for (const Values &in : inputs) {
        if (!sim.can_fire(a, s, in)) continue;
        const Values n = sim.fire(a, s, in);
        ++out.transitions;
        for (std::size_t cpu = 0; cpu < ts.cpus.size(); ++cpu) {
          Values to = project(n, cpu);
          if (to == from[cpu]) continue;
          nodes.emplace(to, false);
          edges[{from[cpu], to}].insert(label_of(a, s, cpu));
        }
        store.insert(n);
      }
    }
  }
  out.states = store.size();

  // Nodes in order of their values (std::map order), then edges by node index.
  std::map<Values, std::size_t> index;
  for (const auto &[key, initial] : nodes) {
    StateGraph::Node node;
    node.initial = initial;
    for (std::size_t i = 0; i < comps.size(); ++i) {
      const Component &c = comps[i];
      int var = -1;  // any CPU's copy, for the type
      bool missing_somewhere = false;
      for (int v : c.var_of_cpu) {
        if (var < 0) var = v;
        missing_somewhere |= v < 0;
      }
      if (missing_somewhere && key[i] == ~std::uint64_t{0})
        node.values.push_back(c.name + " = -");
      else if (c.rcu)
        node.values.push_back(key[i] ? "RCU watching" : "RCU not watching");
      else if (c.mask)
        node.values.push_back(c.name + " = " + std::to_string(key[i]));
      else
        node.values.push_back(c.name + " = " + format_value(ts.vars[var], key[i]));
    }
    node.values.push_back(key.back() ? "user" : "kernel");
    index[key] = out.nodes.size();
    out.nodes.push_back(std::move(node));
  }
  for (const auto &[ends, labels] : edges)
    out.edges.push_back({index.at(ends.first), index.at(ends.second), {labels.begin(), labels.end()}});
  std::sort(out.edges.begin(), out.edges.end(),
            [](const StateGraph::Edge &a, const StateGraph::Edge &b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
  return true;
}

void print_dot(const StateGraph &g, const std::string &title, std::ostream &out) {
  out << "// ctcheck graph: " << title << "\n";
  out << "// nodes: " << join(g.components, " x ") << " (per CPU); edges: the procedures that change them\n";
  out << "// " << g.states << " reachable states explored, " << g.transitions << " transitions; "
      << (g.complete ? "complete" : "incomplete: " + g.incomplete_reason) << "\n";
  out << "digraph ctcheck {\n";
  out << "  rankdir=LR;\n";
  out << "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    out << "  s" << i << " [label=\"" << dot_string(g.nodes[i].values.empty() ? "" : g.nodes[i].values[0]);
    for (std::size_t k = 1; k < g.nodes[i].values.size(); ++k) out << "\\n" << dot_string(g.nodes[i].values[k]);
    out << "\"" << (g.nodes[i].initial ? ", peripheries=2" : "") << "];\n";
  }
  for (const StateGraph::Edge &e : g.edges) {
    out << "  s" << e.from << " -> s" << e.to << " [label=\"";
    for (std::size_t k = 0; k < e.labels.size(); ++k) out << (k ? "\\n" : "") << dot_string(e.labels[k]);
    out << "\"];\n";
  }
  out << "}\n";
}

}  // namespace ctcheck::trace
