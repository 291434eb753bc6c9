#include "trace/dot_printer.h"

#include "trace/format.h"

namespace ctcheck::trace {
namespace {

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

// A node's label lines: each component in the model's terms, then the mode.
std::vector<std::string> node_values(const ir::TransitionSystem &ts, const core::StateGraph &g,
                                     const core::StateGraph::Node &n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < g.components.size(); ++i) {
    const core::StateGraph::Component &c = g.components[i];
    const std::uint64_t v = n.key.at(i);
    if (c.partial && v == core::StateGraph::kMissing)
      out.push_back(c.name + " = -");
    else if (c.rcu)
      out.push_back(v ? "RCU watching" : "RCU not watching");
    else if (c.masked || c.var < 0)
      out.push_back(c.name + " = " + std::to_string(v));
    else if (ts.vars.at(c.var).role == ir::VarRole::IrqFlag)
      out.push_back(v ? "IF=1" : "IF=0");
    else
      out.push_back(c.name + " = " + format_value(ts.vars.at(c.var), v));
  }
  out.push_back(n.key.back() ? "user" : "kernel");
  return out;
}

}  // namespace

void print_dot(const ir::TransitionSystem &ts, const core::StateGraph &g, const std::string &title,
               std::ostream &out) {
  out << "// ctcheck graph: " << title << "\n";
  std::vector<std::string> names;
  for (const core::StateGraph::Component &c : g.components) names.push_back(c.name);
  names.push_back("mode");
  out << "// nodes: " << join(names, " x ") << " (per CPU); edges: the procedures that change them;\n";
  out << "// red nodes: where a property fails (\"fails: ...\")\n";
  out << "// " << g.states << " reachable states explored, " << g.transitions << " transitions; "
      << (g.complete ? "complete" : "incomplete: " + g.incomplete_reason) << "\n";
  out << "digraph ctcheck {\n";
  out << "  rankdir=LR;\n";
  out << "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const std::vector<std::string> values = node_values(ts, g, g.nodes[i]);
    out << "  s" << i << " [label=\"" << dot_string(values.empty() ? "" : values[0]);
    for (std::size_t k = 1; k < values.size(); ++k) out << "\\n" << dot_string(values[k]);
    if (!g.nodes[i].fails.empty()) out << "\\nfails: " << dot_string(join(g.nodes[i].fails, ", "));
    out << "\"" << (g.nodes[i].initial ? ", peripheries=2" : "");
    if (!g.nodes[i].fails.empty()) out << ", color=\"#d40000\", fontcolor=\"#b00000\", penwidth=2";
    out << "];\n";
  }
  for (const core::StateGraph::Edge &e : g.edges) {
    out << "  s" << e.from << " -> s" << e.to << " [label=\"";
    for (std::size_t k = 0; k < e.labels.size(); ++k) out << (k ? "\\n" : "") << dot_string(e.labels[k]);
    out << "\"];\n";
  }
  out << "}\n";
}

}  // namespace ctcheck::trace
