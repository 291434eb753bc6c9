#include "trace/format.h"

#include <algorithm>
#include <unordered_map>

namespace ctcheck::trace {

std::int64_t as_signed(std::uint64_t value, unsigned width) {
  if (width >= 64) return static_cast<std::int64_t>(value);
  const std::uint64_t sign = std::uint64_t{1} << (width - 1);
  value &= ir::mask_of(width);
  return static_cast<std::int64_t>((value ^ sign) - sign);
}

namespace {

constexpr std::uint64_t kHexFrom = 1u << 16;

std::string hex(std::uint64_t magnitude, unsigned width) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned n = (std::min(width, 64u) + 3) / 4; n > 0; --n)
    out += digits[(magnitude >> (4 * (n - 1))) & 0xf];
  return "0x" + out;
}

std::string number(std::uint64_t value, unsigned width, bool is_signed) {
  if (is_signed) {
    const std::int64_t s = as_signed(value, width);
    // Magnitude computed in unsigned arithmetic so INT64_MIN is fine.
    const std::uint64_t mag = s < 0 ? 0 - static_cast<std::uint64_t>(s) : static_cast<std::uint64_t>(s);
    if (mag < kHexFrom) return std::to_string(s);
    return (s < 0 ? "-" : "") + hex(mag, width);
  }
  return value < kHexFrom ? std::to_string(value) : hex(value, width);
}

}  // namespace

std::string format_value(const ir::StateVar &var, std::uint64_t value) {
  if (var.sort.is_bool) return value ? "true" : "false";
  if (value < var.enum_names.size() && !var.enum_names[value].empty()) return var.enum_names[value];
  return number(value, var.sort.width, var.is_signed);
}

std::string format_input(const ir::Input &input, std::uint64_t value) {
  if (input.sort.is_bool) return value ? "true" : "false";
  return number(value, input.sort.width, false);
}

std::vector<std::string> unique_var_names(const ir::TransitionSystem &ts) {
  std::unordered_map<std::string, int> seen;
  for (const ir::StateVar &v : ts.vars) ++seen[v.name];
  std::unordered_map<std::string, int> nth;
  std::vector<std::string> out;
  out.reserve(ts.vars.size());
  for (const ir::StateVar &v : ts.vars) {
    const int k = ++nth[v.name];
    std::string name = k == 1 ? v.name : v.name + "#" + std::to_string(k);
    // A model name that already ends in #k (impossible in the language) would collide: count on.
    while (k > 1 && seen.count(name)) name += "'";
    out.push_back(std::move(name));
  }
  return out;
}

const char *kind_name(ir::SourceKind k) {
  switch (k) {
    case ir::SourceKind::Irq:
      return "irq";
    case ir::SourceKind::Nmi:
      return "nmi";
    case ir::SourceKind::Exception:
      return "exception";
  }
  return "?";
}

const char *event_name(ir::SourceKind k) {
  switch (k) {
    case ir::SourceKind::Irq:
      return "IRQ";
    case ir::SourceKind::Nmi:
      return "NMI";
    case ir::SourceKind::Exception:
      return "exception";
  }
  return "?";
}

std::vector<ContextFrame> contexts(const ir::TransitionSystem &ts, int cpu,
                                   const std::vector<std::uint64_t> &state) {
  std::vector<ContextFrame> out;
  if (cpu < 0 || static_cast<std::size_t>(cpu) >= ts.cpus.size()) return out;
  const ir::CpuLayout &cl = ts.cpus[cpu];
  const std::uint64_t depth = state.at(cl.depth);
  out.push_back({"task", cl.task, 0});
  for (std::uint64_t l = 1; l <= depth && l < cl.source.size(); ++l) {
    const std::uint64_t src = state.at(cl.source[l]);
    if (src >= 1 && src <= ts.sources.size())
      out.push_back({kind_name(ts.sources[src - 1].kind), ts.sources[src - 1].name, static_cast<int>(l)});
    else
      out.push_back({"?", "source " + std::to_string(src), static_cast<int>(l)});
  }
  return out;
}

std::string format_contexts(const std::vector<ContextFrame> &frames) {
  std::string out;
  for (const ContextFrame &f : frames) {
    if (!out.empty()) out += " > ";
    out += f.kind + " " + f.name;
    if (f.level > 0) out += "@" + std::to_string(f.level);
  }
  return out;
}

bool irqs_enabled(const ir::TransitionSystem &ts, int cpu, const std::vector<std::uint64_t> &state) {
  return cpu >= 0 && static_cast<std::size_t>(cpu) < ts.cpus.size() && state.at(ts.cpus[cpu].irq_flag) != 0;
}

bool in_user_mode(const ir::TransitionSystem &ts, int cpu, const std::vector<std::uint64_t> &state) {
  return cpu >= 0 && static_cast<std::size_t>(cpu) < ts.cpus.size() && state.at(ts.cpus[cpu].user_mode) != 0;
}

std::string action_text(const ir::TransitionSystem &ts, int action, const std::vector<std::uint64_t> *pre) {
  const ir::Action &a = ts.actions.at(action);
  if (!a.text.empty()) return a.text;
  if (a.kind == ir::ActionKind::Deliver && a.source >= 1 &&
      static_cast<std::size_t>(a.source) <= ts.sources.size()) {
    const ir::InterruptSource &s = ts.sources[a.source - 1];
    return std::string("<") + kind_name(s.kind) + " " + s.name + " delivered>";
  }
  if (a.kind == ir::ActionKind::Return) {
    if (pre && a.level >= 1 && static_cast<std::size_t>(a.cpu) < ts.cpus.size() &&
        static_cast<std::size_t>(a.level) < ts.cpus[a.cpu].source.size()) {
      const std::uint64_t src = pre->at(ts.cpus[a.cpu].source[a.level]);
      if (src >= 1 && src <= ts.sources.size()) return "<iret from " + ts.sources[src - 1].name + ">";
    }
    return "<iret>";
  }
  return "<action " + std::to_string(action) + ">";
}

std::string format_loc(const ir::SourceLoc &loc) {
  if (loc.file.empty()) return "?";
  return loc.file + ":" + std::to_string(loc.line);
}

// The assertion check that fails at the end of an assertion trace, as the
// replay that confirmed the trace recorded it (null for invariants; the first
// check of the property when the trace was never confirmed).
static const ir::Check *failing_check(const ir::TransitionSystem &ts, const Trace &t) {
  if (t.property >= ts.properties.size() || t.violating_action < 0 ||
      static_cast<std::size_t>(t.violating_action) >= ts.actions.size())
    return nullptr;
  const ir::Action &a = ts.actions[t.violating_action];
  if (t.failed_check >= 0 && static_cast<std::size_t>(t.failed_check) < a.checks.size())
    return &a.checks[t.failed_check];
  for (const ir::Check &c : a.checks)
    if (c.property == t.property) return &c;
  return nullptr;
}

ir::SourceLoc violation_loc(const ir::TransitionSystem &ts, const Trace &t) {
  if (t.property >= ts.properties.size()) return {};
  if (const ir::Check *c = failing_check(ts, t)) return c->loc;
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size())
    return ts.actions[t.violating_action].loc;
  return ts.properties[t.property].loc;
}

std::string violation_message(const ir::TransitionSystem &ts, const Trace &t) {
  if (t.property >= ts.properties.size()) return "";
  const ir::Check *c = failing_check(ts, t);
  return c && !c->message.empty() ? c->message : ts.properties[t.property].message;
}

std::string depth_phrase(const ir::TransitionSystem &ts, const Trace &t) {
  const int n = t.depth();
  const std::string at = "violated at " + std::to_string(n);
  if (t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size())
    return at + " (" + std::to_string(n) + (n == 1 ? " step" : " steps") +
           ", then the assertion fails in step " + std::to_string(n + 1) + ")";
  if (n == 0) return at + " (false in the initial state)";
  return at + " (false after step " + std::to_string(n) + ")";
}

}  // namespace ctcheck::trace
