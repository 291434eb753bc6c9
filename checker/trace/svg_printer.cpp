#include "trace/svg_printer.h"

#include <algorithm>
#include <sstream>
#include <string>

#include "trace/format.h"
#include "trace/summary.h"

namespace ctcheck::trace {
namespace {

using State = std::vector<std::uint64_t>;

// Geometry, in pixels (integers only, so the output is byte-for-byte stable).
constexpr int kPad = 12;
constexpr int kLabelW = 250;   // lane labels on the left
constexpr int kTitleH = 80;    // title, interleaving, violation
constexpr int kHeaderH = 22;   // step numbers
constexpr int kGroupH = 22;    // "cpu0" / "global" group heading
constexpr int kLaneH = 24;
constexpr int kFooterH = 44;
constexpr int kCharW = 7;      // 11px monospace, rounded up
constexpr int kMinColW = 64, kMaxColW = 180;

std::string esc(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
  }
  return out;
}

// Escaped text that fits in `width` pixels of 11px monospace.
std::string fit(const std::string &s, int width) {
  const int max = (width - 8) / kCharW;
  if (static_cast<int>(s.size()) <= max) return esc(s);
  if (max <= 1) return "";
  return esc(s.substr(0, static_cast<std::size_t>(max - 1))) + "&#8230;";
}

bool preferred_name(const std::string &n) {
  return n.find("context_tracking_state") != std::string::npos || n.find("ct_state") != std::string::npos ||
         n.find("dynticks") != std::string::npos;
}

const char *kind_color(const std::string &kind) {
  if (kind == "task") return "#4e79a7";
  if (kind == "irq") return "#e8762b";
  if (kind == "nmi") return "#9c5fa0";
  if (kind == "exception") return "#4f9a45";
  return "#777777";
}

struct Picture {
  const ir::TransitionSystem &ts;
  const Trace &t;
  bool assertion = false;
  int cols = 1;   // init + steps (+ the failing step of an assertion)
  int col_w = kMinColW;
  int width = 0;

  // One column per action (a merged step spans several), then the failing one.
  int actions() const { return static_cast<int>(t.steps.size()); }
  const State &state_at(int col) const {
    if (col <= 0) return t.initial;
    if (col <= actions()) return t.steps[col - 1].state;
    return t.final_state();
  }
  // The action shown in column `col` (-1 for the initial state).
  int action_at(int col) const {
    if (col >= 1 && col <= actions()) return t.steps[col - 1].action;
    if (assertion && col == actions() + 1) return t.violating_action;
    return -1;
  }
  // The interleaving step a column belongs to (1-based).
  int step_of(int col) const { return col <= actions() ? t.group_of(col - 1) + 1 : t.depth() + 1; }
  int x_of(int col) const { return kLabelW + col * col_w; }
  int bad_col() const { return assertion ? actions() + 1 : actions(); }

  // Context lane an action runs in: 0 = task, s = interrupt source s.
  int lane_of(int action, const State &pre) const {
    const ir::Action &a = ts.actions.at(action);
    if (a.kind == ir::ActionKind::Deliver) return a.source;
    if (a.level <= 0 || static_cast<std::size_t>(a.cpu) >= ts.cpus.size()) return 0;
    const ir::CpuLayout &cl = ts.cpus[a.cpu];
    if (static_cast<std::size_t>(a.level) >= cl.source.size()) return 0;
    const std::uint64_t src = pre.at(cl.source[a.level]);
    return src <= ts.sources.size() ? static_cast<int>(src) : 0;
  }
  bool on_stack(int cpu, int lane, const State &s) const {
    if (lane == 0) return true;
    const ir::CpuLayout &cl = ts.cpus[cpu];
    const std::uint64_t depth = s.at(cl.depth);
    for (std::uint64_t l = 1; l <= depth && l < cl.source.size(); ++l)
      if (s.at(cl.source[l]) == static_cast<std::uint64_t>(lane)) return true;
    return false;
  }
  std::string step_title(int col) const {
    const int action = action_at(col);
    const ir::Action &a = ts.actions.at(action);
    std::string s = "step " + std::to_string(step_of(col)) + ", cpu" + std::to_string(a.cpu) + ": ";
    if (!a.procedure.empty()) s += a.procedure + ": ";
    s += action_text(ts, action, &state_at(col - 1));
    if (!a.loc.file.empty()) s += " (" + format_loc(a.loc) + ")";
    if (assertion && col == actions() + 1) s += " -- the assertion fails here";
    return s;
  }
};

std::string property_name(const ir::TransitionSystem &ts, const Trace &t) {
  return t.property < ts.properties.size() ? ts.properties[t.property].name
                                           : "property #" + std::to_string(t.property);
}

std::string violation_line(const ir::TransitionSystem &ts, const Trace &t, bool assertion) {
  const std::string name = property_name(ts, t);
  std::string s;
  if (assertion)
    s = "Violated: assertion " + name + " fails in step " + std::to_string(t.depth() + 1) + " on cpu" +
        std::to_string(ts.actions[t.violating_action].cpu);
  else
    s = "Violated: invariant " + name + " is false after step " + std::to_string(t.depth());
  s += " (violated at " + std::to_string(t.depth()) + ")";
  if (t.property < ts.properties.size()) {
    s += ": " + violation_message(ts, t);
    s += " (" + format_loc(violation_loc(ts, t)) + ")";
  }
  return s;
}

// Runs of equal text in one lane: [first col, last col] -> text.
struct Run {
  int from, to;
  std::string text;
};
template <class F>
std::vector<Run> runs(int cols, F text_at) {
  std::vector<Run> out;
  for (int c = 0; c < cols; ++c) {
    std::string s = text_at(c);
    if (!out.empty() && out.back().text == s)
      out.back().to = c;
    else
      out.push_back({c, c, std::move(s)});
  }
  return out;
}

}  // namespace

std::vector<std::uint32_t> value_lane_vars(const ir::TransitionSystem &ts, const Trace &t, std::size_t cap) {
  std::vector<std::pair<int, std::uint32_t>> ranked;  // (rank, var)
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    if (ts.vars[v].role != ir::VarRole::Model || v >= t.initial.size()) continue;
    bool changes = false;
    for (const TraceStep &s : t.steps) changes |= v < s.state.size() && s.state[v] != t.initial[v];
    const bool pref = preferred_name(ts.vars[v].name);
    if (pref)
      ranked.push_back({changes ? 0 : 1, v});
    else if (changes)
      ranked.push_back({2, v});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < ranked.size() && i < cap; ++i) out.push_back(ranked[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

void print_svg(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts) {
  Picture p{ts, t};
  p.assertion = t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();
  p.cols = p.actions() + 1 + (p.assertion ? 1 : 0);
  const std::vector<std::uint32_t> lanes = value_lane_vars(ts, t, opts.max_value_lanes);
  std::size_t not_shown = 0;
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    if (ts.vars[v].role != ir::VarRole::Model || std::binary_search(lanes.begin(), lanes.end(), v)) continue;
    bool changes = false;
    for (const TraceStep &s : t.steps) changes |= s.state.at(v) != t.initial.at(v);
    not_shown += changes;
  }

  // Column width: the longest procedure name or value shown, within bounds.
  std::size_t longest = 6;
  for (int c = 1; c < p.cols; ++c) longest = std::max(longest, ts.actions.at(p.action_at(c)).procedure.size());
  for (std::uint32_t v : lanes)
    for (int c = 0; c < p.cols; ++c) longest = std::max(longest, format_value(ts.vars[v], p.state_at(c).at(v)).size());
  p.col_w = std::clamp(static_cast<int>(longest) * kCharW + 12, kMinColW, kMaxColW);

  const std::string title = "Counterexample for " + property_name(ts, t) + ": " + depth_phrase(ts, t);
  const std::string story = "Interleaving: " + interleaving_summary(ts, t);
  const std::string violated = violation_line(ts, t, p.assertion);
  std::string hidden;
  if (not_shown > 0)
    hidden = std::to_string(not_shown) + " more model variable(s) change in this trace but have no lane (see the text trace)";
  std::size_t text_chars = std::max({title.size() * 9 / 7, story.size(), violated.size(), hidden.size()});

  // Lanes, top to bottom.
  int y = kTitleH + kHeaderH;
  std::ostringstream body;
  auto lane_label = [&](int top, const std::string &label, const std::string &cls) {
    body << "<text class=\"" << cls << "\" x=\"" << kPad + 12 << "\" y=\"" << top + 16 << "\">" << fit(label, kLabelW - kPad - 16)
         << "</text>\n";
    body << "<line class=\"sep\" x1=\"" << kPad << "\" y1=\"" << top + kLaneH << "\" x2=\"" << p.x_of(p.cols)
         << "\" y2=\"" << top + kLaneH << "\"/>\n";
  };
  auto group = [&](const std::string &label) {
    body << "<text class=\"group\" x=\"" << kPad << "\" y=\"" << y + 16 << "\">" << esc(label) << "</text>\n";
    y += kGroupH;
  };
  // A lane of boxes, one per run of equal text; `fill` picks the colour.
  auto value_lane = [&](const std::string &label, auto text_at, auto fill_at, const std::string &tip) {
    lane_label(y, label, "lane");
    for (const Run &r : runs(p.cols, text_at)) {
      const int x = p.x_of(r.from) + 2, w = (r.to - r.from + 1) * p.col_w - 4;
      body << "<g><title>" << esc(tip + " = " + r.text) << "</title><rect class=\"val\" x=\"" << x << "\" y=\"" << y + 3
           << "\" width=\"" << w << "\" height=\"" << kLaneH - 6 << "\" fill=\"" << fill_at(r.from)
           << "\"/><text class=\"v\" x=\"" << x + 5 << "\" y=\"" << y + 16 << "\">" << fit(r.text, w) << "</text></g>\n";
    }
    y += kLaneH;
  };

  for (std::size_t c = 0; c < ts.cpus.size(); ++c) {
    const int cpu = static_cast<int>(c);
    group("cpu" + std::to_string(c));
    // Context lanes: the task, then every interrupt source.
    for (std::size_t lane = 0; lane <= ts.sources.size(); ++lane) {
      const std::string kind = lane == 0 ? "task" : kind_name(ts.sources[lane - 1].kind);
      const std::string name = lane == 0 ? ts.cpus[c].task : ts.sources[lane - 1].name;
      lane_label(y, kind + " " + name, "lane ctx");
      const char *color = kind_color(kind);
      for (int col = 0; col < p.cols; ++col) {
        const int action = p.action_at(col);
        const int x = p.x_of(col);
        const bool runs_here = action >= 0 && ts.actions[action].cpu == cpu &&
                               p.lane_of(action, p.state_at(col - 1)) == static_cast<int>(lane);
        if (runs_here) {
          const bool bad = p.assertion && col == p.bad_col();
          body << "<g><title>" << esc(p.step_title(col)) << "</title><rect x=\"" << x + 2 << "\" y=\"" << y + 2
               << "\" width=\"" << p.col_w - 4 << "\" height=\"" << kLaneH - 4 << "\" rx=\"3\" fill=\"" << color << "\""
               << (bad ? " stroke=\"#d40000\" stroke-width=\"3\"" : "") << "/><text class=\"proc\" x=\"" << x + 6
               << "\" y=\"" << y + 16 << "\">" << fit(ts.actions[action].procedure, p.col_w - 4) << "</text></g>\n";
        } else if (p.on_stack(cpu, static_cast<int>(lane), p.state_at(col))) {
          body << "<rect x=\"" << x << "\" y=\"" << y + 8 << "\" width=\"" << p.col_w << "\" height=\"" << kLaneH - 16
               << "\" fill=\"" << color << "\" fill-opacity=\"0.3\"/>\n";
        }
      }
      y += kLaneH;
    }
    // IF as a waveform.
    {
      lane_label(y, "IF", "lane");
      const int hi = y + 5, lo = y + kLaneH - 5;
      body << "<polyline class=\"wave\" points=\"";
      for (int col = 0; col < p.cols; ++col) {
        const int wy = irqs_enabled(ts, cpu, p.state_at(col)) ? hi : lo;
        body << (col ? " " : "") << p.x_of(col) << "," << wy << " " << p.x_of(col + 1) << "," << wy;
      }
      body << "\"/>\n";
      for (const Run &r : runs(p.cols, [&](int col) { return std::string(irqs_enabled(ts, cpu, p.state_at(col)) ? "1" : "0"); }))
        body << "<text class=\"v\" x=\"" << p.x_of(r.from) + 5 << "\" y=\"" << (r.text == "1" ? hi + 15 : lo - 5) << "\">IF="
             << r.text << "</text>\n";
      y += kLaneH;
    }
    value_lane(
        "mode", [&](int col) { return std::string(in_user_mode(ts, cpu, p.state_at(col)) ? "user" : "kernel"); },
        [&](int col) { return in_user_mode(ts, cpu, p.state_at(col)) ? "#ffe7a3" : "#e3ebf7"; },
        "cpu" + std::to_string(c) + " mode");
    for (std::uint32_t v : lanes)
      if (ts.vars[v].cpu == cpu)
        value_lane(
            ts.vars[v].name, [&](int col) { return format_value(ts.vars[v], p.state_at(col).at(v)); },
            [&](int col) { return col > 0 && p.state_at(col).at(v) != t.initial.at(v) ? "#fff4d6" : "#f1f1f1"; },
            ts.vars[v].name);
  }
  bool globals = false;
  for (std::uint32_t v : lanes) globals |= ts.vars[v].cpu < 0 || static_cast<std::size_t>(ts.vars[v].cpu) >= ts.cpus.size();
  if (globals) {
    group("global");
    for (std::uint32_t v : lanes)
      if (ts.vars[v].cpu < 0 || static_cast<std::size_t>(ts.vars[v].cpu) >= ts.cpus.size())
        value_lane(
            ts.vars[v].name, [&](int col) { return format_value(ts.vars[v], p.state_at(col).at(v)); },
            [&](int col) { return col > 0 && p.state_at(col).at(v) != t.initial.at(v) ? "#fff4d6" : "#f1f1f1"; },
            ts.vars[v].name);
  }
  const int lanes_bottom = y;
  const int height = lanes_bottom + kFooterH;
  p.width = std::max(p.x_of(p.cols) + kPad, static_cast<int>(text_chars) * kCharW + 2 * kPad);

  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << p.width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << p.width << " " << height << "\" font-family=\"sans-serif\">\n";
  out << "<title>" << esc(title) << "</title>\n";
  out << "<style>\n"
         "text { fill: #1a1a1a; }\n"
         ".title { font: bold 16px sans-serif; }\n"
         ".info { font: 12px sans-serif; }\n"
         ".bad { font: bold 12px sans-serif; fill: #b00000; }\n"
         ".group { font: bold 13px sans-serif; }\n"
         ".lane { font: 12px sans-serif; }\n"
         ".ctx { font-style: italic; }\n"
         ".step { font: 11px monospace; text-anchor: middle; }\n"
         ".proc { font: 11px monospace; fill: #ffffff; }\n"
         ".v { font: 11px monospace; }\n"
         ".val { stroke: #8a8a8a; stroke-width: 1; }\n"
         ".sep { stroke: #e2e2e2; stroke-width: 1; }\n"
         ".grid { stroke: #d0d0d0; stroke-width: 1; stroke-dasharray: 2,3; }\n"
         ".wave { fill: none; stroke: #1a1a1a; stroke-width: 2; }\n"
         "</style>\n";
  out << "<rect x=\"0\" y=\"0\" width=\"" << p.width << "\" height=\"" << height << "\" fill=\"#ffffff\"/>\n";
  // The violating step (or state), behind everything else.
  out << "<rect id=\"violation\" x=\"" << p.x_of(p.bad_col()) << "\" y=\"" << kTitleH << "\" width=\"" << p.col_w
      << "\" height=\"" << lanes_bottom - kTitleH << "\" fill=\"#ffd9d9\" stroke=\"#d40000\" stroke-width=\"2\"/>\n";
  out << "<text class=\"title\" x=\"" << kPad << "\" y=\"24\">" << esc(title) << "</text>\n";
  out << "<text class=\"info\" x=\"" << kPad << "\" y=\"46\">" << esc(story) << "</text>\n";
  out << "<text class=\"bad\" x=\"" << kPad << "\" y=\"66\">" << esc(violated) << "</text>\n";
  // Step numbers and column grid.
  for (int col = 0; col < p.cols; ++col) {
    // A merged step spans several columns: 3, 3b, 3c, ...
    std::string label = col == 0 ? "init" : std::to_string(p.step_of(col));
    if (col > 1 && p.step_of(col) == p.step_of(col - 1)) {
      int nth = 1;
      while (col - nth > 0 && p.step_of(col - nth) == p.step_of(col)) ++nth;
      label += static_cast<char>('a' + std::min(nth - 1, 25));
    }
    if (col == p.bad_col()) label += " \xE2\x9C\x97";  // U+2717 ballot x
    out << "<text class=\"step\" x=\"" << p.x_of(col) + p.col_w / 2 << "\" y=\"" << kTitleH + 16 << "\">" << label
        << "</text>\n";
    out << "<line class=\"grid\" x1=\"" << p.x_of(col) << "\" y1=\"" << kTitleH << "\" x2=\"" << p.x_of(col)
        << "\" y2=\"" << lanes_bottom << "\"/>\n";
  }
  out << "<line class=\"grid\" x1=\"" << p.x_of(p.cols) << "\" y1=\"" << kTitleH << "\" x2=\"" << p.x_of(p.cols)
      << "\" y2=\"" << lanes_bottom << "\"/>\n";
  out << body.str();
  if (!hidden.empty())
    out << "<text class=\"info\" x=\"" << kPad << "\" y=\"" << lanes_bottom + 26 << "\">" << esc(hidden) << "</text>\n";
  out << "</svg>\n";
}

void print_html(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts) {
  const std::string name = property_name(ts, t);
  const bool assertion = t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ctcheck: counterexample for "
      << esc(name) << "</title>\n<style>\n"
      << "body { font-family: sans-serif; margin: 16px; background: #ffffff; color: #1a1a1a; }\n"
         "table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }\n"
         "td, th { border: 1px solid #cccccc; padding: 3px 8px; text-align: left; vertical-align: top; }\n"
         "td.code { font-family: monospace; white-space: pre-wrap; }\n"
         "tr.bad td { background: #ffd9d9; }\n"
         ".picture { overflow-x: auto; }\n"
         "</style>\n</head>\n<body>\n";
  out << "<div class=\"picture\">\n";
  print_svg(ts, t, out, opts);
  out << "</div>\n";
  out << "<table>\n<tr><th>step</th><th>cpu</th><th>context</th><th>procedure</th><th>statement</th><th>source</th></tr>\n";
  auto row = [&](int k, int action, const State &pre, bool bad) {
    const ir::Action &a = ts.actions.at(action);
    out << "<tr" << (bad ? " class=\"bad\"" : "") << "><td>" << k << "</td><td>cpu" << a.cpu << "</td><td>"
        << esc(format_contexts(contexts(ts, a.cpu, pre))) << "</td><td>" << esc(a.procedure) << "</td><td class=\"code\">"
        << esc(action_text(ts, action, &pre)) << "</td><td>" << esc(format_loc(a.loc)) << "</td></tr>\n";
  };
  const State *pre = &t.initial;
  const std::size_t n = t.steps.size();
  for (std::size_t k = 0; k < n; ++k) {
    row(t.group_of(k) + 1, t.steps[k].action, *pre, !assertion && k + 1 == n);
    pre = &t.steps[k].state;
  }
  if (assertion) row(t.depth() + 1, t.violating_action, t.final_state(), true);
  out << "</table>\n</body>\n</html>\n";
}

}  // namespace ctcheck::trace
