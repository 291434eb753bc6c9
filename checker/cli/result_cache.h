// `--cache DIR` of `cases` and `gate`: a model's report is kept under a key
// made of everything its verdicts depend on (the text and path of every
// source file the model loads, imports included; the check options; the
// ctcheck version), so an unchanged model (the base side of a pull-request
// gate, most of the corpus) is not checked again. A file DIR/KEY.json holds
// the ModelReport JSON (trace/model_report.h). Interrupted runs are not
// stored; an unreadable entry counts as a miss.
//
// The version is the release number: a build from changed engine sources
// without a new version must not share a cache with an older one (in CI, key
// the cache directory on the commit of ctcheck; see docs/ci.md).
#pragma once

#include <optional>
#include <string>

#include "engines/portfolio.h"
#include "frontend/diagnostics.h"
#include "trace/model_report.h"

namespace ctcheck::cli {

class ResultCache {
 public:
  explicit ResultCache(std::string dir) : dir_(std::move(dir)) {}
  // Creates the directory; false (and *error) when it cannot.
  bool open(std::string *error) const;

  static std::string key(const frontend::SourceManager &sources, const engines::CheckRequest &req, bool all);
  std::optional<trace::ModelReport> load(const std::string &key) const;
  void store(const std::string &key, const trace::ModelReport &report) const;

 private:
  std::string path(const std::string &key) const { return dir_ + "/" + key + ".json"; }
  std::string dir_;
};

}  // namespace ctcheck::cli
