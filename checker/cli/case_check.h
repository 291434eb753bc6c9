// Checking case files: load a model, run the portfolio, and judge every
// property against the case's `expect` lines. Used by `cases`, `gate` and the
// main job. Each model is loaded and checked in its own worker thread (its own
// LoadedModel; every engine owns its Z3 context and simulator), and results
// are stored by index, so the output order never depends on which thread
// finishes first. Diagnostics are captured, not printed.
#pragma once

#include <string>
#include <vector>

#include "cli/progress.h"
#include "cli/result_cache.h"
#include "core/expectation.h"
#include "core/result.h"
#include "engines/portfolio.h"
#include "frontend/lower.h"
#include "trace/model_report.h"

namespace ctcheck::cli {

// One property judged against its expectation (or against "no violation"
// when the case has none for it).
struct Judgement {
  std::string property;
  std::string expected;  // "violated at 7", "holds", "proved", "(none)", "expected twice"
  std::string got;       // core::describe of the result, "not checked", "no such property"
  bool ok = true;
};

// The model's expect lines as typed expectations.
std::vector<core::Expectation> expectations(const frontend::LoadedModel &lm);

// One row per property (and per expect line naming an unknown property).
std::vector<Judgement> judge(const frontend::LoadedModel &lm,
                             const std::vector<core::PropertyResult> &results);

// How check_file and check_files work, besides the engines' request.
struct FileCheckOptions {
  // Check a model without `expect` lines too (otherwise it is a shared file,
  // not a case: is_case false, no properties).
  bool all = false;
  int jobs = 1;                         // check_files: models in parallel
  ProgressPrinter *progress = nullptr;  // "case 3/43: FILE: ..." lines; null: silent
  const ResultCache *cache = nullptr;   // reuse and store reports; null: none
};

// Loads `file` and checks it: report.error holds the diagnostics when it does
// not load. For a case, every property carries its judgement
// (expected/got/ok/problem), and expect lines without a result are added
// without a verdict. The report lists the model's sources and the files that
// `override` something (describe_sources).
trace::ModelReport check_file(const std::string &file, const engines::CheckRequest &req,
                              const FileCheckOptions &opt = {});

// check_file over `files`, opt.jobs at a time, in the order of `files`. Once
// req.stop is requested, models not started yet are reported incomplete
// without properties.
std::vector<trace::ModelReport> check_files(const std::vector<std::string> &files,
                                            const engines::CheckRequest &req, const FileCheckOptions &opt);

// Fills report.sources (every loaded file with a hash of its text) and
// report.patched_files (the files with an `override` declaration).
void describe_sources(const frontend::LoadedModel &lm, trace::ModelReport &report);

}  // namespace ctcheck::cli
