#include "cli/case_check.h"

#include <chrono>
#include <map>
#include <memory>
#include <sstream>

#include "cli/model_io.h"
#include "cli/suggest.h"
#include "core/hash.h"
#include "engines/parallel.h"
#include "frontend/loader.h"

namespace ctcheck::cli {

std::vector<core::Expectation> expectations(const frontend::LoadedModel &lm) {
  std::vector<core::Expectation> out;
  for (const frontend::ExpectDecl *d : lm.model.expects) {
    core::Expectation e;
    e.property = d->property;
    e.kind = core::parse_expect(d->verdict).value_or(core::Expect::Holds);  // the parser admits only these
    if (d->depth) e.depth = static_cast<int>(*d->depth);
    out.push_back(e);
  }
  return out;
}

std::vector<Judgement> judge(const frontend::LoadedModel &lm,
                             const std::vector<core::PropertyResult> &results) {
  std::map<std::string, core::Expectation> expects;
  std::vector<Judgement> rows;
  for (const core::Expectation &e : expectations(lm)) {
    if (expects.count(e.property)) {
      rows.push_back({e.property, "expected twice", "", false});
      continue;
    }
    expects[e.property] = e;
  }
  std::map<std::string, bool> seen;
  for (const core::PropertyResult &r : results) {
    seen[r.property] = true;
    Judgement row{r.property, "(none)", core::describe(r), true};
    auto it = expects.find(r.property);
    if (it == expects.end()) {
      row.ok = r.verdict != core::Verdict::Violated;  // unknown claims nothing
    } else {
      row.expected = core::describe(it->second);
      row.ok = core::met(it->second, r);
    }
    rows.push_back(row);
  }
  for (const auto &[name, e] : expects)
    if (!seen.count(name)) {
      bool declared = false;
      for (const ir::Property &p : lm.ts.properties) declared |= p.name == name;
      rows.push_back(
          {name, core::to_string(e.kind), declared ? "not checked" : "no such property", declared});
    }
  return rows;
}

namespace {

// Fills expected/got/ok/problem of `report` from judge() rows.
void apply_judgements(trace::ModelReport &report, const std::vector<Judgement> &rows) {
  std::vector<bool> taken(report.properties.size(), false);
  for (const Judgement &e : rows) {
    bool placed = false;
    for (std::size_t i = 0; i < report.properties.size() && !placed; ++i) {
      trace::PropertyReport &p = report.properties[i];
      if (taken[i] || p.property != e.property || p.got != e.got) continue;
      taken[i] = placed = true;
      p.expected = e.expected == "(none)" ? "" : e.expected;
      p.ok = e.ok;
      p.problem = e.ok ? "" : "expected " + e.expected + ", got " + e.got;
    }
    if (placed) continue;
    trace::PropertyReport p;  // an expect line without a result
    p.property = e.property;
    p.expected = e.expected;
    p.got = e.got;
    p.ok = e.ok;
    p.problem = e.ok ? "" : "expected " + e.expected + (e.got.empty() ? "" : ", got " + e.got);
    report.properties.push_back(p);
  }
}

}  // namespace

void describe_sources(const frontend::LoadedModel &lm, trace::ModelReport &report) {
  report.sources.clear();
  report.patched_files.clear();
  for (int f = 0; f < lm.sources.count(); ++f)
    report.sources.push_back({lm.sources.path(f), core::content_hash(lm.sources.text(f))});
  for (const frontend::FileAst &file : lm.program.files)
    for (const frontend::DeclPtr &d : file.decls)
      if (d->is_override) {
        report.patched_files.push_back(lm.sources.path(file.file));
        break;
      }
}

trace::ModelReport check_file(const std::string &file, const engines::CheckRequest &req,
                              const FileCheckOptions &opt) {
  trace::ModelReport report;
  report.model = file;
  const auto start = std::chrono::steady_clock::now();
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  bool loaded = false;
  try {
    loaded = frontend::load_model(file, frontend::FileReader(frontend::read_disk_file), *lm, diags,
                                  model_limits());
  } catch (const std::exception &e) {
    report.error = std::string("internal error: ") + e.what() + "\n";
    return report;
  }
  if (!loaded) {
    std::ostringstream out;
    print_diagnostics(*lm, diags, out);
    out << diags.count() << (diags.count() == 1 ? " error" : " errors") << " in " << file << "\n";
    report.error = out.str();
    if (report.error.empty()) report.error = "cannot load " + file + "\n";
    return report;
  }
  report.is_case = !lm->model.expects.empty();
  if (!report.is_case && !opt.all) return report;
  const std::string key = opt.cache ? ResultCache::key(lm->sources, req, opt.all) : "";
  if (opt.cache)
    if (std::optional<trace::ModelReport> hit = opt.cache->load(key)) {
      hit->model = file;
      hit->cached = true;
      return *hit;
    }
  const std::vector<core::PropertyResult> results = engines::check(lm->ts, req);
  trace::ModelReport checked = trace::make_report(lm->ts, file, results);
  checked.is_case = report.is_case;
  checked.incomplete = req.stop && req.stop->stop_requested();
  describe_sources(*lm, checked);
  if (checked.is_case) apply_judgements(checked, judge(*lm, results));
  checked.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (opt.cache && !checked.incomplete) opt.cache->store(key, checked);
  return checked;
}

std::vector<trace::ModelReport> check_files(const std::vector<std::string> &files,
                                            const engines::CheckRequest &req, const FileCheckOptions &opt) {
  std::vector<trace::ModelReport> out(files.size());
  engines::CheckRequest inner = req;
  if (opt.jobs > 1 && files.size() > 1) inner.jobs = 1;  // threads go to models, not to property groups
  engines::parallel_for(files.size(), opt.jobs, [&](std::size_t i) {
    if (req.stop && req.stop->stop_requested()) {
      out[i].model = files[i];
      out[i].is_case = true;  // not known: listed, never judged
      out[i].incomplete = true;
      return;
    }
    engines::CheckRequest mine = inner;
    if (opt.progress) {
      const std::string prefix =
          "case " + std::to_string(i + 1) + "/" + std::to_string(files.size()) + ": " + files[i] + ": ";
      opt.progress->status(prefix + "loading");
      mine.progress = opt.progress->progress_callback(prefix);
      mine.on_verdict = opt.progress->verdict_callback(prefix);
    }
    try {
      out[i] = check_file(files[i], mine, opt);
    } catch (const std::exception &e) {
      out[i] = trace::ModelReport{};
      out[i].model = files[i];
      out[i].error = std::string("internal error: ") + e.what() + "\n";
    }
  });
  return out;
}

}  // namespace ctcheck::cli
