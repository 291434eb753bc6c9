#include "trace/model_report.h"

#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

#include "trace/format.h"
#include "trace/json_printer.h"
#include "trace/results_printer.h"
#include "trace/summary.h"
#include "trace/text_printer.h"

namespace ctcheck::trace {

using nlohmann::json;

std::string verdict_name(const PropertyReport &p) { return p.verdict ? core::to_string(*p.verdict) : "none"; }

namespace {

ReportLoc loc_from_json(const json &j) {
  ReportLoc l;
  if (j.is_object()) {
    l.file = j.value("file", "");
    l.line = j.value("line", 0);
  }
  return l;
}

json loc_to_json(const ReportLoc &l) { return json{{"file", l.file}, {"line", l.line}}; }

std::string contexts_text(const json &frames) {
  std::string out;
  if (!frames.is_array()) return out;
  for (const json &f : frames) {
    if (!out.empty()) out += " > ";
    out += f.value("kind", "?") + " " + f.value("name", "?");
    const int level = f.value("level", 0);
    if (level > 0) out += "@" + std::to_string(level);
  }
  return out;
}

std::string value_text(const json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

ReportStep step_from_trace_json(const json &s, int index) {
  ReportStep r;
  r.index = index;
  r.cpu = s.value("cpu", 0);
  r.level = s.value("level", 0);
  r.kind = s.value("kind", "");
  r.contexts = contexts_text(s.value("contexts", json::array()));
  r.action = s.value("action", "");
  r.loc = loc_from_json(s.value("location", json::object()));
  if (s.contains("changes") && s["changes"].is_object())
    for (const auto &[name, v] : s["changes"].items()) r.changes.emplace_back(name, value_text(v));
  return r;
}

// The steps of a trace (as trace_to_json writes it), then the violating step.
std::vector<ReportStep> steps_from_trace_json(const json &t) {
  std::vector<ReportStep> out;
  int index = 0;
  for (const json &s : t.value("steps", json::array()))
    out.push_back(step_from_trace_json(s, s.value("index", ++index)));
  const json v = t.value("violation", json::object());
  if (v.contains("in") && v.value("action_index", -1) >= 0) {
    ReportStep last = step_from_trace_json(v["in"], static_cast<int>(out.size()) + 1);
    last.loc = loc_from_json(v.value("location", json::object()));
    out.push_back(last);
  }
  return out;
}

json step_to_json(const ReportStep &s) {
  json changes = json::array();
  for (const auto &[name, value] : s.changes) changes.push_back(json::array({name, value}));
  return json{{"index", s.index},
              {"cpu", s.cpu},
              {"level", s.level},
              {"kind", s.kind},
              {"contexts", s.contexts},
              {"action", s.action},
              {"location", loc_to_json(s.loc)},
              {"changes", changes}};
}

ReportStep step_from_json(const json &j) {
  ReportStep s;
  s.index = j.at("index").get<int>();
  s.cpu = j.value("cpu", 0);
  s.level = j.value("level", 0);
  s.kind = j.value("kind", "");
  s.contexts = j.value("contexts", "");
  s.action = j.value("action", "");
  s.loc = loc_from_json(j.value("location", json::object()));
  for (const json &c : j.value("changes", json::array()))
    s.changes.emplace_back(c.at(0).get<std::string>(), c.at(1).get<std::string>());
  return s;
}

}  // namespace

ModelReport make_report(const ir::TransitionSystem &ts, const std::string &model,
                        const std::vector<core::PropertyResult> &results) {
  ModelReport m;
  m.model = model;
  for (const core::PropertyResult &r : results) {
    PropertyReport p;
    p.property = r.property;
    p.verdict = r.verdict;
    p.depth = r.depth();
    p.engine = r.engine;
    p.seconds = r.seconds;
    p.reason = r.reason;
    p.got = core::describe(r);
    // A plain check: a violation is what is wrong (cases and the gate re-judge).
    p.ok = r.verdict != core::Verdict::Violated;
    if (!p.ok) p.problem = p.got;
    for (const ir::Property &q : ts.properties)
      if (q.name == r.property) {
        p.message = q.message;
        p.loc = {q.loc.file, q.loc.line};
        break;
      }
    if (r.verdict == core::Verdict::Violated && r.trace) {
      const ir::SourceLoc l = violation_loc(ts, *r.trace);
      if (!l.file.empty()) p.loc = {l.file, l.line};
      p.summary = interleaving_summary(ts, *r.trace);
      std::ostringstream text;
      print_text(ts, *r.trace, text);
      p.text = text.str();
      p.trace = trace_to_json(ts, *r.trace);
      p.steps = steps_from_trace_json(*p.trace);
      // Like the text trace: model variables, IF and mode; not the pc, depth, locals.
      std::map<std::string, ir::VarRole> role;
      const std::vector<std::string> names = unique_var_names(ts);
      for (std::size_t i = 0; i < ts.vars.size(); ++i) role[names[i]] = ts.vars[i].role;
      for (ReportStep &st : p.steps) {
        std::vector<std::pair<std::string, std::string>> shown;
        for (auto &change : st.changes) {
          const ir::VarRole r = role.at(change.first);
          if (r == ir::VarRole::Model || r == ir::VarRole::IrqFlag || r == ir::VarRole::UserMode)
            shown.push_back(std::move(change));
        }
        st.changes = std::move(shown);
      }
    }
    m.properties.push_back(std::move(p));
  }
  return m;
}

json report_to_json(const ModelReport &m) {
  json props = json::array();
  for (const PropertyReport &p : m.properties) {
    json e{{"property", p.property}, {"verdict", verdict_name(p)},
           {"depth", p.depth},       {"engine", core::to_string(p.engine)},
           {"seconds", p.seconds},   {"reason", p.reason},
           {"message", p.message},   {"location", loc_to_json(p.loc)},
           {"got", p.got},           {"ok", p.ok}};
    if (!p.expected.empty()) e["expected"] = p.expected;
    if (!p.problem.empty()) e["problem"] = p.problem;
    if (!p.baseline.empty()) e["baseline"] = p.baseline;
    if (p.verdict == core::Verdict::Violated) {
      e["summary"] = p.summary;
      e["text"] = p.text;
      json steps = json::array();
      for (const ReportStep &s : p.steps) steps.push_back(step_to_json(s));
      e["steps"] = steps;
      if (p.trace) e["trace"] = *p.trace;
    }
    props.push_back(e);
  }
  json j{{"model", m.model}, {"case", m.is_case}, {"seconds", m.seconds}, {"results", props}};
  if (!m.error.empty()) j["error"] = m.error;
  if (m.incomplete) j["incomplete"] = true;
  if (m.cached) j["cached"] = true;
  if (!m.sources.empty()) {
    json src = json::array();
    for (const auto &[file, hash] : m.sources) src.push_back({{"file", file}, {"hash", hash}});
    j["sources"] = src;
  }
  if (!m.patched_files.empty()) j["patched_files"] = m.patched_files;
  return j;
}

ModelReport report_from_json(const json &j) {
  ModelReport m;
  m.model = j.at("model").get<std::string>();
  m.is_case = j.value("case", false);
  m.error = j.value("error", "");
  m.incomplete = j.value("incomplete", false);
  m.cached = j.value("cached", false);
  for (const json &f : j.value("sources", json::array()))
    m.sources.emplace_back(f.at("file").get<std::string>(), f.at("hash").get<std::string>());
  m.patched_files = j.value("patched_files", std::vector<std::string>{});
  m.seconds = j.value("seconds", 0.0);
  for (const json &e : j.at("results")) {
    PropertyReport p;
    p.property = e.at("property").get<std::string>();
    const std::string verdict = e.at("verdict").get<std::string>();
    p.verdict = core::parse_verdict(verdict);
    if (!p.verdict && verdict != "none") throw std::runtime_error("unknown verdict '" + verdict + "'");
    p.depth = e.value("depth", 0);
    const std::string engine = e.value("engine", "");
    const std::optional<core::EngineKind> kind = core::parse_engine(engine);
    if (!kind) throw std::runtime_error("unknown engine '" + engine + "'");
    p.engine = *kind;
    p.seconds = e.value("seconds", 0.0);
    p.reason = e.value("reason", "");
    p.message = e.value("message", "");
    p.loc = loc_from_json(e.value("location", json::object()));
    p.got = e.value("got", "");
    p.ok = e.value("ok", true);
    p.expected = e.value("expected", "");
    p.problem = e.value("problem", "");
    p.baseline = e.value("baseline", "");
    p.summary = e.value("summary", "");
    p.text = e.value("text", "");
    for (const json &s : e.value("steps", json::array())) p.steps.push_back(step_from_json(s));
    if (e.contains("trace")) p.trace = e["trace"];
    m.properties.push_back(std::move(p));
  }
  return m;
}

ReportSummary summarize(const std::vector<ModelReport> &models) {
  ReportSummary s;
  for (const ModelReport &m : models) {
    ++s.models;
    if (!m.error.empty()) {
      ++s.load_errors;
      continue;
    }
    if (m.is_case) ++s.cases;
    for (const PropertyReport &p : m.properties) {
      if (!p.ok) ++s.mismatches;
      if (p.verdict == core::Verdict::Violated) ++s.violated;
      if (p.verdict == core::Verdict::Unknown) ++s.unknown;
    }
  }
  return s;
}

json reports_to_json(const std::string &command, const std::vector<ModelReport> &models, const json &extra) {
  json j{{"tool", "ctcheck"},
         {"version", tool_version()},
         {"format_version", kTraceFormatVersion},
         {"command", command}};
  for (const auto &[k, v] : extra.items()) j[k] = v;
  json ms = json::array();
  for (const ModelReport &m : models) ms.push_back(report_to_json(m));
  j["models"] = ms;
  const ReportSummary s = summarize(models);
  j["summary"] = json{{"models", s.models},         {"cases", s.cases},       {"load_errors", s.load_errors},
                      {"mismatches", s.mismatches}, {"violated", s.violated}, {"unknown", s.unknown}};
  return j;
}

std::vector<ModelReport> reports_from_json(const json &j) {
  if (!j.is_object() || j.value("tool", "") != "ctcheck" || !j.contains("models"))
    throw std::runtime_error("not a ctcheck report (no \"tool\": \"ctcheck\" and \"models\")");
  if (j.value("format_version", 0) != kTraceFormatVersion)
    throw std::runtime_error("unsupported format_version " + j.value("format_version", json()).dump());
  std::vector<ModelReport> out;
  for (const json &m : j.at("models")) out.push_back(report_from_json(m));
  return out;
}

std::string relative_uri(const std::string &path, const std::string &root) {
  namespace fs = std::filesystem;
  if (path.empty()) return path;
  fs::path p = fs::path(path).lexically_normal();
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path base = root.empty() ? fs::current_path(ec) : fs::path(root);
    if (!ec) {
      base = base.lexically_normal();
      fs::path rel = p.lexically_relative(base);
      if (!rel.empty() && *rel.begin() != "..") p = rel;
    }
  } else if (!root.empty()) {
    fs::path rel = p.lexically_relative(fs::path(root).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") p = rel;
  }
  return p.generic_string();
}

}  // namespace ctcheck::trace
