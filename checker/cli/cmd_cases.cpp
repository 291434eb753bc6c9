// `ctcheck cases [DIR] [--jobs N] [--shard I/N] [--format F] [--output FILE]`:
// every case of the (sharded) corpus checked in parallel threads, results in
// file order whatever thread finishes first.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/case_check.h"
#include "cli/case_files.h"
#include "cli/cases_table.h"
#include "cli/commands.h"
#include "cli/corpus_run.h"
#include "cli/interrupt.h"
#include "cli/model_io.h"
#include "cli/output.h"
#include "engines/parallel.h"

namespace ctcheck::cli {

int run_cases(const CasesOptions &opt) {
  int index = 0, count = 1;
  std::string error;
  if (!opt.shard.empty() && !parse_shard(opt.shard, &index, &count, &error)) {
    std::cerr << "ctcheck: error: " << error << "\n";
    return kExitUsage;
  }
  if (!std::filesystem::is_directory(opt.dir)) {
    std::cerr << "ctcheck: error: cases directory '" << opt.dir << "' does not exist\n";
    return kExitUsage;
  }
  const std::vector<std::string> files = shard(ct_files(opt.dir), index, count);
  std::optional<std::vector<trace::ModelReport>> run =
      run_corpus(files, {opt.jobs, false, opt.quiet, opt.verbose, opt.cache, opt.certify_states});
  if (!run) return kExitUsage;
  std::vector<trace::ModelReport> &models = *run;
  const bool incomplete = interrupt::signal_received() != 0;
  for (const trace::ModelReport &m : models) std::cerr << m.error;  // diagnostics, in file order

  // Shared files (no expect lines) are not part of the report.
  std::vector<trace::ModelReport> cases;
  for (trace::ModelReport &m : models)
    if (m.is_case || !m.error.empty()) cases.push_back(std::move(m));

  std::string table = cases_table(cases, true);
  if (incomplete) table += interrupt::incomplete_note() + "\n";
  if (opt.format == OutputFormat::Text) {
    if (!emit(opt.output, table)) return kExitUsage;
  } else {
    nlohmann::json extra{{"shard", {{"index", index}, {"count", count}}}, {"dir", opt.dir}};
    if (incomplete) extra["incomplete"] = true;
    if (!opt.output.empty()) std::cout << table;  // the log keeps the table, the file gets the report
    if (!emit(opt.output, render_reports(opt.format, "cases", cases, extra))) return kExitUsage;
  }
  if (incomplete) return interrupt::exit_code();
  const trace::ReportSummary s = trace::summarize(cases);
  if (s.load_errors) return kExitUsage;
  return s.mismatches ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
