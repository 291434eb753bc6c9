#include "trace/svg_layout.h"

#include <algorithm>

#include "trace/format.h"

namespace ctcheck::trace {

namespace {

using State = std::vector<std::uint64_t>;

bool ct_state_name(const std::string &n) {
  return n.find("context_tracking_state") != std::string::npos || n.find("ct_state") != std::string::npos;
}

const State &state_before(const core::Trace &t, int i) { return i <= 0 ? t.initial : t.steps[i - 1].state; }

bool same_context(const ir::Action &a, const ir::Action &b) { return a.cpu == b.cpu && a.level == b.level; }

// The first `d` frames of `a`'s calls are `prefix`.
bool inside(const ir::Action &a, const std::vector<std::string> &prefix) {
  return a.kind == ir::ActionKind::Exec && a.call_stack.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), a.call_stack.begin());
}

}  // namespace

int culprit_step(const ir::TransitionSystem &ts, const core::Trace &t) {
  for (int i = static_cast<int>(t.steps.size()) - 1; i >= 0; --i) {
    const ir::Action &a = ts.actions.at(t.steps[i].action);
    if (a.kind != ir::ActionKind::Exec) continue;
    const State &pre = state_before(t, i), &post = t.steps[i].state;
    for (std::size_t c = 0; c < ts.cpus.size(); ++c)
      if (pre.at(ts.cpus[c].irq_flag) != post.at(ts.cpus[c].irq_flag)) return i;
    for (std::size_t v = 0; v < ts.vars.size(); ++v)
      if (ts.vars[v].role == ir::VarRole::Model && ct_state_name(ts.vars[v].name) && pre.at(v) != post.at(v))
        return i;
  }
  return -1;
}

std::vector<SvgColumn> svg_columns(const ir::TransitionSystem &ts, const core::Trace &t, bool fold) {
  std::vector<SvgColumn> cols{SvgColumn{}};
  const int n = static_cast<int>(t.steps.size());
  const int culprit = culprit_step(ts, t);
  auto act = [&](int i) -> const ir::Action & { return ts.actions.at(t.steps[i].action); };
  // The last statement each context ran (-1: none yet), to tell where a call begins.
  std::vector<int> last_in(static_cast<std::size_t>(ts.levels) * std::max<std::size_t>(1, ts.cpus.size()),
                           -1);
  auto slot = [&](const ir::Action &a) -> int & {
    return last_in[static_cast<std::size_t>(a.cpu * ts.levels + a.level)];
  };
  for (int i = 0; i < n;) {
    const ir::Action &a = act(i);
    int end = i;
    std::string name;
    if (fold && a.kind == ir::ActionKind::Exec && t.group_of(i) < t.depth() && i != culprit) {
      // The outermost call that starts here, runs uninterrupted and returns.
      for (std::size_t d = 2; d <= a.call_stack.size() && name.empty(); ++d) {
        const std::vector<std::string> prefix(a.call_stack.begin(),
                                              a.call_stack.begin() + static_cast<long>(d));
        const int prev = slot(a);
        if (prev >= 0 && inside(act(prev), prefix)) continue;  // started earlier: look deeper
        int j = i;
        while (j + 1 < n && same_context(act(j + 1), a) && inside(act(j + 1), prefix) && j + 1 != culprit &&
               t.group_of(j + 1) < t.depth())
          ++j;
        const bool returns = j + 1 < n && same_context(act(j + 1), a) && !inside(act(j + 1), prefix);
        if (returns && j > i) {
          end = j;
          name = prefix.back();
        }
      }
    }
    cols.push_back({i, end, false, name});
    for (int k = i; k <= end; ++k) slot(act(k)) = act(k).kind == ir::ActionKind::Exec ? k : -1;
    i = end + 1;
  }
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size())
    cols.push_back({-1, -1, true, ""});
  return cols;
}

std::vector<int> busy_context_lanes(const ir::TransitionSystem &ts, const core::Trace &t, int cpu) {
  std::vector<int> lanes{0};
  for (std::size_t s = 1; s <= ts.sources.size(); ++s) {
    bool used = false;
    for (const core::TraceStep &st : t.steps) {
      const ir::Action &a = ts.actions.at(st.action);
      used |= a.cpu == cpu && a.kind == ir::ActionKind::Deliver && a.source == static_cast<int>(s);
    }
    if (used) lanes.push_back(static_cast<int>(s));
  }
  return lanes;
}

bool constant_in_trace(const core::Trace &t, std::uint32_t v) {
  for (const core::TraceStep &s : t.steps)
    if (s.state.at(v) != t.initial.at(v)) return false;
  return true;
}

}  // namespace ctcheck::trace
