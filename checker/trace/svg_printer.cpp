#include "trace/svg_printer.h"

#include <algorithm>
#include <sstream>
#include <string>

#include "trace/format.h"
#include "trace/summary.h"
#include "trace/svg_layout.h"
#include "trace/xml.h"

namespace ctcheck::trace {
namespace {

using State = std::vector<std::uint64_t>;

// Geometry, in pixels (integers only, so the output is byte-for-byte stable).
constexpr int kPad = 12;
constexpr int kLabelW = 250;  // lane labels on the left
constexpr int kTitleH = 80;   // title, interleaving, violation
constexpr int kHeaderH = 22;  // step numbers
constexpr int kGroupH = 22;   // "cpu0" / "global" group heading
constexpr int kLaneH = 24;
constexpr int kFooterH = 64;
constexpr int kCharW = 7;  // 11px monospace, rounded up
constexpr int kMinColW = 64, kMaxColW = 140;
constexpr std::size_t kStmtChars = 40;  // statement text shown under the step numbers

// One line of SVG text or attribute: line breaks and tabs become spaces.
std::string esc(std::string s) {
  for (char &c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return xml_escape(s);
}

// Escaped, with line breaks kept as character references (hover text).
std::string esc_lines(const std::string &s) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
    out += esc(s.substr(start, nl - start)) + "&#10;";
  return out + esc(s.substr(start));
}

// Escaped text of at most `max` characters (UTF-8 code points; an ellipsis when cut).
std::string clip(const std::string &s, int max) {
  auto lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  int chars = 0;
  std::size_t cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lead(s[i]) && ++chars == max) cut = i;  // where the max-th character starts
  if (chars <= max) return esc(s);
  if (max <= 1) return "";
  return esc(s.substr(0, cut)) + "&#8230;";
}
// Escaped text that fits in `width` pixels of 11px monospace.
std::string fit(const std::string &s, int width) { return clip(s, (width - 8) / kCharW); }

// One line of statement text: comments and runs of blanks dropped.
std::string statement_line(std::string s) {
  const std::size_t comment = s.find("//");
  if (comment != std::string::npos) s.erase(comment);
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
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
  std::vector<SvgColumn> cols;
  bool assertion = false;
  int col_w = kMinColW;
  int stmt_h = 0;  // height of the statement band
  int culprit_col = -1;

  int ncols() const { return static_cast<int>(cols.size()); }
  const State &state_at(int col) const {
    const SvgColumn &c = cols[col];
    if (c.failing) return t.final_state();
    return c.last < 0 ? t.initial : t.steps[c.last].state;
  }
  const State &state_before(int col) const {
    const SvgColumn &c = cols[col];
    if (c.failing) return t.final_state();
    return c.first <= 0 ? t.initial : t.steps[c.first - 1].state;
  }
  // The action shown in column `col` (a folded call: its first statement; -1 for the initial state).
  int action_at(int col) const {
    const SvgColumn &c = cols[col];
    if (c.failing) return t.violating_action;
    return c.first < 0 ? -1 : t.steps[c.first].action;
  }
  int step_of_index(int i) const { return t.group_of(static_cast<std::size_t>(i)) + 1; }
  int x_of(int col) const { return kLabelW + col * col_w; }
  int bad_col() const { return ncols() - 1; }
  int lanes_top() const { return kTitleH + kHeaderH + stmt_h; }

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
  // "12", "12b" (the second statement of merged step 12), "12-15" (a folded call).
  std::string step_label(int col) const {
    const SvgColumn &c = cols[col];
    if (c.failing) return std::to_string(t.depth() + 1);
    if (c.first < 0) return "init";
    const int s = step_of_index(c.first), e = step_of_index(c.last);
    if (s != e) return std::to_string(s) + "-" + std::to_string(e);
    int nth = 0;
    while (c.first - nth - 1 >= 0 && step_of_index(c.first - nth - 1) == s) ++nth;
    return nth == 0 ? std::to_string(s) : std::to_string(s) + static_cast<char>('a' + std::min(nth, 25));
  }
  std::string statement(int action, const State &pre) const {
    return statement_line(action_text(ts, action, &pre));
  }
  // The statement under the step number: a folded call by name.
  std::string column_text(int col) const {
    const SvgColumn &c = cols[col];
    if (c.folded()) return c.fold + "() [" + std::to_string(c.last - c.first + 1) + " statements]";
    const int a = action_at(col);
    return a < 0 ? "" : statement(a, state_before(col));
  }
  std::string step_title(int col) const {
    const SvgColumn &c = cols[col];
    std::string s;
    const int first = c.failing ? -1 : c.first, last = c.failing ? -1 : c.last;
    auto line = [&](int action, const State &pre, const std::string &step) {
      const ir::Action &a = ts.actions.at(action);
      std::string l = "step " + step + ", cpu" + std::to_string(a.cpu) + ": ";
      if (!a.procedure.empty()) l += a.procedure + ": ";
      l += statement(action, pre);
      if (!a.loc.file.empty()) l += " (" + format_loc(a.loc) + ")";
      return l;
    };
    if (c.failing)
      return line(t.violating_action, t.final_state(), step_label(col)) + " -- the assertion fails here";
    if (c.folded()) s = c.fold + "() runs " + std::to_string(last - first + 1) + " statements and returns:";
    for (int i = first; i <= last; ++i) {
      if (!s.empty()) s += "\n";
      s += line(t.steps[i].action, i == 0 ? t.initial : t.steps[i - 1].state,
                std::to_string(step_of_index(i)));
    }
    if (col == culprit_col) s += " -- the culprit: the last change of IF or the context-tracking state";
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

// The drawing: lane labels (the left column, `labels`) and everything to
// their right (`body`) go to two streams, so the HTML page can keep the
// labels in view while the steps scroll; a standalone SVG holds both.
struct Drawing {
  std::ostringstream labels, body;
  int height = 0, width = 0;
  std::vector<std::string> notes;  // footer lines
};

// Which lanes, and the notes for what is left out.
struct Lanes {
  std::vector<std::uint32_t> values;  // model variables with a value lane
  std::vector<std::string> notes;
};

Lanes choose_lanes(const ir::TransitionSystem &ts, const Trace &t, const SvgOptions &opts) {
  Lanes l;
  l.values = value_lane_vars(ts, t, opts.max_value_lanes);
  std::size_t not_shown = 0;
  std::string unchanged;
  const std::vector<std::string> names = unique_var_names(ts);
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    if (ts.vars[v].role != ir::VarRole::Model || std::binary_search(l.values.begin(), l.values.end(), v))
      continue;
    if (!constant_in_trace(t, v))
      ++not_shown;
    else if (preferred_name(ts.vars[v].name))
      unchanged +=
          (unchanged.empty() ? "" : ", ") + names[v] + " = " + format_value(ts.vars[v], t.initial.at(v));
  }
  if (!unchanged.empty()) l.notes.push_back("Unchanged throughout: " + unchanged);
  if (not_shown > 0)
    l.notes.push_back(std::to_string(not_shown) +
                      " more model variable(s) change in this trace but have no lane (see the text trace)");
  return l;
}

void draw(Picture &p, const Lanes &lanes, Drawing &d, bool links) {
  const ir::TransitionSystem &ts = p.ts;
  const Trace &t = p.t;
  int y = p.lanes_top();
  auto lane_label = [&](int top, const std::string &label, const std::string &cls) {
    d.labels << "<text class=\"" << cls << "\" x=\"" << kPad + 12 << "\" y=\"" << top + 16 << "\">"
             << fit(label, kLabelW - kPad - 16) << "</text>\n";
    d.labels << "<line class=\"sep\" x1=\"" << kPad << "\" y1=\"" << top + kLaneH << "\" x2=\"" << kLabelW
             << "\" y2=\"" << top + kLaneH << "\"/>\n";
    d.body << "<line class=\"sep\" x1=\"" << kLabelW << "\" y1=\"" << top + kLaneH << "\" x2=\""
           << p.x_of(p.ncols()) << "\" y2=\"" << top + kLaneH << "\"/>\n";
  };
  auto group = [&](const std::string &label) {
    d.labels << "<text class=\"group\" x=\"" << kPad << "\" y=\"" << y + 16 << "\">" << esc(label)
             << "</text>\n";
    y += kGroupH;
  };
  // A lane of boxes, one per run of equal text; `fill` picks the colour.
  auto value_lane = [&](const std::string &label, auto text_at, auto fill_at, const std::string &tip) {
    lane_label(y, label, "lane");
    for (const Run &r : runs(p.ncols(), text_at)) {
      const int x = p.x_of(r.from) + 2, w = (r.to - r.from + 1) * p.col_w - 4;
      d.body << "<g><title>" << esc(tip + " = " + r.text) << "</title><rect class=\"val\" x=\"" << x
             << "\" y=\"" << y + 3 << "\" width=\"" << w << "\" height=\"" << kLaneH - 6 << "\" fill=\""
             << fill_at(r.from) << "\"/><text class=\"v\" x=\"" << x + 5 << "\" y=\"" << y + 16 << "\">"
             << fit(r.text, w) << "</text></g>\n";
    }
    y += kLaneH;
  };
  auto var_lane = [&](std::uint32_t v, const std::string &name) {
    value_lane(
        name, [&](int col) { return format_value(ts.vars[v], p.state_at(col).at(v)); },
        [&](int col) { return col > 0 && p.state_at(col).at(v) != t.initial.at(v) ? "#fff4d6" : "#f1f1f1"; },
        name);
  };
  const std::vector<std::string> names = unique_var_names(ts);

  for (std::size_t c = 0; c < ts.cpus.size(); ++c) {
    const int cpu = static_cast<int>(c);
    bool runs_any = false;
    for (const TraceStep &st : t.steps) runs_any |= ts.actions.at(st.action).cpu == cpu;
    runs_any |= p.assertion && ts.actions.at(t.violating_action).cpu == cpu;
    if (!runs_any) {
      group("cpu" + std::to_string(c) + ": no step (" + format_contexts(contexts(ts, cpu, t.initial)) +
            (irqs_enabled(ts, cpu, t.initial) ? ", IF=1" : ", IF=0") + ")");
      continue;
    }
    group("cpu" + std::to_string(c));
    for (int lane : busy_context_lanes(ts, t, cpu)) {
      const std::string kind = lane == 0 ? "task" : kind_name(ts.sources[lane - 1].kind);
      const std::string name = lane == 0 ? ts.cpus[c].task : ts.sources[lane - 1].name;
      lane_label(y, kind + " " + name, "lane ctx");
      const char *color = kind_color(kind);
      for (int col = 0; col < p.ncols(); ++col) {
        const int action = p.action_at(col);
        const int x = p.x_of(col);
        const bool here =
            action >= 0 && ts.actions[action].cpu == cpu && p.lane_of(action, p.state_before(col)) == lane;
        if (here) {
          const SvgColumn &sc = p.cols[col];
          const bool bad = p.assertion && col == p.bad_col();
          const std::string text =
              sc.folded() ? "\xE2\x96\xB8 " + sc.fold : ts.actions[action].procedure;  // U+25B8
          if (sc.folded() && links) d.body << "<a href=\"#all-steps\">";
          d.body << "<g" << (sc.folded() ? " class=\"fold\"" : "") << "><title>"
                 << esc_lines(p.step_title(col)) << "</title><rect x=\"" << x + 2 << "\" y=\"" << y + 2
                 << "\" width=\"" << p.col_w - 4 << "\" height=\"" << kLaneH - 4 << "\" rx=\"3\" fill=\""
                 << color << "\"" << (bad ? " stroke=\"#d40000\" stroke-width=\"3\"" : "")
                 << (sc.folded() ? " stroke=\"#1a1a1a\" stroke-dasharray=\"3,2\"" : "")
                 << "/><text class=\"proc\" x=\"" << x + 6 << "\" y=\"" << y + 16 << "\">"
                 << fit(text, p.col_w - 4) << "</text></g>";
          d.body << (sc.folded() && links ? "</a>\n" : "\n");
        } else if (p.on_stack(cpu, lane, p.state_at(col))) {
          d.body << "<rect x=\"" << x << "\" y=\"" << y + 8 << "\" width=\"" << p.col_w << "\" height=\""
                 << kLaneH - 16 << "\" fill=\"" << color << "\" fill-opacity=\"0.3\"/>\n";
        }
      }
      y += kLaneH;
    }
    // IF as a waveform.
    {
      lane_label(y, "IF", "lane");
      const int hi = y + 5, lo = y + kLaneH - 5;
      d.body << "<polyline class=\"wave\" points=\"";
      for (int col = 0; col < p.ncols(); ++col) {
        const int wy = irqs_enabled(ts, cpu, p.state_at(col)) ? hi : lo;
        d.body << (col ? " " : "") << p.x_of(col) << "," << wy << " " << p.x_of(col + 1) << "," << wy;
      }
      d.body << "\"/>\n";
      for (const Run &r : runs(p.ncols(), [&](int col) {
             return std::string(irqs_enabled(ts, cpu, p.state_at(col)) ? "1" : "0");
           }))
        d.body << "<text class=\"v\" x=\"" << p.x_of(r.from) + 5 << "\" y=\""
               << (r.text == "1" ? hi + 15 : lo - 5) << "\">IF=" << r.text << "</text>\n";
      y += kLaneH;
    }
    bool mode_changes = false;
    for (int col = 1; col < p.ncols(); ++col)
      mode_changes |= in_user_mode(ts, cpu, p.state_at(col)) != in_user_mode(ts, cpu, t.initial);
    if (mode_changes)
      value_lane(
          "mode",
          [&](int col) { return std::string(in_user_mode(ts, cpu, p.state_at(col)) ? "user" : "kernel"); },
          [&](int col) { return in_user_mode(ts, cpu, p.state_at(col)) ? "#ffe7a3" : "#e3ebf7"; },
          "cpu" + std::to_string(c) + " mode");
    else
      d.notes.push_back("cpu" + std::to_string(c) + " stays in " +
                        (in_user_mode(ts, cpu, t.initial) ? "user" : "kernel") + " mode");
    for (std::uint32_t v : lanes.values)
      if (ts.vars[v].cpu == cpu) var_lane(v, names[v]);
  }
  bool globals = false;
  for (std::uint32_t v : lanes.values)
    globals |= ts.vars[v].cpu < 0 || static_cast<std::size_t>(ts.vars[v].cpu) >= ts.cpus.size();
  if (globals) {
    group("global");
    for (std::uint32_t v : lanes.values)
      if (ts.vars[v].cpu < 0 || static_cast<std::size_t>(ts.vars[v].cpu) >= ts.cpus.size())
        var_lane(v, names[v]);
  }
  for (const std::string &n : lanes.notes) d.notes.push_back(n);
  d.height = y;
}

// The columns' backgrounds, step numbers, statements and grid, behind the lanes.
void draw_columns(const Picture &p, int lanes_bottom, std::ostream &out) {
  const int top = kTitleH;
  out << "<rect id=\"violation\" x=\"" << p.x_of(p.bad_col()) << "\" y=\"" << top << "\" width=\"" << p.col_w
      << "\" height=\"" << lanes_bottom - top
      << "\" fill=\"#ffd9d9\" stroke=\"#d40000\" stroke-width=\"2\"/>\n";
  if (p.culprit_col >= 0 && p.culprit_col != p.bad_col())
    out << "<rect id=\"culprit\" x=\"" << p.x_of(p.culprit_col) << "\" y=\"" << top << "\" width=\""
        << p.col_w << "\" height=\"" << lanes_bottom - top
        << "\" fill=\"#ffeccc\" stroke=\"#e8762b\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>\n";
  for (int col = 0; col < p.ncols(); ++col) {
    std::string label = p.step_label(col);
    if (col == p.bad_col()) label += " \xE2\x9C\x97";  // U+2717 ballot x
    const int cx = p.x_of(col) + p.col_w / 2;
    out << "<text class=\"step\" x=\"" << cx << "\" y=\"" << top + 16 << "\">" << esc(label) << "</text>\n";
    const std::string stmt = p.column_text(col);
    if (!stmt.empty()) {
      const int by = top + kHeaderH + p.stmt_h - 6;
      out << "<text class=\"stmt\" x=\"" << cx + 4 << "\" y=\"" << by << "\" transform=\"rotate(-90 "
          << cx + 4 << " " << by << ")\">" << clip(stmt, static_cast<int>(kStmtChars)) << "</text>\n";
    }
    out << "<line class=\"grid\" x1=\"" << p.x_of(col) << "\" y1=\"" << top << "\" x2=\"" << p.x_of(col)
        << "\" y2=\"" << lanes_bottom << "\"/>\n";
  }
  out << "<line class=\"grid\" x1=\"" << p.x_of(p.ncols()) << "\" y1=\"" << top << "\" x2=\""
      << p.x_of(p.ncols()) << "\" y2=\"" << lanes_bottom << "\"/>\n";
}

const char *kStyle =
    "<style>\n"
    "text { fill: #1a1a1a; }\n"
    ".title { font: bold 16px sans-serif; }\n"
    ".info { font: 12px sans-serif; }\n"
    ".bad { font: bold 12px sans-serif; fill: #b00000; }\n"
    ".group { font: bold 13px sans-serif; }\n"
    ".lane { font: 12px sans-serif; }\n"
    ".ctx { font-style: italic; }\n"
    ".step { font: 11px monospace; text-anchor: middle; }\n"
    ".stmt { font: 11px monospace; fill: #333333; }\n"
    ".proc { font: 11px monospace; fill: #ffffff; }\n"
    ".v { font: 11px monospace; }\n"
    ".val { stroke: #8a8a8a; stroke-width: 1; }\n"
    ".sep { stroke: #e2e2e2; stroke-width: 1; }\n"
    ".grid { stroke: #d0d0d0; stroke-width: 1; stroke-dasharray: 2,3; }\n"
    ".wave { fill: none; stroke: #1a1a1a; stroke-width: 2; }\n"
    "</style>\n";

// Everything print_svg and print_html share: the layout and the drawing.
struct Rendered {
  std::string title, story, violated;
  std::vector<std::string> notes;
  Drawing drawing;
  std::ostringstream columns;
  int width = 0, height = 0, lanes_bottom = 0, label_w = kLabelW;
};

void render(const ir::TransitionSystem &ts, const Trace &t, const SvgOptions &opts, bool fold, bool links,
            Rendered &r) {
  Picture p{ts, t, svg_columns(ts, t, fold)};
  p.assertion = t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();
  const int culprit = culprit_step(ts, t);
  for (int col = 1; col < p.ncols(); ++col)
    if (!p.cols[col].failing && p.cols[col].first <= culprit && culprit <= p.cols[col].last)
      p.culprit_col = col;
  const Lanes lanes = choose_lanes(ts, t, opts);

  // Column width: the longest procedure (or folded call) name or value shown, within bounds.
  std::size_t longest = 6, stmt = 0;
  for (int c = 1; c < p.ncols(); ++c) {
    const std::string name =
        p.cols[c].folded() ? p.cols[c].fold + "xx" : ts.actions.at(p.action_at(c)).procedure;  // "▸ "
    longest = std::max(longest, name.size());
    stmt = std::max(stmt, std::min(kStmtChars, p.column_text(c).size()));
  }
  for (std::uint32_t v : lanes.values)
    for (int c = 0; c < p.ncols(); ++c)
      longest = std::max(longest, format_value(ts.vars[v], p.state_at(c).at(v)).size());
  p.col_w = std::clamp(static_cast<int>(longest) * kCharW + 12, kMinColW, kMaxColW);
  p.stmt_h = static_cast<int>(stmt) * kCharW + 12;

  r.title = "Counterexample for " + property_name(ts, t) + ": " + depth_phrase(ts, t);
  r.story = "Interleaving: " + interleaving_summary(ts, t);
  r.violated = violation_line(ts, t, p.assertion);
  draw(p, lanes, r.drawing, links);
  r.lanes_bottom = r.drawing.height;
  r.notes = r.drawing.notes;
  if (p.culprit_col >= 0)
    r.notes.push_back(
        "Culprit" + std::string(p.culprit_col == p.bad_col() ? " (the violating step)" : " (dashed orange)") +
        ": step " + p.step_label(p.culprit_col) +
        ", the last change of IF or the context-tracking state before the violation");
  if (fold) {
    int folded = 0;
    for (const SvgColumn &c : p.cols) folded += c.folded();
    if (folded > 0)
      r.notes.push_back(std::to_string(folded) + " completed call(s) folded into one box each (dashed, " +
                        "\xE2\x96\xB8" + "): hover for their statements" +
                        (links ? ", click for every statement" : ""));
  }
  draw_columns(p, r.lanes_bottom, r.columns);
  std::size_t text_chars = std::max({r.title.size() * 9 / 7, r.story.size(), r.violated.size()});
  for (const std::string &n : r.notes) text_chars = std::max(text_chars, n.size());
  r.height = r.lanes_bottom + kFooterH + 16 * static_cast<int>(r.notes.size() > 2 ? r.notes.size() - 2 : 0);
  r.width = std::max(p.x_of(p.ncols()) + kPad, links ? 0 : static_cast<int>(text_chars) * kCharW + 2 * kPad);
}

// An <svg> showing the region [x, x + width) x [y, y + height) of the picture.
void open_svg(std::ostream &out, int x, int y, int width, int height, const std::string &title) {
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"" << x << " " << y << " " << width << " " << height
      << "\" font-family=\"sans-serif\">\n";
  out << "<title>" << esc(title) << "</title>\n" << kStyle;
  out << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << width << "\" height=\"" << height
      << "\" fill=\"#ffffff\"/>\n";
}

void notes_text(const Rendered &r, std::ostream &out) {
  int y = r.lanes_bottom + 26;
  for (const std::string &n : r.notes) {
    out << "<text class=\"info\" x=\"" << kPad << "\" y=\"" << y << "\">" << esc(n) << "</text>\n";
    y += 16;
  }
}

}  // namespace

std::vector<std::uint32_t> value_lane_vars(const ir::TransitionSystem &ts, const Trace &t, std::size_t cap) {
  std::vector<std::pair<int, std::uint32_t>> ranked;  // (rank, var)
  for (std::uint32_t v = 0; v < ts.vars.size(); ++v) {
    if (ts.vars[v].role != ir::VarRole::Model || v >= t.initial.size() || constant_in_trace(t, v)) continue;
    ranked.push_back({preferred_name(ts.vars[v].name) ? 0 : 1, v});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < ranked.size() && i < cap; ++i) out.push_back(ranked[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

void print_svg(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts) {
  Rendered r;
  render(ts, t, opts, opts.fold, false, r);
  open_svg(out, 0, 0, r.width, r.height, r.title);
  out << r.columns.str();
  out << "<text class=\"title\" x=\"" << kPad << "\" y=\"24\">" << esc(r.title) << "</text>\n";
  out << "<text class=\"info\" x=\"" << kPad << "\" y=\"46\">" << esc(r.story) << "</text>\n";
  out << "<text class=\"bad\" x=\"" << kPad << "\" y=\"66\">" << esc(r.violated) << "</text>\n";
  out << r.drawing.labels.str() << r.drawing.body.str();
  notes_text(r, out);
  out << "</svg>\n";
}

namespace {

// The picture as two SVGs side by side: the lane labels stay in view
// (position: sticky) while the steps scroll.
void html_picture(const ir::TransitionSystem &ts, const Trace &t, const SvgOptions &opts, bool fold,
                  std::ostream &out) {
  Rendered r;
  render(ts, t, opts, fold, true, r);
  out << "<div class=\"picture\"><div class=\"row\">\n<div class=\"labels\">\n";
  const int h = r.lanes_bottom - kTitleH;  // the page has the title lines as text
  open_svg(out, 0, kTitleH, kLabelW, h, r.title);
  out << r.drawing.labels.str() << "</svg>\n</div>\n";
  open_svg(out, kLabelW, kTitleH, r.width - kLabelW, h, r.title);
  out << r.columns.str() << r.drawing.body.str() << "</svg>\n</div></div>\n";
  for (const std::string &n : r.notes) out << "<p class=\"note\">" << esc(n) << "</p>\n";
}

}  // namespace

void print_html(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out, const SvgOptions &opts) {
  const std::string name = property_name(ts, t);
  const bool assertion =
      t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ctcheck: "
         "counterexample for "
      << esc(name) << "</title>\n<style>\n"
      << "body { font-family: sans-serif; margin: 16px; background: #ffffff; color: #1a1a1a; }\n"
         "h1 { font-size: 16px; }\n"
         "p.bad { color: #b00000; font-weight: bold; }\n"
         "p.note { font-size: 12px; margin: 2px 0; }\n"
         "table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }\n"
         "td, th { border: 1px solid #cccccc; padding: 3px 8px; text-align: left; vertical-align: top; }\n"
         "td.code { font-family: monospace; white-space: pre-wrap; }\n"
         "tr.bad td { background: #ffd9d9; }\n"
         "tr.culprit td { background: #ffeccc; }\n"
         ".picture { overflow-x: auto; }\n"
         ".row { display: flex; width: max-content; }\n"
         ".labels { position: sticky; left: 0; z-index: 1; background: #ffffff; box-shadow: 2px 0 3px "
         "#dddddd; }\n"
         ".labels svg, .row > svg { display: block; }\n"
         "#all-steps { display: none; }\n"
         "#all-steps:target { display: block; }\n"
         "</style>\n</head>\n<body>\n";
  Rendered head;
  render(ts, t, opts, false, true, head);
  out << "<h1>" << esc(head.title) << "</h1>\n<p>" << esc(head.story) << "</p>\n<p class=\"bad\">"
      << esc(head.violated) << "</p>\n";
  html_picture(ts, t, opts, opts.fold, out);
  bool folded = false;
  for (const SvgColumn &c : svg_columns(ts, t, opts.fold)) folded |= c.folded();
  if (folded) {
    out << "<p><a href=\"#all-steps\">Show every statement</a></p>\n<div id=\"all-steps\">\n";
    html_picture(ts, t, opts, false, out);
    out << "</div>\n";
  }
  const int culprit = culprit_step(ts, t);
  out << "<table>\n<tr><th>step</th><th>cpu</th><th>context</th><th>procedure</th><th>statement</"
         "th><th>source</th></tr>\n";
  auto row = [&](int k, int action, const State &pre, const char *cls) {
    const ir::Action &a = ts.actions.at(action);
    out << "<tr" << (*cls ? std::string(" class=\"") + cls + "\"" : "") << "><td>" << k << "</td><td>cpu"
        << a.cpu << "</td><td>" << esc(format_contexts(contexts(ts, a.cpu, pre))) << "</td><td>"
        << esc(a.procedure) << "</td><td class=\"code\">" << esc(action_text(ts, action, &pre)) << "</td><td>"
        << esc(format_loc(a.loc)) << "</td></tr>\n";
  };
  const State *pre = &t.initial;
  const std::size_t n = t.steps.size();
  for (std::size_t k = 0; k < n; ++k) {
    const char *cls = !assertion && k + 1 == n ? "bad" : static_cast<int>(k) == culprit ? "culprit" : "";
    row(t.group_of(k) + 1, t.steps[k].action, *pre, cls);
    pre = &t.steps[k].state;
  }
  if (assertion) row(t.depth() + 1, t.violating_action, t.final_state(), "bad");
  out << "</table>\n</body>\n</html>\n";
}

}  // namespace ctcheck::trace
