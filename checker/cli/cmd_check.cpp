// `ctcheck check MODEL`: every property's verdict, traces for violations.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/case_check.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/model_io.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/suggest.h"
#include "cli/trace_out.h"
#include "trace/itf_printer.h"
#include "trace/json_printer.h"
#include "trace/results_printer.h"

namespace ctcheck::cli {

namespace {

// `expect` lines are checked by `cases`; `check` only warns when one names no
// property of the model (a typo would otherwise go unnoticed until `cases`).
void warn_unknown_expects(const frontend::LoadedModel &lm) {
  std::vector<std::string> names;
  for (const ir::Property &p : lm.ts.properties) names.push_back(p.name);
  for (const frontend::ExpectDecl *d : lm.model.expects) {
    if (std::find(names.begin(), names.end(), d->property) != names.end()) continue;
    std::cerr << lm.sources.path(d->loc.file) << ":" << d->loc.line << ":" << d->loc.col
              << ": warning: `expect` names no property '" << d->property << "'"
              << did_you_mean(d->property, names) << "\n";
  }
}

}  // namespace

int run_check(const CheckOptions &opt) {
  if (!opt.trace_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opt.trace_dir, ec);
    if (ec || !std::filesystem::is_directory(opt.trace_dir)) {
      std::cerr << "ctcheck: error: cannot create the trace directory '" << opt.trace_dir << "'"
                << (ec ? ": " + ec.message() : "") << "\n";
      return kExitUsage;
    }
  }
  if (std::string why = check_trace_out(opt.trace_out); !why.empty()) {
    std::cerr << "ctcheck: error: " << why << "\n";
    return kExitUsage;
  }
  auto lm = load_or_report(opt.model);
  if (!lm) return kExitUsage;
  std::vector<std::string> asked = opt.properties;
  for (const std::string &a : opt.trace_out)
    if (std::string p = parse_trace_out(a).property; !p.empty()) asked.push_back(p);
  std::vector<std::string> names;
  for (const ir::Property &q : lm->ts.properties) names.push_back(q.name);
  for (const std::string &p : asked)
    if (std::find(names.begin(), names.end(), p) == names.end()) {
      std::cerr << "ctcheck: error: " << opt.model << " has no property '" << p << "'"
                << did_you_mean(p, names) << "\n";
      return kExitUsage;
    }
  warn_unknown_expects(*lm);
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
  req.stop = interrupt::stop_source();
  interrupt::stop_gracefully();
  ProgressPrinter progress(std::cerr, {isatty(STDERR_FILENO) != 0});
  if (!opt.quiet) {
    req.progress = progress.progress_callback();
    req.on_verdict = progress.verdict_callback();
  }
  std::vector<core::PropertyResult> results = engines::check(lm->ts, req);
  progress.finish();
  const bool incomplete = interrupt::signal_received() != 0;

  auto render = [&](OutputFormat format) {
    std::ostringstream out;
    switch (format) {
      case OutputFormat::Sarif:
      case OutputFormat::Junit: {
        trace::ModelReport report = trace::make_report(lm->ts, opt.model, results);
        report.incomplete = incomplete;
        describe_sources(*lm, report);  // SARIF points at a patch's line
        out << render_reports(format, "check", {report});
        break;
      }
      case OutputFormat::Itf: {
        const int first = first_trace(lm->ts, results);
        if (first >= 0) out << trace::trace_to_itf(lm->ts, *results[first].trace, opt.model).dump(2) << "\n";
        break;
      }
      case OutputFormat::Json: {
        nlohmann::json j = trace::results_to_json(lm->ts, opt.model, results);
        if (incomplete) j["incomplete"] = true;
        out << j.dump(2) << "\n";
        break;
      }
      case OutputFormat::Text: {
        trace::ResultsTextOptions to;
        to.trace.verbose = opt.verbose;
        to.show_times = true;  // which engine settled each property, and how long it took
        trace::print_results_text(lm->ts, opt.model, results, out, to);
        if (incomplete) out << "\n" << interrupt::incomplete_note() << "\n";
        break;
      }
    }
    return out.str();
  };
  // ITF holds one counterexample: without one there is nothing to write.
  const bool no_itf = first_trace(lm->ts, results) < 0;
  auto skip = [&](OutputFormat f, const std::string &where) {
    if (f != OutputFormat::Itf || !no_itf) return false;
    if (!opt.quiet) std::cerr << "ctcheck: no counterexample, so no ITF trace" << where << "\n";
    return true;
  };
  for (const auto &[format, file] : opt.reports)
    if (!skip(format, " in '" + file + "'") && !write_whole_file(file, render(format))) return kExitUsage;
  if (!opt.trace_dir.empty())
    for (const core::PropertyResult &r : results)
      if (r.trace && !write_whole_file(opt.trace_dir + "/" + r.property + ".json",
                                       trace::trace_to_json(lm->ts, *r.trace).dump(2) + "\n"))
        return kExitUsage;
  if (!write_trace_out(lm->ts, results, opt.trace_out, opt.quiet)) return kExitUsage;
  if (!skip(opt.format, "") && !emit(opt.output, render(opt.format))) return kExitUsage;
  if (incomplete) return interrupt::exit_code();
  const int code = core::exit_code(results);
  if (opt.require_proof && code == kExitOk) {
    for (const core::PropertyResult &r : results)
      if (r.verdict != core::Verdict::Proved)
        std::cerr << "ctcheck: --require-proof: " << r.property << " is " << core::describe(r)
                  << ", not proved\n";
    for (const core::PropertyResult &r : results)
      if (r.verdict != core::Verdict::Proved) return kExitUnknown;
  }
  return code;
}

}  // namespace ctcheck::cli
