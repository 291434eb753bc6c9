#include "trace/json_printer.h"

#include <cstdint>
#include <limits>
#include <unordered_map>

#include "core/hash.h"
#include "trace/format.h"

namespace ctcheck::trace {

using nlohmann::json;
using State = std::vector<std::uint64_t>;

namespace {

const char *action_kind(ir::ActionKind k) {
  switch (k) {
    case ir::ActionKind::Exec:
      return "exec";
    case ir::ActionKind::Deliver:
      return "deliver";
    case ir::ActionKind::Return:
      return "return";
  }
  return "?";
}

json raw_to_json(std::uint64_t v) {
  if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return static_cast<std::int64_t>(v);
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json location(const ir::SourceLoc &loc) { return {{"file", loc.file}, {"line", loc.line}}; }

json inputs_to_json(const State &in) {
  json a = json::array();
  for (std::uint64_t v : in) a.push_back(raw_to_json(v));
  return a;
}

json contexts_json(const ir::TransitionSystem &ts, int cpu, const State &s) {
  json a = json::array();
  for (const ContextFrame &f : contexts(ts, cpu, s))
    a.push_back({{"kind", f.kind}, {"name", f.name}, {"level", f.level}});
  return a;
}

// Fields that place an action: shared by steps and the violation.
void describe(const ir::TransitionSystem &ts, int action, const State &pre, const State &state, json &j) {
  const ir::Action &a = ts.actions.at(action);
  j["action_index"] = action;
  j["kind"] = action_kind(a.kind);
  j["cpu"] = a.cpu;
  j["level"] = a.level;
  j["action"] = action_text(ts, action, &pre);
  j["procedure"] = a.procedure;
  j["location"] = location(a.loc);
  j["contexts"] = contexts_json(ts, a.cpu, state);
  j["irqs_enabled"] = irqs_enabled(ts, a.cpu, state);
  j["mode"] = in_user_mode(ts, a.cpu, state) ? "user" : "kernel";
}

}  // namespace

json value_to_json(const ir::StateVar &var, std::uint64_t value) {
  if (var.sort.is_bool) return value != 0;
  if (value < var.enum_names.size() && !var.enum_names[value].empty()) return var.enum_names[value];
  if (var.is_signed) return as_signed(value, var.sort.width);
  return raw_to_json(value);
}

std::string model_fingerprint(const ir::TransitionSystem &ts) {
  std::string text;
  for (const ir::StateVar &v : ts.vars) text += "var " + v.name + " " + std::to_string(v.sort.width) + "\n";
  for (const ir::Action &a : ts.actions)
    text += "action " + std::string(action_kind(a.kind)) + " " + std::to_string(a.cpu) + " " +
            std::to_string(a.level) + " " + a.procedure + ": " + a.text + "\n";
  for (const ir::Property &p : ts.properties) text += "property " + p.name + "\n";
  return core::content_hash(text);
}

json trace_to_json(const ir::TransitionSystem &ts, const Trace &t) {
  json j;
  j["format_version"] = kTraceFormatVersion;
  j["model_fingerprint"] = model_fingerprint(ts);
  j["depth"] = t.depth();
  const std::vector<std::string> names = unique_var_names(ts);
  json init = json::object();
  for (std::size_t i = 0; i < ts.vars.size() && i < t.initial.size(); ++i)
    init[names[i]] = value_to_json(ts.vars[i], t.initial[i]);
  j["initial"] = init;

  json steps = json::array();
  const State *pre = &t.initial;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const TraceStep &st = t.steps[k];
    json s;
    s["index"] = t.group_of(k) + 1;  // the interleaving step: a merged step's actions share it
    describe(ts, st.action, *pre, st.state, s);
    s["inputs"] = inputs_to_json(st.inputs);
    json changes = json::object();
    for (std::size_t i = 0; i < ts.vars.size(); ++i)
      if (pre->at(i) != st.state.at(i)) changes[names[i]] = value_to_json(ts.vars[i], st.state[i]);
    s["changes"] = changes;
    steps.push_back(s);
    pre = &st.state;
  }
  j["steps"] = steps;

  json v;
  const bool known = t.property < ts.properties.size();
  v["property"] = known ? ts.properties[t.property].name : "";
  v["message"] = known ? violation_message(ts, t) : "";
  const bool assertion = t.violating_action >= 0;
  v["kind"] = assertion ? "assertion" : "invariant";
  v["location"] = location(violation_loc(ts, t));
  if (assertion && static_cast<std::size_t>(t.violating_action) < ts.actions.size()) {
    json a;
    describe(ts, t.violating_action, t.final_state(), t.final_state(), a);
    a["inputs"] = inputs_to_json(t.violating_inputs);
    v["in"] = a;
  }
  v["action_index"] = assertion ? t.violating_action : -1;
  // The step the property fails in (an assertion: the one after the `depth`
  // steps) or after (an invariant: the last one; 0 is the initial state).
  v["step"] = assertion ? t.depth() + 1 : t.depth();
  v["inputs"] = inputs_to_json(t.violating_inputs);
  j["violation"] = v;
  return j;
}

// ---- reading back ----

namespace {

struct Reader {
  const ir::TransitionSystem &ts;
  std::string error;

  bool fail(const std::string &why) {
    if (error.empty()) error = why;
    return false;
  }

  bool parse_hex(const std::string &s, std::uint64_t &out) {
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
    out = 0;
    for (std::size_t i = 2; i < s.size(); ++i) {
      const char c = s[i];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0 || i > 17) return false;
      out = out << 4 | static_cast<std::uint64_t>(d);
    }
    return true;
  }

  // Accepts what value_to_json writes, plus plain numbers for enums.
  bool value(const ir::StateVar &var, const json &j, std::uint64_t &out, const std::string &where) {
    const std::uint64_t m = ir::mask_of(var.sort.width);
    const std::string bad = where + ": " + var.name + " = " + j.dump();
    if (j.is_boolean()) {
      out = j.get<bool>() ? 1 : 0;
      return true;
    }
    if (j.is_string()) {
      const std::string s = j.get<std::string>();
      for (std::size_t i = 0; i < var.enum_names.size(); ++i)
        if (var.enum_names[i] == s) return out = i, true;
      if (parse_hex(s, out) && (out & ~m) == 0) return true;
      return fail(bad + " is neither a value of its enum nor a hex number of its width");
    }
    if (j.is_number_unsigned()) {
      out = j.get<std::uint64_t>();
      if (out & ~m) return fail(bad + " does not fit in " + std::to_string(var.sort.width) + " bits");
      return true;
    }
    if (j.is_number_integer()) {
      const std::int64_t n = j.get<std::int64_t>();
      out = static_cast<std::uint64_t>(n) & m;
      if (as_signed(out, var.sort.width) != n)
        return fail(bad + " does not fit in " + std::to_string(var.sort.width) + " bits");
      return true;
    }
    return fail(bad + " is not a bool, integer or name");
  }

  bool inputs(const json &j, State &out, const std::string &where) {
    out.assign(ts.inputs.size(), 0);
    if (j.is_null()) return true;                             // absent: all zero
    if (j.is_array() && j.empty()) return out.clear(), true;  // as written: keeps round trips exact
    if (!j.is_array() || j.size() != ts.inputs.size())
      return fail(where + ": \"inputs\" must be an array of " + std::to_string(ts.inputs.size()) + " values");
    for (std::size_t i = 0; i < j.size(); ++i) {
      ir::StateVar as_var;
      as_var.name = ts.inputs[i].name;
      as_var.sort = ts.inputs[i].sort;
      if (!value(as_var, j[i], out[i], where)) return false;
    }
    return true;
  }

  bool action_index(const json &j, int &out, const std::string &where) {
    if (!j.is_number_integer()) return fail(where + ": \"action_index\" missing or not an integer");
    const std::int64_t a = j.get<std::int64_t>();
    if (a < -1 || a >= static_cast<std::int64_t>(ts.actions.size()))
      return fail(where + ": action_index " + std::to_string(a) + " is not an action of the model");
    out = static_cast<int>(a);
    return true;
  }
};

json field(const json &j, const char *name) {
  return j.is_object() && j.contains(name) ? j.at(name) : json();
}

}  // namespace

std::optional<Trace> trace_from_json(const ir::TransitionSystem &ts, const json &j, std::string *error) {
  Reader r{ts, {}};
  auto failed = [&]() -> std::optional<Trace> {
    if (error) *error = r.error;
    return std::nullopt;
  };
  if (!j.is_object()) return r.fail("a trace must be a JSON object"), failed();
  const json version = field(j, "format_version");
  if (!version.is_null() && version != kTraceFormatVersion)
    return r.fail("unsupported format_version " + version.dump()), failed();
  const json fingerprint = field(j, "model_fingerprint");
  if (!fingerprint.is_null() && fingerprint != model_fingerprint(ts))
    return r.fail("it was written for another model (model_fingerprint " + fingerprint.dump() +
                  ", this model's \"" + model_fingerprint(ts) +
                  "\": the variables, statements or properties differ)"),
           failed();

  const std::vector<std::string> names = unique_var_names(ts);
  std::unordered_map<std::string, std::size_t> var_index;
  for (std::size_t i = 0; i < ts.vars.size(); ++i) var_index.emplace(names[i], i);

  Trace t;
  const json init = field(j, "initial");
  if (!init.is_object()) return r.fail("\"initial\" missing or not an object"), failed();
  t.initial.assign(ts.vars.size(), 0);
  for (std::size_t i = 0; i < ts.vars.size(); ++i) {
    if (!init.contains(names[i])) return r.fail("initial state lacks " + names[i]), failed();
    if (!r.value(ts.vars[i], init.at(names[i]), t.initial[i], "initial state")) return failed();
  }
  for (auto it = init.begin(); it != init.end(); ++it)
    if (!var_index.count(it.key())) return r.fail("initial state: unknown variable " + it.key()), failed();

  const json steps = field(j, "steps");
  if (!steps.is_array()) return r.fail("\"steps\" missing or not an array"), failed();
  State cur = t.initial;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const std::string where = "step " + std::to_string(k + 1);
    TraceStep st;
    if (!r.action_index(field(steps[k], "action_index"), st.action, where)) return failed();
    if (st.action < 0) return r.fail(where + ": action_index -1"), failed();
    if (!r.inputs(field(steps[k], "inputs"), st.inputs, where)) return failed();
    const json changes = field(steps[k], "changes");
    if (!changes.is_null() && !changes.is_object())
      return r.fail(where + ": \"changes\" not an object"), failed();
    if (changes.is_object())
      for (auto it = changes.begin(); it != changes.end(); ++it) {
        auto vi = var_index.find(it.key());
        if (vi == var_index.end()) return r.fail(where + ": unknown variable " + it.key()), failed();
        if (!r.value(ts.vars[vi->second], it.value(), cur[vi->second], where)) return failed();
      }
    st.state = cur;
    // Actions of one merged step share their index (trace_to_json).
    const json index = field(steps[k], "index");
    if (index.is_number_integer() && index.get<std::int64_t>() - 1 != static_cast<std::int64_t>(k)) {
      const std::int64_t g = index.get<std::int64_t>() - 1;
      if (g < 0 || g > static_cast<std::int64_t>(k) || (k > 0 && g < t.group_of(k - 1)))
        return r.fail(where + ": index " + index.dump() + " out of order"), failed();
      st.group = static_cast<int>(g);
    }
    t.steps.push_back(std::move(st));
  }
  const json depth = field(j, "depth");
  if (depth.is_number_integer() && depth.get<std::int64_t>() != static_cast<std::int64_t>(t.steps.size())) {
    const std::int64_t d = depth.get<std::int64_t>();
    if (d < 0 || d > static_cast<std::int64_t>(t.steps.size()) ||
        (!t.steps.empty() && d < t.group_of(t.steps.size() - 1)))
      return r.fail("\"depth\" " + depth.dump() + " does not match the steps"), failed();
    t.length = static_cast<int>(d);
  }

  const json v = field(j, "violation");
  if (!v.is_object()) return r.fail("\"violation\" missing or not an object"), failed();
  const json prop = field(v, "property");
  bool found = false;
  for (std::size_t p = 0; p < ts.properties.size() && prop.is_string(); ++p)
    if (ts.properties[p].name == prop.get<std::string>()) {
      t.property = static_cast<std::uint32_t>(p);
      found = true;
      break;
    }
  if (!found) return r.fail("violation: unknown property " + prop.dump()), failed();
  if (!r.action_index(field(v, "action_index"), t.violating_action, "violation")) return failed();
  if (t.violating_action >= 0 && !r.inputs(field(v, "inputs"), t.violating_inputs, "violation"))
    return failed();
  return t;
}

}  // namespace ctcheck::trace
