// `ctcheck check MODEL`: every property's verdict, traces for violations.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/batch.h"
#include "cli/case_runner.h"
#include "cli/commands.h"
#include "cli/model_io.h"
#include "cli/trace_out.h"
#include "trace/json_printer.h"
#include "trace/results.h"

namespace ctcheck::cli {

int run_check(const CheckOptions &opt) {
  if (opt.format != "text" && opt.format != "json" && opt.format != "sarif" && opt.format != "junit") {
    std::cerr << "ctcheck: error: unknown format '" << opt.format << "' (text, json, sarif or junit)\n";
    return kExitUsage;
  }
  if (!opt.trace_dir.empty() && !std::filesystem::is_directory(opt.trace_dir)) {
    std::cerr << "ctcheck: error: trace directory '" << opt.trace_dir << "' does not exist\n";
    return kExitUsage;
  }
  if (std::string why = check_trace_out(opt.trace_out); !why.empty()) {
    std::cerr << "ctcheck: error: " << why << "\n";
    return kExitUsage;
  }
  auto lm = load_or_report(opt.model);
  if (!lm) return kExitUsage;
  for (const std::string &p : opt.properties) {
    bool found = false;
    for (const ir::Property &q : lm->ts.properties) found |= q.name == p;
    if (!found) {
      std::cerr << "ctcheck: error: " << opt.model << " has no property '" << p << "'\n";
      return kExitUsage;
    }
  }
  EngineOptions eo;
  eo.engine = opt.engine;
  eo.max_states = opt.max_states;
  eo.depth = opt.depth;
  eo.timeout = opt.timeout;
  eo.properties = opt.properties;
  eo.progress = !opt.quiet && (opt.verbose || isatty(STDERR_FILENO));
  eo.jobs = opt.jobs;
  std::vector<engines::PropertyResult> results = check_model(*lm, eo);

  std::ostringstream out;
  if (opt.format == "sarif" || opt.format == "junit") {
    out << render_reports(opt.format, "check", {trace::make_report(lm->ts, opt.model, results)});
  } else if (opt.format == "json") {
    out << trace::results_to_json(lm->ts, opt.model, results).dump(2) << "\n";
  } else {
    trace::ResultsTextOptions to;
    to.trace.verbose = opt.verbose;
    to.show_times = true;  // which engine settled each property, and how long it took
    trace::print_results_text(lm->ts, opt.model, results, out, to);
  }
  if (!opt.trace_dir.empty())
    for (const engines::PropertyResult &r : results)
      if (r.trace && !write_whole_file(opt.trace_dir + "/" + r.property + ".json",
                                       trace::trace_to_json(lm->ts, *r.trace).dump(2) + "\n"))
        return kExitUsage;
  if (!write_trace_out(lm->ts, results, opt.trace_out, opt.quiet)) return kExitUsage;
  if (!opt.output.empty()) {
    if (!write_whole_file(opt.output, out.str())) return kExitUsage;
  } else {
    std::cout << out.str();
  }
  const int code = engines::exit_code(results);
  if (opt.require_proof && code == kExitOk) {
    for (const engines::PropertyResult &r : results)
      if (r.verdict != engines::Verdict::Proved)
        std::cerr << "ctcheck: --require-proof: " << r.property << " is " << describe(r) << ", not proved\n";
    for (const engines::PropertyResult &r : results)
      if (r.verdict != engines::Verdict::Proved) return kExitUnknown;
  }
  return code;
}

}  // namespace ctcheck::cli
