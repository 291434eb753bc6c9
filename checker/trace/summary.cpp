#include "trace/summary.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "trace/format.h"

namespace ctcheck::trace {
namespace {

using State = std::vector<std::uint64_t>;

bool has_layout(const ir::TransitionSystem &ts, int cpu) {
  return cpu >= 0 && static_cast<std::size_t>(cpu) < ts.cpus.size();
}

// Where the context at `level` was interrupted, by its next statement:
// "before F" when that statement enters procedure F (its first statement, as
// far as the calls of the statement run last at that level tell: `last`),
// else "in F".
std::string position_at(const ir::TransitionSystem &ts, int cpu, int level, const State &s, int last) {
  const ir::CpuLayout &cl = ts.cpus[cpu];
  if (level < 0 || static_cast<std::size_t>(level) >= cl.pc.size()) return "in ?";
  const std::uint64_t pc = s.at(cl.pc[level]);
  if (static_cast<std::size_t>(cpu) < ts.exec_at.size() &&
      static_cast<std::size_t>(level) < ts.exec_at[cpu].size() && pc < ts.exec_at[cpu][level].size()) {
    const int a = ts.exec_at[cpu][level][pc];
    if (a >= 0 && !ts.actions[a].procedure.empty()) {
      const std::vector<std::string> &next = ts.actions[a].call_stack;
      // Entering: deeper than the last statement, or in a procedure that was
      // not on its stack (a call after a return); else still in (or back in) it.
      bool entering = last < 0;
      if (!entering && !next.empty()) {
        const std::vector<std::string> &before = ts.actions[last].call_stack;
        entering = before.size() < next.size() ||
                   std::find(before.begin(), before.end(), next.back()) == before.end();
      }
      return (entering ? "before " : "in ") + ts.actions[a].procedure;
    }
  }
  if (level == 0) return "in " + cl.task;
  const std::uint64_t src = s.at(cl.source[level]);
  return "in " + (src >= 1 && src <= ts.sources.size() ? ts.sources[src - 1].name : std::string("?"));
}

std::string source_at(const ir::TransitionSystem &ts, int cpu, int level, const State &s) {
  const ir::CpuLayout &cl = ts.cpus[cpu];
  if (level < 1 || static_cast<std::size_t>(level) >= cl.source.size()) return "handler";
  const std::uint64_t src = s.at(cl.source[level]);
  return src >= 1 && src <= ts.sources.size() ? ts.sources[src - 1].name : "handler";
}

struct Event {
  int cpu;
  std::string text;
};

}  // namespace

std::string interleaving_summary(const ir::TransitionSystem &ts, const Trace &t) {
  std::vector<Event> events;
  // Per CPU: who last turned IRQs on, reported only when an IRQ then arrives.
  std::vector<std::optional<std::string>> enabled_by(ts.cpus.size());
  // Per CPU and level: the last statement executed there (-1: none since the context began).
  std::vector<std::vector<int>> last(ts.cpus.size(),
                                     std::vector<int>(static_cast<std::size_t>(ts.levels), -1));
  const State *pre = &t.initial;
  for (const TraceStep &st : t.steps) {
    const ir::Action &a = ts.actions.at(st.action);
    if (!has_layout(ts, a.cpu)) {
      pre = &st.state;
      continue;
    }
    const bool if_before = irqs_enabled(ts, a.cpu, *pre), if_after = irqs_enabled(ts, a.cpu, st.state);
    if (a.kind == ir::ActionKind::Exec && if_before != if_after)
      enabled_by[a.cpu] = if_after ? std::optional<std::string>(a.procedure) : std::nullopt;
    if (a.kind == ir::ActionKind::Deliver && a.source >= 1 &&
        static_cast<std::size_t>(a.source) <= ts.sources.size()) {
      const ir::InterruptSource &src = ts.sources[a.source - 1];
      if (src.kind == ir::SourceKind::Irq && enabled_by[a.cpu])
        events.push_back({a.cpu, *enabled_by[a.cpu] + " enables IRQs"});
      enabled_by[a.cpu].reset();
      const int below = a.level - 1;
      const std::string where = in_user_mode(ts, a.cpu, *pre)
                                    ? "in user mode"
                                    : position_at(ts, a.cpu, below, *pre,
                                                  below >= 0 && below < ts.levels ? last[a.cpu][below] : -1);
      events.push_back({a.cpu, std::string(event_name(src.kind)) + " " + src.name + " arrives " + where});
    }
    if (a.level >= 0 && a.level < ts.levels)
      last[a.cpu][a.level] = a.kind == ir::ActionKind::Exec ? st.action : -1;
    if (a.kind == ir::ActionKind::Return) {
      std::string text = source_at(ts, a.cpu, a.level, *pre) + " returns";
      if (in_user_mode(ts, a.cpu, st.state)) text += " to user mode";
      events.push_back({a.cpu, text});
    }
    pre = &st.state;
  }

  // The violation itself.
  const std::string name = t.property < ts.properties.size() ? ts.properties[t.property].name
                                                             : "property #" + std::to_string(t.property);
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size()) {
    const ir::Action &a = ts.actions[t.violating_action];
    events.push_back({a.cpu, "assert " + name + " fails in " + a.procedure});
  } else if (!t.steps.empty()) {
    const ir::Action &a = ts.actions.at(t.steps.back().action);
    events.push_back({a.cpu, "invariant " + name + " fails after " + a.procedure});
  } else {
    events.push_back({-1, "invariant " + name + " fails in the initial state"});
  }

  std::string out;
  int cpu = -1;
  for (const Event &e : events) {
    if (!out.empty()) out += " -> ";
    if (e.cpu >= 0 && e.cpu != cpu) out += "cpu" + std::to_string(e.cpu) + ": ";
    cpu = e.cpu;
    out += e.text;
  }
  return out;
}

}  // namespace ctcheck::trace
