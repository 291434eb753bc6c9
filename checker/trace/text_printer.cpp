#include "trace/text_printer.h"

#include <string>

#include "trace/backtrace.h"
#include "trace/format.h"
#include "trace/summary.h"

namespace ctcheck::trace {
namespace {

using State = std::vector<std::uint64_t>;

bool shown(const ir::StateVar &v, const TextOptions &opts) {
  switch (v.role) {
    case ir::VarRole::Pc:
    case ir::VarRole::Source:
    case ir::VarRole::Depth:
      return false;
    case ir::VarRole::Local:
    case ir::VarRole::Ghost:
    case ir::VarRole::SavedIf:
    case ir::VarRole::SavedUser:
      return opts.verbose;
    default:
      return true;
  }
}

std::string cpu_line(const ir::TransitionSystem &ts, int cpu, const State &s) {
  std::string out = "cpu" + std::to_string(cpu);
  if (static_cast<std::size_t>(cpu) >= ts.cpus.size()) return out;
  out += "  " + format_contexts(contexts(ts, cpu, s));
  out += irqs_enabled(ts, cpu, s) ? "  IF=1" : "  IF=0";
  out += in_user_mode(ts, cpu, s) ? "  user" : "  kernel";
  return out;
}

void print_inputs(const ir::TransitionSystem &ts, const ir::Action &a, const State &inputs,
                  const std::string &indent, std::ostream &out) {
  for (std::uint32_t i : a.inputs)
    if (i < inputs.size())
      out << indent << "input " << ts.inputs[i].name << " = " << format_input(ts.inputs[i], inputs[i])
          << "\n";
}

void print_action(const ir::TransitionSystem &ts, int action, const State *pre, const std::string &indent,
                  std::ostream &out) {
  const ir::Action &a = ts.actions.at(action);
  out << indent;
  if (!a.procedure.empty()) out << a.procedure << ": ";
  out << action_text(ts, action, pre);
  if (!a.loc.file.empty()) out << "  (" << format_loc(a.loc) << ")";
  out << "\n";
}

}  // namespace

void print_text(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out) {
  print_text(ts, t, out, TextOptions{});
}

void print_text(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const TextOptions &opts) {
  const bool known = t.property < ts.properties.size();
  const std::string name = known ? ts.properties[t.property].name : "property #" + std::to_string(t.property);
  out << "Counterexample for " << name << ": " << depth_phrase(ts, t) << "\n";
  out << "Interleaving: " << interleaving_summary(ts, t) << "\n\n";

  const std::vector<std::string> names = unique_var_names(ts);
  out << "Initial state:\n";
  for (std::size_t i = 0; i < ts.vars.size() && i < t.initial.size(); ++i)
    if (ts.vars[i].role == ir::VarRole::Model)
      out << "  " << names[i] << " = " << format_value(ts.vars[i], t.initial[i]) << "\n";
  for (std::size_t c = 0; c < ts.cpus.size(); ++c)
    out << "  " << cpu_line(ts, static_cast<int>(c), t.initial) << "\n";

  // One header per interleaving step; a merged step lists each of its statements.
  const State *pre = &t.initial;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const TraceStep &st = t.steps[k];
    const ir::Action &a = ts.actions.at(st.action);
    const std::string indent(2 * static_cast<std::size_t>(a.level > 0 ? a.level : 0), ' ');
    const int g = t.group_of(k);
    if (k == 0 || g != t.group_of(k - 1)) {
      std::size_t last = k;  // the group's last action: the header shows the state after it
      while (last + 1 < t.steps.size() && t.group_of(last + 1) == g) ++last;
      out << "\n"
          << indent << "Step " << g + 1 << "  " << cpu_line(ts, a.cpu, t.steps[last].state)
          << (g >= t.depth() ? "  (the failing step)" : "") << "\n";
    }
    print_action(ts, st.action, pre, indent + "  ", out);
    print_inputs(ts, a, st.inputs, indent + "    ", out);
    for (std::size_t i = 0; i < ts.vars.size(); ++i)
      if (pre->at(i) != st.state.at(i) && shown(ts.vars[i], opts))
        out << indent << "    " << names[i] << ": " << format_value(ts.vars[i], pre->at(i)) << " -> "
            << format_value(ts.vars[i], st.state[i]) << "\n";
    pre = &st.state;
  }

  out << "\n";
  if (!known) {
    out << "Violated: " << name << "\n";
    return;
  }
  const ir::Property &p = ts.properties[t.property];
  const std::string at = " (violated at " + std::to_string(t.depth()) + ")";
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size()) {
    const ir::Action &a = ts.actions[t.violating_action];
    out << "Violated: assertion " << p.name << " fails in step " << t.depth() + 1 << " on cpu" << a.cpu << at
        << "\n";
    out << "  message: " << violation_message(ts, t) << "\n";
    out << "  at: " << format_loc(violation_loc(ts, t)) << "\n";
    print_action(ts, t.violating_action, &t.final_state(), "  in: ", out);
    print_inputs(ts, a, t.violating_inputs, "  with ", out);
  } else {
    out << "Violated: invariant " << p.name << " is false after step " << t.depth() << at << "\n";
    out << "  message: " << p.message << "\n";
    out << "  at: " << format_loc(violation_loc(ts, t)) << "\n";
  }
  const std::string calls = violation_backtrace(ts, t);
  if (!calls.empty()) out << "  backtrace: " << calls << "\n";
  out << "\n" << error_line(ts, t) << "\n";
}

}  // namespace ctcheck::trace
