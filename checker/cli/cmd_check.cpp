// `ctcheck check MODEL`: every property's verdict, traces for violations.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/trace_out.h"
#include "trace/json_printer.h"
#include "trace/results_printer.h"

namespace ctcheck::cli {

int run_check(const CheckOptions &opt) {
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
  engines::CheckRequest req;
  req.engine = opt.engine;
  req.max_states = opt.max_states;
  req.depth = opt.depth;
  req.timeout = opt.timeout;
  req.properties = opt.properties;
  req.jobs = opt.jobs;
  req.verbose = opt.verbose;
  req.reduce = !opt.no_reduce;
  req.certify_states = opt.certify_states;
  ProgressPrinter progress(std::cerr, isatty(STDERR_FILENO) != 0);
  if (!opt.quiet && (opt.verbose || isatty(STDERR_FILENO))) req.progress = progress.callback();
  std::vector<core::PropertyResult> results = engines::check(lm->ts, req);
  progress.finish();

  auto render = [&](OutputFormat format) {
    std::ostringstream out;
    switch (format) {
      case OutputFormat::Sarif:
      case OutputFormat::Junit:
        out << render_reports(format, "check", {trace::make_report(lm->ts, opt.model, results)});
        break;
      case OutputFormat::Json: out << trace::results_to_json(lm->ts, opt.model, results).dump(2) << "\n"; break;
      case OutputFormat::Text: {
        trace::ResultsTextOptions to;
        to.trace.verbose = opt.verbose;
        to.show_times = true;  // which engine settled each property, and how long it took
        trace::print_results_text(lm->ts, opt.model, results, out, to);
        break;
      }
    }
    return out.str();
  };
  for (const auto &[format, file] : opt.reports)
    if (!write_whole_file(file, render(format))) return kExitUsage;
  if (!opt.trace_dir.empty())
    for (const core::PropertyResult &r : results)
      if (r.trace && !write_whole_file(opt.trace_dir + "/" + r.property + ".json",
                                       trace::trace_to_json(lm->ts, *r.trace).dump(2) + "\n"))
        return kExitUsage;
  if (!write_trace_out(lm->ts, results, opt.trace_out, opt.quiet)) return kExitUsage;
  if (!emit(opt.output, render(opt.format))) return kExitUsage;
  const int code = core::exit_code(results);
  if (opt.require_proof && code == kExitOk) {
    for (const core::PropertyResult &r : results)
      if (r.verdict != core::Verdict::Proved)
        std::cerr << "ctcheck: --require-proof: " << r.property << " is " << core::describe(r) << ", not proved\n";
    for (const core::PropertyResult &r : results)
      if (r.verdict != core::Verdict::Proved) return kExitUnknown;
  }
  return code;
}

}  // namespace ctcheck::cli
