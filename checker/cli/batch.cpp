#include "cli/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/model_io.h"
#include "engines/bmc.h"
#include "frontend/loader.h"
#include "trace/junit_printer.h"
#include "trace/sarif_printer.h"

namespace ctcheck::cli {

int default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)> &fn) {
  const std::size_t threads = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(jobs, 1)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) {
        try {
          fn(i);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      }
    });
  for (std::thread &t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

std::vector<std::string> ct_files(const std::string &dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ct") out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool parse_shard(const std::string &spec, int *index, int *count, std::string *error) {
  const std::size_t slash = spec.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no '/'");
    std::size_t used = 0;
    const std::string a = spec.substr(0, slash), b = spec.substr(slash + 1);
    const int i = std::stoi(a, &used);
    if (used != a.size()) throw std::invalid_argument("index");
    const int n = std::stoi(b, &used);
    if (used != b.size()) throw std::invalid_argument("count");
    if (n < 1 || i < 0 || i >= n) throw std::out_of_range("range");
    *index = i;
    *count = n;
    return true;
  } catch (const std::exception &) {
    if (error) *error = "--shard wants I/N with 0 <= I < N (e.g. 0/4), not '" + spec + "'";
    return false;
  }
}

std::vector<std::string> shard(const std::vector<std::string> &files, int index, int count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(count)) == index) out.push_back(files[i]);
  return out;
}

void apply_expectations(trace::ModelReport &report, const std::vector<Expectation> &rows) {
  std::vector<bool> taken(report.properties.size(), false);
  for (const Expectation &e : rows) {
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
    p.verdict = "none";
    p.expected = e.expected;
    p.got = e.got;
    p.ok = e.ok;
    p.problem = e.ok ? "" : "expected " + e.expected + (e.got.empty() ? "" : ", got " + e.got);
    report.properties.push_back(p);
  }
}

trace::ModelReport check_file(const std::string &file, const EngineOptions &eo, bool all) {
  trace::ModelReport report;
  report.model = file;
  const auto start = std::chrono::steady_clock::now();
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  bool loaded = false;
  try {
    loaded = frontend::load_model(file, frontend::FileReader(frontend::read_disk_file), *lm, diags);
  } catch (const std::exception &e) {
    report.error = std::string("internal error: ") + e.what() + "\n";
    return report;
  }
  if (!loaded) {
    std::ostringstream out;
    diags.print(out);
    out << diags.count() << (diags.count() == 1 ? " error" : " errors") << " in " << file << "\n";
    report.error = out.str();
    if (report.error.empty()) report.error = "cannot load " + file + "\n";
    return report;
  }
  report.is_case = !lm->model.expects.empty();
  if (!report.is_case && !all) return report;
  const std::vector<engines::PropertyResult> results = check_model(*lm, eo);
  trace::ModelReport checked = trace::make_report(lm->ts, file, results);
  // The CLI's wording, which compare() rows use too (apply_expectations matches on it).
  for (std::size_t i = 0; i < results.size() && i < checked.properties.size(); ++i)
    checked.properties[i].got = describe(results[i]);
  checked.is_case = report.is_case;
  if (checked.is_case) apply_expectations(checked, compare(*lm, results));
  checked.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return checked;
}

std::vector<trace::ModelReport> check_files(const std::vector<std::string> &files, const EngineOptions &eo, bool all,
                                            int jobs) {
  std::vector<trace::ModelReport> out(files.size());
  EngineOptions inner = eo;
  inner.progress = false;  // threads would interleave their progress lines
  if (jobs > 1 && files.size() > 1) inner.jobs = 1;  // threads go to models, not to property groups
  parallel_for(files.size(), jobs, [&](std::size_t i) {
    try {
      out[i] = check_file(files[i], inner, all);
    } catch (const std::exception &e) {
      out[i] = trace::ModelReport{};
      out[i].model = files[i];
      out[i].error = std::string("internal error: ") + e.what() + "\n";
    }
  });
  return out;
}

std::vector<engines::PropertyResult> run_bmc_parallel(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  std::vector<std::string> names = opt.properties;
  if (names.empty())
    for (const ir::Property &p : lm.ts.properties) names.push_back(p.name);
  engines::Bmc::Options o;
  o.max_depth = opt.depth >= 0 ? opt.depth : lm.ts.default_depth;
  o.timeout_seconds = opt.timeout;
  if (names.size() <= 1) {
    o.properties = names;
    return engines::Bmc(lm.ts, o).run();
  }
  // Round-robin groups, one solver each: a solver per property would repeat
  // the unrolling for every property (measured 50x slower on linux-4.3).
  const std::size_t groups = std::min<std::size_t>(names.size(), static_cast<std::size_t>(opt.jobs));
  std::vector<std::vector<engines::PropertyResult>> parts(groups);
  parallel_for(groups, opt.jobs, [&](std::size_t g) {
    engines::Bmc::Options one = o;
    for (std::size_t i = g; i < names.size(); i += groups) one.properties.push_back(names[i]);
    parts[g] = engines::Bmc(lm.ts, one).run();
  });
  std::vector<engines::PropertyResult> out;
  for (const ir::Property &p : lm.ts.properties)
    for (std::vector<engines::PropertyResult> &part : parts)
      for (engines::PropertyResult &r : part)
        if (r.property == p.name) out.push_back(std::move(r));
  return out;
}

bool emit(const std::string &output, const std::string &content) {
  if (!output.empty()) return write_whole_file(output, content);
  std::cout << content << std::flush;
  return true;
}

std::string render_reports(const std::string &format, const std::string &command,
                           const std::vector<trace::ModelReport> &models, const nlohmann::json &extra) {
  if (format == "json") return trace::reports_to_json(command, models, extra).dump(2) + "\n";
  if (format == "sarif") return trace::to_sarif(models).dump(2) + "\n";
  if (format == "junit") return trace::to_junit(models);
  return "";
}

// The engine that settled a property (its depth or k is in `got`), and its time.
static std::string settled_by(const std::string &engine, double seconds, bool times) {
  if (engine.empty()) return "";
  std::ostringstream s;
  s << "  " << engine;
  if (times) s << " " << std::fixed << std::setprecision(2) << seconds << " s";
  return s.str();
}

std::string cases_table(const std::vector<trace::ModelReport> &models, bool times) {
  std::ostringstream out;
  out << std::left << std::setw(44) << "case" << std::setw(36) << "property" << std::setw(18) << "expected"
      << std::setw(36) << "got" << "\n";
  const trace::ReportSummary s = trace::summarize(models);
  for (const trace::ModelReport &m : models) {
    if (!m.error.empty()) {
      out << std::setw(44) << m.model << "LOAD ERROR (see stderr)\n";
      continue;
    }
    if (!m.is_case) continue;
    for (const trace::PropertyReport &p : m.properties)
      out << std::setw(44) << m.model << std::setw(36) << p.property << std::setw(18)
          << (p.expected.empty() ? "(none)" : p.expected) << std::setw(36) << p.got << std::setw(8)
          << (p.ok ? "ok" : "MISMATCH") << settled_by(p.engine, p.seconds, times) << "\n";
    if (times) out << std::setw(44) << m.model << "(" << std::fixed << std::setprecision(2) << m.seconds << " s)\n";
  }
  out << s.cases << " case(s), " << s.mismatches << " mismatch(es), " << s.load_errors << " load error(s)\n";
  return out.str();
}

}  // namespace ctcheck::cli
