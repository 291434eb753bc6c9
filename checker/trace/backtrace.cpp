#include "trace/backtrace.h"

#include "trace/format.h"

namespace ctcheck::trace {

namespace {

using State = std::vector<std::uint64_t>;

// "innermost <- ... <- entry (file:line)" for one action.
std::string frames(const ir::Action &a, const ir::SourceLoc &loc) {
  std::string out;
  if (a.call_stack.empty()) out = a.procedure;
  for (auto it = a.call_stack.rbegin(); it != a.call_stack.rend(); ++it)
    out += (out.empty() ? "" : " <- ") + *it;
  if (!loc.file.empty()) out += " (" + format_loc(loc) + ")";
  return out;
}

// Where the context at `level` resumes: the calls of its next statement.
std::string resume_point(const ir::TransitionSystem &ts, int cpu, int level, const State &s) {
  const ir::CpuLayout &cl = ts.cpus[cpu];
  const std::uint64_t pc = s.at(cl.pc[level]);
  if (static_cast<std::size_t>(cpu) < ts.exec_at.size() &&
      static_cast<std::size_t>(level) < ts.exec_at[cpu].size() && pc < ts.exec_at[cpu][level].size()) {
    const int next = ts.exec_at[cpu][level][pc];
    if (next >= 0) return frames(ts.actions[next], ts.actions[next].loc);
  }
  return level == 0 ? cl.task : "(returning)";
}

// The contexts below `level` on `cpu` in state `s`, each after the marker of
// the interrupt that came on top of it.
std::string interrupted(const ir::TransitionSystem &ts, int cpu, int level, const State &s) {
  if (cpu < 0 || static_cast<std::size_t>(cpu) >= ts.cpus.size()) return "";
  const ir::CpuLayout &cl = ts.cpus[cpu];
  std::string out;
  for (int l = level; l >= 1 && static_cast<std::size_t>(l) < cl.source.size(); --l) {
    const std::uint64_t src = s.at(cl.source[l]);
    std::string m = src >= 1 && src <= ts.sources.size() ? event_name(ts.sources[src - 1].kind) : "interrupt";
    if (s.at(cl.saved_user[l]) != 0) m += " from user mode";
    out += " <- [" + m + "] <- " + resume_point(ts, cpu, l - 1, s);
  }
  return out;
}

}  // namespace

std::string violation_backtrace(const ir::TransitionSystem &ts, const core::Trace &t) {
  const State &s = t.final_state();
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size()) {
    const ir::Action &a = ts.actions[t.violating_action];
    return frames(a, violation_loc(ts, t)) + interrupted(ts, a.cpu, a.level, s);
  }
  if (t.steps.empty()) return "";
  const ir::Action &a = ts.actions.at(t.steps.back().action);
  // After a return the level is gone: the context below is where the CPU is.
  if (a.kind == ir::ActionKind::Return && a.level >= 1 && static_cast<std::size_t>(a.cpu) < ts.cpus.size())
    return resume_point(ts, a.cpu, a.level - 1, s) + interrupted(ts, a.cpu, a.level - 1, s);
  return frames(a, a.loc) + interrupted(ts, a.cpu, a.level, s);
}

std::string error_line(const ir::TransitionSystem &ts, const core::Trace &t) {
  if (t.property >= ts.properties.size()) return "?: error: property #" + std::to_string(t.property);
  return format_loc(violation_loc(ts, t)) + ": error: " + ts.properties[t.property].name + ": " +
         violation_message(ts, t);
}

}  // namespace ctcheck::trace
