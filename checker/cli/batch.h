// Checking many models at once: `cases`, `gate` and `check --jobs`.
// Each model is loaded and checked in its own worker thread (its own
// LoadedModel; every engine object owns its Z3 context and simulator), and
// the results are stored by index, so the output order never depends on
// which thread finishes first. Diagnostics are captured, not printed.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "cli/case_runner.h"
#include "frontend/lower.h"
#include "trace/report.h"

namespace ctcheck::cli {

// The number of hardware threads (at least 1).
int default_jobs();

// Calls fn(0..n-1) on min(jobs, n) threads (inline when that is 1). An
// exception thrown by fn is rethrown here after every thread has finished.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)> &fn);

// Every .ct file below `dir`, sorted (the order shards are cut from).
std::vector<std::string> ct_files(const std::string &dir);

// "I/N" with 0 <= I < N; false (and *error) when malformed.
bool parse_shard(const std::string &spec, int *index, int *count, std::string *error);
// The files of shard I of N: index % N == I over the sorted list.
std::vector<std::string> shard(const std::vector<std::string> &files, int index, int count);

// Loads `file` and checks it: report.error holds the diagnostics when it does
// not load. A model without `expect` lines is only checked when `all` is set
// (otherwise it is a shared file, not a case: is_case false, no properties).
// For a case, every property carries its expectation (expected/got/ok/problem),
// and expect lines without a result are added with verdict "none".
trace::ModelReport check_file(const std::string &file, const EngineOptions &eo, bool all);

// check_file over `files`, `jobs` at a time, in the order of `files`.
std::vector<trace::ModelReport> check_files(const std::vector<std::string> &files, const EngineOptions &eo,
                                            bool all, int jobs);

// Fills expected/got/ok/problem of `report` from compare() rows.
void apply_expectations(trace::ModelReport &report, const std::vector<Expectation> &rows);

// BMC with one solver per property, `opt.jobs` threads; results in the order
// of ts.properties. Used by check_model when opt.jobs > 1.
std::vector<engines::PropertyResult> run_bmc_parallel(const frontend::LoadedModel &lm, const EngineOptions &opt);

// Writes `content` to `output` (whole or not at all), or to stdout when empty.
bool emit(const std::string &output, const std::string &content);

// Renders reports as json, sarif or junit; "" for any other format.
std::string render_reports(const std::string &format, const std::string &command,
                           const std::vector<trace::ModelReport> &models,
                           const nlohmann::json &extra = nlohmann::json::object());

// The table `ctcheck cases` prints: one row per property of every case (and
// LOAD ERROR rows), then "N case(s), M mismatch(es), L load error(s)".
std::string cases_table(const std::vector<trace::ModelReport> &models, bool times);

}  // namespace ctcheck::cli
