#include "cli/corpus_run.h"

#include <unistd.h>

#include <iostream>

#include "cli/case_check.h"
#include "cli/interrupt.h"
#include "engines/parallel.h"

namespace ctcheck::cli {

std::optional<std::vector<trace::ModelReport>> run_corpus(const std::vector<std::string> &files,
                                                          const CorpusRun &opt) {
  engines::CheckRequest req;
  req.stop = interrupt::stop_source();
  interrupt::stop_gracefully();
  req.verbose = opt.verbose;
  req.certify_states = opt.certify_states;
  ProgressPrinter progress(std::cerr, {isatty(STDERR_FILENO) != 0});
  FileCheckOptions fo;
  fo.all = opt.all;
  fo.jobs = opt.jobs > 0 ? opt.jobs : engines::default_jobs();
  fo.progress = opt.quiet ? nullptr : &progress;
  const ResultCache cache(opt.cache);
  if (!opt.cache.empty()) {
    std::string error;
    if (!cache.open(&error)) {
      std::cerr << "ctcheck: error: " << error << "\n";
      return std::nullopt;
    }
    fo.cache = &cache;
  }
  std::vector<trace::ModelReport> reports = check_files(files, req, fo);
  progress.finish();
  return reports;
}

}  // namespace ctcheck::cli
