// A check report that does not need the model any more: every property's
// verdict with what the SARIF and JUnit printers show (message, location, the
// steps of a counterexample, its text) and, for cases and the gate, how it
// compares with the case's expectation or with the base.
//
// Built from a transition system and engine results (make_report), written
// to and read back from JSON (report_to_json / report_from_json), so that
// `ctcheck cases --shard I/N --format json` results can be merged on another
// machine and printed in any format (`ctcheck merge`).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/verdict.h"
#include "ir/transition_system.h"

namespace ctcheck::trace {

struct ReportLoc {
  std::string file;  // as the model names it ("" when none)
  int line = 0;
};

// One step of a counterexample, or the violating step (index = depth + 1).
struct ReportStep {
  int index = 0;
  int cpu = 0;
  int level = 0;
  std::string kind;      // exec, deliver, return
  std::string contexts;  // "task t > irq h@1" after the step
  std::string action;    // statement text
  ReportLoc loc;
  std::vector<std::pair<std::string, std::string>> changes;  // variable -> new value (JSON text)
};

struct PropertyReport {
  std::string property;
  std::optional<core::Verdict> verdict;  // none: an expect line without a result
  int depth = 0;                         // the number that goes with the verdict (PropertyResult::depth())
  core::EngineKind engine = core::EngineKind::None;
  double seconds = 0;
  std::string reason;
  std::string message;  // the property's message
  ReportLoc loc;        // violated: the failing assert (or the invariant); else the declaration
  // Violated only:
  std::string summary;                  // the interleaving in one line
  std::vector<ReportStep> steps;        // the trace steps, then the violating step for assertions
  std::string text;                     // the text trace (print_text)
  std::optional<nlohmann::json> trace;  // trace_to_json, for replay
  // Cases and gate:
  std::string expected;  // the case's expectation ("" when none)
  std::string got;       // what the engines found ("violated at 2")
  bool ok = true;        // false: breaks the expectation, or (gate) a regression
  std::string problem;   // why not ok
  std::string baseline;  // gate: SARIF baselineState of the head result ("new", "unchanged", "updated")
};

struct ModelReport {
  std::string model;  // path as given on the command line
  bool is_case = false;
  std::string error;  // load diagnostics; non-empty means the model did not load
  // The run was interrupted (SIGINT/SIGTERM): undecided properties are
  // unknown, or (no properties) the model was never checked.
  bool incomplete = false;
  bool cached = false;  // taken from a --cache directory, not checked in this run
  // Every file the model loads, with a hash of its text (the gate pairs them
  // with the base's to see what the head changed), and the files that
  // `override` something: where a patch lives (SARIF points at them).
  std::vector<std::pair<std::string, std::string>> sources;  // path, content hash
  std::vector<std::string> patched_files;
  double seconds = 0;
  std::vector<PropertyReport> properties;
};

// "violated", ..., or "none" for an expect line without a result.
std::string verdict_name(const PropertyReport &p);

// The verdicts of one model, in the order of `results`.
ModelReport make_report(const ir::TransitionSystem &ts, const std::string &model,
                        const std::vector<core::PropertyResult> &results);

nlohmann::json report_to_json(const ModelReport &m);
// Throws nlohmann::json::exception (or std::runtime_error) on a malformed object.
ModelReport report_from_json(const nlohmann::json &j);

// A report file of several models (cases, gate, merge):
// {"tool","version","format_version","command","models":[...],"summary":{...}}
nlohmann::json reports_to_json(const std::string &command, const std::vector<ModelReport> &models,
                               const nlohmann::json &extra = nlohmann::json::object());
std::vector<ModelReport> reports_from_json(const nlohmann::json &j);

// Counts over a report list.
struct ReportSummary {
  int models = 0, cases = 0, load_errors = 0, mismatches = 0, violated = 0, unknown = 0;
};
ReportSummary summarize(const std::vector<ModelReport> &models);

// Paths in reports: lexically normal, relative to `root` (the current
// directory when empty) when they are below it, '/'-separated.
std::string relative_uri(const std::string &path, const std::string &root = "");

}  // namespace ctcheck::trace
