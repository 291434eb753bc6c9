// `ctcheck check --trace-out [PROPERTY=]FILE`: counterexamples drawn as VCD
// (GTKWave), SVG or HTML, chosen by FILE's extension (.vcd, .svg, .html/.htm).
//
// PROPERTY=FILE draws that property's counterexample, and only it. A plain
// FILE draws the one a reader looks for first -- the first violated
// assertion in the report's order, else the first violated invariant -- and
// every other violated property to FILE with "-PROPERTY" before the extension
// (trace.vcd, trace-ct_kernel_when_irqs_on.vcd), so one run keeps all of them
// and a script that names one file always finds one. No violation of the
// property: no file is written (an existing one is left alone). Each file is
// written whole or not at all.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ir/transition_system.h"

namespace ctcheck::cli {

struct TraceOut {
  std::string property;  // "" for a plain FILE
  std::string file;
};
// "PROPERTY=FILE" when the text before the first '=' is an identifier, else FILE.
TraceOut parse_trace_out(const std::string &arg);

// Empty if every FILE has a known extension and no two are the same, else why not.
std::string check_trace_out(const std::vector<std::string> &args);

// The property a plain FILE draws: the first violated assertion, else the
// first violated property (-1: none).
int first_trace(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results);

// FILE for the first violation (first = true), else FILE-PROPERTY.ext; the
// property name is made safe for a file name (characters other than letters,
// digits, '_', '-' and '.' become '_').
std::string trace_out_path(const std::string &file, const std::string &property, bool first);

// Draws the traces every --trace-out argument asks for; false (message on
// stderr) when a file cannot be written.
bool write_trace_out(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results,
                     const std::vector<std::string> &args, bool quiet);

}  // namespace ctcheck::cli
