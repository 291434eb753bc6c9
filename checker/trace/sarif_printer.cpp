#include "trace/sarif_printer.h"

#include <map>
#include <set>

#include "trace/results_printer.h"

namespace ctcheck::trace {

using nlohmann::json;

namespace {

json physical(const ReportLoc &loc, const SarifOptions &opts) {
  json p{{"artifactLocation", {{"uri", relative_uri(loc.file, opts.root)}}}};
  if (loc.line > 0) p["region"] = {{"startLine", loc.line}};
  return p;
}

// A location in the model; the model file itself when the property has none.
json location(const ReportLoc &loc, const std::string &model, const SarifOptions &opts) {
  if (!loc.file.empty()) return json{{"physicalLocation", physical(loc, opts)}};
  return json{{"physicalLocation", physical({model, 0}, opts)}};
}

std::string step_text(const ReportStep &s, bool violating) {
  std::string t = "step " + std::to_string(s.index) + ", cpu" + std::to_string(s.cpu);
  if (!s.contexts.empty()) t += " [" + s.contexts + "]";
  t += ": " + s.action;
  if (violating) t += "  <-- fails here";
  return t;
}

json code_flow(const PropertyReport &p, const std::string &model, const SarifOptions &opts) {
  json locs = json::array();
  int order = 0;
  for (const ReportStep &s : p.steps) {
    // The failing statement is the last entry; statements before it in the
    // same (merged) step share its step number.
    const bool violating = s.index > p.depth && &s == &p.steps.back();
    ++order;
    json loc = s.loc.file.empty() ? json::object() : json{{"physicalLocation", physical(s.loc, opts)}};
    if (s.loc.file.empty()) loc["physicalLocation"] = physical({model, 0}, opts);
    loc["message"] = {{"text", step_text(s, violating)}};
    json tfl{{"location", loc},
             {"executionOrder", order},
             {"nestingLevel", s.level},
             {"importance", violating || s.kind != "exec" ? "essential" : "important"}};
    if (!s.changes.empty()) {
      json state = json::object();
      for (const auto &[name, value] : s.changes) state[name] = {{"text", value}};
      tfl["state"] = state;
    }
    tfl["properties"] = {{"cpu", s.cpu}, {"kind", s.kind}};
    locs.push_back(tfl);
  }
  return json{{"message", {{"text", p.summary.empty() ? p.property : p.summary}}},
              {"threadFlows", json::array({json{{"locations", locs}}})}};
}

// The last step of a counterexample located in a file of the change under
// review (m.patched_files): GitHub annotates that line of the diff. Null when
// the trace does not pass through one.
const ReportStep *changed_step(const PropertyReport &p, const ModelReport &m) {
  if (m.patched_files.empty()) return nullptr;
  std::set<std::string> changed;
  for (const std::string &f : m.patched_files) changed.insert(relative_uri(f));
  for (auto it = p.steps.rbegin(); it != p.steps.rend(); ++it)
    if (!it->loc.file.empty() && it->loc.line > 0 && changed.count(relative_uri(it->loc.file))) return &*it;
  return nullptr;
}

}  // namespace

json to_sarif(const std::vector<ModelReport> &models, const SarifOptions &opts) {
  json rules = json::array();
  std::map<std::string, int> rule_index;
  auto rule = [&](const PropertyReport &p) {
    auto it = rule_index.find(p.property);
    if (it != rule_index.end()) return it->second;
    const std::string text = p.message.empty() ? "property " + p.property : p.message;
    rules.push_back({{"id", p.property},
                     {"name", p.property},
                     {"shortDescription", {{"text", text}}},
                     {"fullDescription", {{"text", text}}},
                     {"defaultConfiguration", {{"level", "error"}}}});
    const int i = static_cast<int>(rules.size()) - 1;
    rule_index[p.property] = i;
    return i;
  };

  json results = json::array();
  json notifications = json::array();
  for (const ModelReport &m : models) {
    if (!m.error.empty()) {
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", m.model + ": " + m.error}}},
                               {"locations", json::array({location({m.model, 0}, m.model, opts)})}});
      continue;
    }
    if (m.incomplete)
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", m.model + ": interrupted; undecided properties are unknown"}}},
           {"locations", json::array({location({m.model, 0}, m.model, opts)})}});
    for (const PropertyReport &p : m.properties) {
      const bool violated = p.verdict == core::Verdict::Violated,
                 unknown = p.verdict == core::Verdict::Unknown;
      if (!violated && !unknown && p.ok) continue;  // proved or bounded, as expected
      json r{{"ruleId", p.property}, {"ruleIndex", rule(p)}};
      std::string text;
      if (violated) {
        r["level"] = "error";
        text =
            (p.message.empty() ? p.property : p.message) + ": " + p.property + " " + p.got + " in " + m.model;
        if (!p.summary.empty()) text += " (" + p.summary + ")";
        if (!p.ok && !p.problem.empty() && !p.expected.empty()) text += "; " + p.problem;
      } else if (unknown && p.ok) {
        r["level"] = "note";
        text = p.property + " " + p.got + " in " + m.model;
      } else {
        r["level"] = "error";
        text = p.property + " in " + m.model + ": " + (p.problem.empty() ? p.got : p.problem);
      }
      const ReportStep *patch = violated ? changed_step(p, m) : nullptr;
      if (patch && (patch->loc.file != p.loc.file || patch->loc.line != p.loc.line)) {
        // The changed line first; the failing assert stays as a related location.
        text += "; the trace runs through the changed line " + relative_uri(patch->loc.file, opts.root) +
                ":" + std::to_string(patch->loc.line) + " (step " + std::to_string(patch->index) + ")";
        r["locations"] = json::array({location(patch->loc, m.model, opts)});
        json related = location(p.loc, m.model, opts);
        related["id"] = 1;
        related["message"] = {{"text", "assert " + p.property + " fails here"}};
        r["relatedLocations"] = json::array({related});
      } else {
        r["locations"] = json::array({location(p.loc, m.model, opts)});
      }
      r["message"] = {{"text", text}};
      if (violated && !p.steps.empty()) r["codeFlows"] = json::array({code_flow(p, m.model, opts)});
      if (violated && p.ok && !p.expected.empty())
        r["suppressions"] = json::array(
            {{{"kind", "inSource"},
              {"justification", "the case expects it: expect " + p.property + " " + p.expected}}});
      if (!p.baseline.empty()) r["baselineState"] = p.baseline;
      // Code scanning would merge the same assert failing in several cases.
      r["partialFingerprints"] = {
          {"ctcheckModelProperty/v1", relative_uri(m.model, opts.root) + ":" + p.property}};
      r["properties"] = {
          {"model", relative_uri(m.model, opts.root)}, {"verdict", verdict_name(p)}, {"depth", p.depth}};
      results.push_back(r);
    }
  }

  json driver{{"name", "ctcheck"},
              {"version", tool_version()},
              {"semanticVersion", tool_version()},
              {"rules", rules}};
  json invocation{{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  json run{{"tool", {{"driver", driver}}},
           {"invocations", json::array({invocation})},
           {"columnKind", "unicodeCodePoints"},
           {"results", results}};
  return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
}

}  // namespace ctcheck::trace
