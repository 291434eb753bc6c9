// `ctcheck gate --base A --head B`: check both sides (model files, case files
// or case directories, paired by their path inside the directory), print
// every property whose verdict changed, and fail (exit 1) when the head adds
// a violation, weakens a `proved`, or breaks a case's expectation.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/case_check.h"
#include "cli/case_files.h"
#include "cli/commands.h"
#include "cli/corpus_run.h"
#include "cli/gate_cost.h"
#include "cli/interrupt.h"
#include "cli/model_io.h"
#include "cli/output.h"
#include "engines/parallel.h"

namespace ctcheck::cli {

namespace {

namespace fs = std::filesystem;

struct Pair {
  std::string base, head;  // "" when the case exists on one side only
};

struct Change {
  std::string model, property, base, head, status, reason;
  bool regression = false;
};

using core::Verdict;

// Weakest to strongest as the gate ranks a change; no result is below everything.
int strength(const std::optional<Verdict> &verdict) {
  if (!verdict) return 0;
  switch (*verdict) {
    case Verdict::Violated:
      return 1;
    case Verdict::Unknown:
      return 2;
    case Verdict::Bounded:
      return 3;
    case Verdict::Proved:
      return 4;
  }
  return 0;
}

// What "the verdict changed" compares: the verdict, and for a violation the
// counterexample's length (not the k of a proof, nor how deep a bounded run
// got: that depends on the engine's limits, not on the model).
std::string key(const trace::PropertyReport &p) {
  if (p.verdict != Verdict::Violated) return trace::verdict_name(p);
  return trace::verdict_name(p) + " " + std::to_string(p.depth);
}

const trace::PropertyReport *find(const trace::ModelReport *m, const std::string &property) {
  if (!m) return nullptr;
  for (const trace::PropertyReport &p : m->properties)
    if (p.property == property && p.verdict) return &p;
  return nullptr;
}

bool emitted_in_sarif(const trace::PropertyReport *p) {
  return p && (p->verdict == Verdict::Violated || p->verdict == Verdict::Unknown);
}

std::string join(const std::vector<std::string> &parts) {
  std::string out;
  for (const std::string &p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// Judges the head against the base: sets ok/problem/baseline of every head
// property (a head property is ok unless it is a regression) and returns the
// table rows. `head` may be null (case removed), `base` too (case added).
std::vector<Change> judge_head(const trace::ModelReport *base, trace::ModelReport *head,
                               const std::string &name) {
  std::vector<Change> rows;
  if (!head) {
    rows.push_back({name, "(case)", "present", "(removed)", "changed", "", false});
    return rows;
  }
  // A case new in the head that meets every expectation (say, a regression
  // test that expects a historical bug) adds no violation the change did not mean.
  const bool new_case_as_expected = !base && head->is_case && !head->properties.empty() &&
                                    std::all_of(head->properties.begin(), head->properties.end(),
                                                [](const trace::PropertyReport &p) { return p.ok; });
  if (new_case_as_expected) {
    for (trace::PropertyReport &p : head->properties)
      if (emitted_in_sarif(&p)) p.baseline = "new";
    const std::size_t n = head->properties.size();
    rows.push_back({name, "(case)", "(absent)",
                    std::to_string(n) + (n == 1 ? " property" : " properties") + " as expected",
                    "new case, matches its expectations", "", false});
    return rows;
  }
  for (trace::PropertyReport &p : head->properties) {
    const trace::PropertyReport *q = find(base, p.property);
    std::vector<std::string> why;
    if (p.verdict == Verdict::Violated && (!q || q->verdict != Verdict::Violated))
      why.push_back("adds a violation");
    if (q && q->verdict == Verdict::Proved && p.verdict != Verdict::Proved) why.push_back("weakens proved");
    if (head->is_case && !p.ok)
      why.push_back(p.problem.empty() ? "breaks the case's expectation" : p.problem);
    const bool changed = p.verdict && (!q || key(*q) != key(p));
    p.ok = why.empty();
    p.problem = join(why);
    if (emitted_in_sarif(&p) || !p.ok)
      p.baseline = !emitted_in_sarif(q) ? "new" : key(*q) == key(p) ? "unchanged" : "updated";
    if (!changed && p.ok) continue;
    Change c{name, p.property, q ? q->got : "(absent)", p.got, "", p.problem, !p.ok};
    if (c.regression)
      c.status = "REGRESSION";
    else if (q && strength(p.verdict) > strength(q->verdict))
      c.status = "improved";
    else
      c.status = "changed";
    rows.push_back(c);
  }
  if (base)
    for (const trace::PropertyReport &q : base->properties) {
      if (!q.verdict || find(head, q.property)) continue;
      Change c{name, q.property, q.got, "(removed)", "changed", "", false};
      if (q.verdict == Verdict::Proved) {
        c.regression = true;
        c.status = "REGRESSION";
        c.reason = "a proved property was removed";
        trace::PropertyReport gone;  // so SARIF and JUnit show it too
        gone.property = q.property;
        gone.message = q.message;
        gone.loc = q.loc;
        gone.got = "(removed)";
        gone.ok = false;
        gone.problem = c.reason;
        gone.baseline = "new";
        head->properties.push_back(gone);
      }
      rows.push_back(c);
    }
  return rows;
}

// What the change under review touched in the head model: its own file and
// every source file whose text differs from the base's file at the same path
// relative to the model (or that the base does not have). SARIF points a
// counterexample at the last of its steps in one of these (the diff line).
void mark_changed_files(const trace::ModelReport *base, trace::ModelReport &head) {
  auto rel = [](const trace::ModelReport &m, const std::string &file) {
    return fs::path(file)
        .lexically_normal()
        .lexically_relative(fs::path(m.model).parent_path().lexically_normal())
        .generic_string();
  };
  std::map<std::string, std::string> before;  // relative path -> hash
  if (base)
    for (const auto &[file, hash] : base->sources) before[rel(*base, file)] = hash;
  head.patched_files = {head.model};
  for (const auto &[file, hash] : head.sources) {
    auto it = before.find(rel(head, file));
    if ((it == before.end() || it->second != hash) && file != head.model) head.patched_files.push_back(file);
  }
}

std::string pad(const std::string &s, std::size_t w) {
  return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
}

std::string table(const GateOptions &opt, const std::vector<Change> &rows, int regressions,
                  const std::vector<std::string> &load_errors) {
  std::ostringstream out;
  out << "ctcheck gate: base " << opt.base << ", head " << opt.head << "\n\n";
  for (const std::string &f : load_errors) out << "LOAD ERROR " << f << " (see stderr)\n";
  if (!load_errors.empty()) {
    out << "\n" << load_errors.size() << " load error(s): no verdict to compare\n";
    return out.str();
  }
  if (rows.empty()) {
    out << "no verdict changed\n";
  } else {
    std::size_t w[4] = {5, 8, 4, 4};
    for (const Change &c : rows) {
      w[0] = std::max(w[0], c.model.size());
      w[1] = std::max(w[1], c.property.size());
      w[2] = std::max(w[2], c.base.size());
      w[3] = std::max(w[3], c.head.size());
    }
    out << pad("model", w[0]) << "  " << pad("property", w[1]) << "  " << pad("base", w[2]) << "  "
        << pad("head", w[3]) << "  status\n";
    for (const Change &c : rows)
      out << pad(c.model, w[0]) << "  " << pad(c.property, w[1]) << "  " << pad(c.base, w[2]) << "  "
          << pad(c.head, w[3]) << "  " << c.status << (c.reason.empty() ? "" : " (" + c.reason + ")") << "\n";
  }
  out << "\n"
      << rows.size() << " change(s), " << regressions
      << " regression(s): " << (regressions ? "the head is WORSE than the base" : "ok") << "\n";
  return out.str();
}

}  // namespace

int run_gate(const GateOptions &opt) {
  for (const std::string *p : {&opt.base, &opt.head})
    if (!fs::exists(*p)) {
      std::cerr << "ctcheck: error: '" << *p << "' does not exist\n";
      return kExitUsage;
    }
  const bool dirs = fs::is_directory(opt.base);
  if (dirs != fs::is_directory(opt.head)) {
    std::cerr << "ctcheck: error: --base and --head must both be files or both be directories\n";
    return kExitUsage;
  }

  std::vector<Pair> pairs;
  if (dirs) {
    std::map<std::string, Pair> by_rel;  // sorted by the path inside the directory
    for (const std::string &f : ct_files(opt.base))
      by_rel[fs::path(f).lexically_relative(opt.base).generic_string()].base = f;
    for (const std::string &f : ct_files(opt.head))
      by_rel[fs::path(f).lexically_relative(opt.head).generic_string()].head = f;
    for (const auto &[rel, p] : by_rel) pairs.push_back(p);
  } else {
    pairs.push_back({opt.base, opt.head});
  }

  // One list of files, checked in parallel; pairs index into it.
  std::vector<std::string> files;
  std::vector<std::pair<int, int>> index;
  for (const Pair &p : pairs) {
    int b = -1, h = -1;
    if (!p.base.empty()) b = static_cast<int>(files.size()), files.push_back(p.base);
    if (!p.head.empty()) h = static_cast<int>(files.size()), files.push_back(p.head);
    index.emplace_back(b, h);
  }
  // Models in parallel; each model's engines as `check` runs them.
  std::optional<std::vector<trace::ModelReport>> run =
      run_corpus(files, {opt.jobs, /*all=*/!dirs, opt.quiet, opt.verbose, opt.cache, opt.certify_states});
  if (!run) return kExitUsage;
  std::vector<trace::ModelReport> &reports = *run;
  const bool incomplete = interrupt::signal_received() != 0;

  std::vector<std::string> load_errors;
  for (const trace::ModelReport &m : reports) {
    std::cerr << m.error;
    if (!m.error.empty()) load_errors.push_back(m.model);
  }
  std::vector<Change> rows;
  std::vector<trace::ModelReport> heads;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto [b, h] = index[i];
    trace::ModelReport *base = b >= 0 ? &reports[b] : nullptr;
    trace::ModelReport *head = h >= 0 ? &reports[h] : nullptr;
    if ((base && !base->error.empty()) || (head && !head->error.empty())) {
      if (head && !head->error.empty()) heads.push_back(*head);
      continue;
    }
    // In a directory, files without expect lines are shared files, not cases.
    if (dirs && base && !base->is_case) base = nullptr;
    if (dirs && head && !head->is_case) head = nullptr;
    if (!base && !head) continue;
    const std::string name = dirs ? (head ? head->model : base->model) : opt.head;
    if (head) mark_changed_files(base, *head);
    for (Change &c : judge_head(base, head, name)) rows.push_back(std::move(c));
    if (head) heads.push_back(*head);
  }
  int regressions = 0;
  for (const Change &c : rows) regressions += c.regression;
  // Cost events per path: always for two files, for directories only under a
  // limit (a second search of every case costs time).
  GateCost costs;
  if (load_errors.empty() && (!dirs || !opt.cost_limits.empty())) {
    std::vector<std::pair<std::string, std::string>> cost_pairs;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      const auto [b, h] = index[i];
      if (b >= 0 && h >= 0 && (!dirs || (reports[b].is_case && reports[h].is_case)))
        cost_pairs.emplace_back(pairs[i].base, pairs[i].head);
    }
    costs = gate_costs(cost_pairs, opt.cost_limits);
    if (costs.load_error) return kExitUsage;
  }

  std::string text = table(opt, rows, regressions + costs.regressions, load_errors) + costs.text;
  regressions += costs.regressions;
  if (incomplete) text += interrupt::incomplete_note() + "\n";
  if (opt.format == OutputFormat::Text) {
    if (!emit(opt.output, text)) return kExitUsage;
  } else {
    nlohmann::json changes = nlohmann::json::array();
    for (const Change &c : rows)
      changes.push_back({{"model", c.model},
                         {"property", c.property},
                         {"base", c.base},
                         {"head", c.head},
                         {"status", c.status},
                         {"reason", c.reason},
                         {"regression", c.regression}});
    nlohmann::json extra{{"base", opt.base},
                         {"head", opt.head},
                         {"changes", changes},
                         {"cost_changes", costs.changes},
                         {"regressions", regressions}};
    if (incomplete) extra["incomplete"] = true;
    if (!opt.output.empty()) std::cout << text;
    if (!emit(opt.output, render_reports(opt.format, "gate", heads, extra))) return kExitUsage;
  }
  if (incomplete) return interrupt::exit_code();
  if (!load_errors.empty()) return kExitUsage;
  return regressions ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
