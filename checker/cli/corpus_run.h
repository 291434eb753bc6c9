// What `cases` and `gate` share when they check many models: check_files
// with progress and settled verdicts on stderr (unless quiet), stopped by
// SIGINT/SIGTERM (cli/interrupt.h), reusing reports from a --cache directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engines/portfolio.h"
#include "trace/model_report.h"

namespace ctcheck::cli {

struct CorpusRun {
  int jobs = 0;      // models in parallel; 0: the number of cores
  bool all = false;  // check models without expect lines too (FileCheckOptions::all)
  bool quiet = false, verbose = false;
  std::string cache;  // --cache DIR ("" : none)
  std::uint64_t certify_states = engines::kDefaultCertifyStates;
};

// The reports in the order of `files`; nullopt (message on stderr) when the
// cache directory cannot be made.
std::optional<std::vector<trace::ModelReport>> run_corpus(const std::vector<std::string> &files,
                                                          const CorpusRun &opt);

}  // namespace ctcheck::cli
