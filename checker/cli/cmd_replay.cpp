// `ctcheck replay MODEL TRACE.json`: does a saved trace still reach its violation?
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "frontend/loader.h"
#include "sim/simulator.h"
#include "trace/json_printer.h"

namespace ctcheck::cli {

int run_replay(const std::string &model, const std::string &trace_file) {
  auto lm = load_or_report(model);
  if (!lm) return kExitUsage;
  std::optional<std::string> text = frontend::read_disk_file(trace_file);
  if (!text) {
    std::cerr << "ctcheck: error: cannot open trace file '" << trace_file << "'\n";
    return kExitUsage;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception &e) {
    std::cerr << "ctcheck: error: " << trace_file << ": not JSON: " << e.what() << "\n";
    return kExitUsage;
  }
  // Accept a bare trace or a `check --format json` result file (first trace in it).
  if (j.is_object() && j.contains("results") && j["results"].is_array())
    for (const auto &r : j["results"])
      if (r.is_object() && r.contains("trace")) {
        j = r["trace"];
        break;
      }
  std::string error;
  std::optional<core::Trace> t = trace::trace_from_json(lm->ts, j, &error);
  if (!t) {
    std::cerr << "ctcheck: error: " << trace_file << " is not a trace of " << model << ": " << error << "\n";
    return kExitUsage;
  }
  sim::Simulator sim(lm->ts);
  std::string why = sim.replay(*t);
  if (why.empty()) {
    std::cout << "replay: the trace reproduces the violation of " << lm->ts.properties[t->property].name
              << " at depth " << t->depth() << "\n";
    return kExitViolated;
  }
  std::cout << "replay: the trace does not reach the violation: " << why << "\n";
  return kExitOk;
}

}  // namespace ctcheck::cli
