// `ctcheck check --trace-out FILE`: counterexamples drawn as VCD (GTKWave),
// SVG or HTML, chosen by FILE's extension (.vcd, .svg, .html/.htm).
//
// Several violations: the first violated property (in the report's order) is
// written to FILE as given, every other one to FILE with "-PROPERTY" before
// the extension (trace.vcd, trace-irq_not_in_user.vcd), so one run keeps all
// of them and a script that names one file always finds one. No violation: no
// file is written (an existing one is left alone). Each file is written whole
// or not at all.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ir/transition_system.h"

namespace ctcheck::cli {

// Empty if every FILE has a known extension and no two are the same, else why not.
std::string check_trace_out(const std::vector<std::string> &files);

// FILE for the first violation (first = true), else FILE-PROPERTY.ext; the
// property name is made safe for a file name (characters other than letters,
// digits, '_', '-' and '.' become '_').
std::string trace_out_path(const std::string &file, const std::string &property, bool first);

// Draws every violated property's trace into every FILE; false (message on
// stderr) when a file cannot be written.
bool write_trace_out(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results,
                     const std::vector<std::string> &files, bool quiet);

}  // namespace ctcheck::cli
