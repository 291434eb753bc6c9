// Check results for people (a verdict table, then each counterexample) and for
// tools (JSON with the same traces as trace_to_json).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "ir/transition_system.h"
#include "trace/text_printer.h"

namespace ctcheck::trace {

// {"tool":"ctcheck","version":..,"format_version":1,"model":..,"results":[{"property",
//  "verdict","depth","engine","seconds","reason"[,"trace"]}]}
nlohmann::json results_to_json(const ir::TransitionSystem &ts, const std::string &model,
                               const std::vector<core::PropertyResult> &results);

struct ResultsTextOptions {
  TextOptions trace;        // for the counterexamples
  bool show_times = false;  // off by default so the output is golden-testable
};

void print_results_text(const ir::TransitionSystem &ts, const std::string &model,
                        const std::vector<core::PropertyResult> &results, std::ostream &out,
                        const ResultsTextOptions &opts = {});

// The version string written into results ("0.1.0").
const char *tool_version();

}  // namespace ctcheck::trace
