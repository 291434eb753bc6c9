#include "trace/itf_printer.h"

#include <cstdint>

#include "trace/format.h"

namespace ctcheck::trace {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxSafe = (std::int64_t{1} << 53) - 1;

json itf_value(const ir::StateVar &v, std::uint64_t raw) {
  if (v.sort.is_bool) return raw != 0;
  if (raw < v.enum_names.size() && !v.enum_names[raw].empty()) return v.enum_names[raw];
  if (v.is_signed) {
    const std::int64_t s = as_signed(raw, v.sort.width);
    if (s >= -kMaxSafe && s <= kMaxSafe) return s;
    return json{{"#bigint", std::to_string(s)}};
  }
  if (raw <= static_cast<std::uint64_t>(kMaxSafe)) return raw;
  return json{{"#bigint", std::to_string(raw)}};
}

const char *itf_type(const ir::StateVar &v) {
  if (v.sort.is_bool) return "Bool";
  if (!v.enum_names.empty()) return "Str";
  return "Int";
}

json location(const ir::SourceLoc &l) { return json{{"file", l.file}, {"line", l.line}}; }

}  // namespace

json trace_to_itf(const ir::TransitionSystem &ts, const core::Trace &t, const std::string &model) {
  const std::vector<std::string> names = unique_var_names(ts);
  json types = json::object();
  for (std::size_t i = 0; i < ts.vars.size(); ++i) types[names[i]] = itf_type(ts.vars[i]);

  json meta{{"format", "ITF"},
            {"format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html"},
            {"source", model},
            {"varTypes", types}};
  const bool known = t.property < ts.properties.size();
  const std::string name = known ? ts.properties[t.property].name : "property #" + std::to_string(t.property);
  meta["description"] = "ctcheck counterexample for " + name + ": " + depth_phrase(ts, t);
  const bool assertion =
      t.violating_action >= 0 && static_cast<std::size_t>(t.violating_action) < ts.actions.size();
  json violation{{"property", name},
                 {"kind", assertion ? "assertion" : "invariant"},
                 {"message", known ? violation_message(ts, t) : ""},
                 {"location", location(violation_loc(ts, t))},
                 {"depth", t.depth()},
                 {"step", assertion ? t.depth() + 1 : t.depth()}};
  if (assertion) {
    const ir::Action &a = ts.actions[t.violating_action];
    violation["cpu"] = a.cpu;
    violation["procedure"] = a.procedure;
    violation["statement"] = action_text(ts, t.violating_action, &t.final_state());
  }
  meta["violation"] = violation;

  auto state = [&](const std::vector<std::uint64_t> &values, json m) {
    json s{{"#meta", std::move(m)}};
    for (std::size_t i = 0; i < ts.vars.size() && i < values.size(); ++i)
      s[names[i]] = itf_value(ts.vars[i], values[i]);
    return s;
  };
  json states = json::array({state(t.initial, json{{"index", 0}})});
  const std::vector<std::uint64_t> *pre = &t.initial;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const ir::Action &a = ts.actions.at(t.steps[k].action);
    json m{{"index", k + 1},
           {"step", t.group_of(k) + 1},
           {"cpu", a.cpu},
           {"procedure", a.procedure},
           {"statement", action_text(ts, t.steps[k].action, pre)},
           {"location", location(a.loc)}};
    states.push_back(state(t.steps[k].state, std::move(m)));
    pre = &t.steps[k].state;
  }
  json vars = json::array();
  for (const std::string &n : names) vars.push_back(n);
  return json{{"#meta", meta}, {"vars", vars}, {"states", states}};
}

}  // namespace ctcheck::trace
