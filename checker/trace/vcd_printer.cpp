#include "trace/vcd_printer.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "trace/format.h"

namespace ctcheck::trace {
namespace {

using State = std::vector<std::uint64_t>;

// Short identifier codes: printable ASCII '!'..'~', base 94.
std::string id_code(std::size_t n) {
  std::string out;
  do {
    out += static_cast<char>('!' + n % 94);
    n /= 94;
  } while (n > 0);
  return out;
}

// A VCD reference name must be one token; GTKWave reads '[' as a bit range.
std::string ref_name(const std::string &s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '#' || c == '@' || c == ':' || c == '+' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

// Text inside $comment ... $end must not contain "$end".
std::string comment_text(std::string s) {
  for (std::size_t at = s.find("$end"); at != std::string::npos; at = s.find("$end", at + 2))
    s.replace(at, 4, "$ end");
  for (char &c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string value_text(std::uint64_t v, unsigned width, const std::string &id) {
  if (width <= 1) return std::string(1, (v & 1) ? '1' : '0') + id;
  v &= ir::mask_of(width);
  std::string bits;
  do {
    bits.insert(bits.begin(), (v & 1) ? '1' : '0');
    v >>= 1;
  } while (v > 0);
  return "b" + bits + " " + id;
}

struct Signal {
  std::string name;
  unsigned width;
  std::string id;
  const char *type;
};

// Scopes in order of first appearance; items are signals or child scopes.
struct Scope {
  std::string name;
  std::vector<std::pair<int, std::size_t>> items;  // (0, signal) or (1, child)
  std::vector<std::unique_ptr<Scope>> children;
  std::map<std::string, std::size_t> child_index;
  Scope *child(const std::string &n) {
    auto it = child_index.find(n);
    if (it != child_index.end()) return children[it->second].get();
    children.push_back(std::make_unique<Scope>());
    children.back()->name = n;
    child_index[n] = children.size() - 1;
    items.push_back({1, children.size() - 1});
    return children.back().get();
  }
};

void print_scope(const Scope &s, const std::vector<Signal> &signals, std::ostream &out) {
  out << "$scope module " << ref_name(s.name) << " $end\n";
  for (const auto &[kind, index] : s.items) {
    if (kind == 1) {
      print_scope(*s.children[index], signals, out);
      continue;
    }
    const Signal &sig = signals[index];
    out << "$var " << sig.type << " " << sig.width << " " << sig.id << " " << ref_name(sig.name);
    out << " $end\n";
  }
  out << "$upscope $end\n";
}

std::string step_line(const ir::TransitionSystem &ts, int k, int action, const State &pre) {
  const ir::Action &a = ts.actions.at(action);
  std::string line = "#" + std::to_string(k) + " cpu" + std::to_string(a.cpu) + " ";
  if (!a.procedure.empty()) line += a.procedure + ": ";
  line += action_text(ts, action, &pre);
  if (!a.loc.file.empty()) line += " (" + format_loc(a.loc) + ")";
  return comment_text(line);
}

}  // namespace

void print_vcd(const ir::TransitionSystem &ts, const Trace &t, std::ostream &out) {
  const bool known = t.property < ts.properties.size();
  const std::string name = known ? ts.properties[t.property].name : "property #" + std::to_string(t.property);
  const bool assertion =
      t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();

  out << "$comment\n";
  out << "  ctcheck counterexample for " << comment_text(name) << ": " << depth_phrase(ts, t) << "\n";
  if (known) out << "  " << comment_text(violation_message(ts, t)) << "\n";
  {
    const State *pre = &t.initial;
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
      out << "  " << step_line(ts, t.group_of(k) + 1, t.steps[k].action, *pre) << "\n";
      pre = &t.steps[k].state;
    }
    if (assertion)
      out << "  " << step_line(ts, t.depth() + 1, t.violating_action, t.final_state()) << "  <- assertion "
          << comment_text(name) << " fails\n";
    else
      out << "  invariant " << comment_text(name) << " is false at #" << t.depth() << "\n";
  }
  out << "$end\n";
  out << "$version ctcheck $end\n";
  out << "$timescale 1ns $end\n";

  // Signals: the three bookkeeping ones, then every state variable.
  std::vector<Signal> signals;
  Scope top;
  top.name = "ctcheck";
  auto add = [&](Scope &scope, const std::string &leaf, unsigned width, const char *type) {
    signals.push_back({leaf, width, id_code(signals.size()), type});
    scope.items.push_back({0, signals.size() - 1});
  };
  add(top, "step_cpu", 32, "integer");
  add(top, "step_action", 32, "integer");
  add(top, "violated", 1, "wire");
  // Per variable its signal, and for an enum a string signal NAME_name with
  // the enumerator (GTKWave's `string` extension; other viewers skip it).
  std::vector<std::size_t> sig_of(ts.vars.size());
  std::vector<int> name_sig_of(ts.vars.size(), -1);
  const std::vector<std::string> names = unique_var_names(ts);
  for (std::size_t i = 0; i < ts.vars.size(); ++i) {
    const ir::StateVar &v = ts.vars[i];
    Scope *scope = &top;
    std::string rest = names[i];
    for (std::size_t dot = rest.find('.'); dot != std::string::npos && dot + 1 < rest.size();
         dot = rest.find('.')) {
      scope = scope->child(rest.substr(0, dot));
      rest = rest.substr(dot + 1);
    }
    sig_of[i] = signals.size();
    add(*scope, rest, v.sort.width, "wire");
    if (!v.enum_names.empty()) {
      name_sig_of[i] = static_cast<int>(signals.size());
      add(*scope, rest + "_name", 1, "string");
    }
  }
  print_scope(top, signals, out);
  out << "$enddefinitions $end\n";

  const Signal &step_cpu = signals[0], &step_action = signals[1], &violated = signals[2];
  auto state_changes = [&](const State *pre, const State &now) {
    for (std::size_t i = 0; i < ts.vars.size() && i < now.size(); ++i)
      if (!pre || pre->size() <= i || (*pre)[i] != now[i]) {
        out << value_text(now[i], ts.vars[i].sort.width, signals[sig_of[i]].id) << "\n";
        if (name_sig_of[i] >= 0)
          out << "s" << ref_name(format_value(ts.vars[i], now[i])) << " " << signals[name_sig_of[i]].id
              << "\n";
      }
  };
  auto step_signals = [&](int action) {
    const ir::Action &a = ts.actions.at(action);
    out << value_text(static_cast<std::uint64_t>(a.cpu), 32, step_cpu.id) << "\n";
    out << value_text(static_cast<std::uint64_t>(action), 32, step_action.id) << "\n";
  };

  out << "#0\n$dumpvars\n";
  out << "bx " << step_cpu.id << "\n";
  out << "bx " << step_action.id << "\n";
  out << ((!assertion && t.depth() == 0) ? "1" : "0") << violated.id << "\n";
  state_changes(nullptr, t.initial);
  out << "$end\n";
  // Time k is the state after interleaving step k (the numbers of the text
  // trace): a merged step shows the state after its last statement, and
  // step_action that statement; the comment lists each of them.
  // (An assertion's statements that run before it in the failing step share
  // its time, depth + 1.)
  const State *pre = &t.initial;
  const int n = static_cast<int>(t.steps.size());
  int time = 0;
  for (int k = 0; k < n; ++k) {
    if (k + 1 < n && t.group_of(k + 1) == t.group_of(k)) continue;
    time = t.group_of(k) + 1;
    out << "#" << time << "\n";
    step_signals(t.steps[k].action);
    if (!assertion && k + 1 == n) out << "1" << violated.id << "\n";
    state_changes(pre, t.steps[k].state);
    pre = &t.steps[k].state;
  }
  int end = t.depth() + 1;
  if (assertion) {
    if (time != end) out << "#" << end << "\n";
    step_signals(t.violating_action);
    out << "1" << violated.id << "\n";
    ++end;
  }
  out << "#" << end << "\n";  // so the last values have a width in a viewer
}

}  // namespace ctcheck::trace
