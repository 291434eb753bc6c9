#include "cli/case_runner.h"

#include <iostream>
#include <map>

#include "engines/bmc.h"
#include "engines/explicit.h"

namespace ctcheck::cli {

namespace {

std::vector<engines::PropertyResult> run_bmc(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  engines::Bmc::Options o;
  o.max_depth = opt.depth >= 0 ? opt.depth : lm.ts.default_depth;
  o.timeout_seconds = opt.timeout;
  o.properties = opt.properties;
  if (opt.progress)
    o.progress = [](int depth, int open, double secs) {
      std::cerr << "\r[bmc] depth " << depth << ", " << open << " propert" << (open == 1 ? "y" : "ies") << " open, "
                << static_cast<int>(secs) << "s   " << std::flush;
    };
  std::vector<engines::PropertyResult> r = engines::Bmc(lm.ts, o).run();
  if (opt.progress) std::cerr << "\r" << std::string(60, ' ') << "\r";
  return r;
}

std::vector<engines::PropertyResult> run_explicit(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  engines::Explicit::Options o;
  o.max_states = opt.max_states;
  o.timeout_seconds = opt.timeout;
  o.properties = opt.properties;
  o.max_depth = opt.depth;
  return engines::Explicit(lm.ts, o).run();
}

}  // namespace

// auto: the explicit engine settles small state spaces with proofs and
// shortest counterexamples; what it leaves unknown (state or input limits)
// goes to BMC.
std::vector<engines::PropertyResult> check_model(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  if (opt.engine == "bmc") return run_bmc(lm, opt);
  std::vector<engines::PropertyResult> r = run_explicit(lm, opt);
  if (opt.engine == "explicit") return r;
  EngineOptions rest = opt;
  rest.properties.clear();
  const int bound = opt.depth >= 0 ? opt.depth : lm.ts.default_depth;
  for (engines::PropertyResult &p : r) {
    if (p.verdict != engines::Verdict::Unknown || p.reason.rfind("internal error", 0) == 0) continue;
    if (p.reason.rfind("explicit: state limit", 0) == 0 && p.depth >= bound) {
      p.verdict = engines::Verdict::Bounded;  // BMC to `bound` would re-check a subset of these states
      continue;
    }
    rest.properties.push_back(p.property);
  }
  if (rest.properties.empty()) return r;
  std::vector<engines::PropertyResult> b = run_bmc(lm, rest);
  for (engines::PropertyResult &p : r)
    for (engines::PropertyResult &q : b)
      if (q.property == p.property) {
        q.reason = q.reason.empty() ? p.reason : q.reason + "; " + p.reason;
        p = std::move(q);
      }
  return r;
}

std::string describe(const engines::PropertyResult &r) {
  std::string s = engines::to_string(r.verdict);
  switch (r.verdict) {
    case engines::Verdict::Violated: return s + " at " + std::to_string(r.depth);
    case engines::Verdict::Bounded: return s + " to " + std::to_string(r.depth);
    case engines::Verdict::Proved: return s + " (k=" + std::to_string(r.depth) + ")";
    case engines::Verdict::Unknown: return s + " (" + r.reason + ")";
  }
  return s;
}

std::vector<Expectation> compare(const frontend::LoadedModel &lm, const std::vector<engines::PropertyResult> &results) {
  std::map<std::string, const frontend::Decl *> expects;
  std::vector<Expectation> rows;
  for (const frontend::Decl *d : lm.model.expects) {
    if (expects.count(d->name)) {
      rows.push_back({d->name, "expected twice", "", false});
      continue;
    }
    expects[d->name] = d;
  }
  std::map<std::string, bool> seen;
  for (const engines::PropertyResult &r : results) {
    seen[r.property] = true;
    Expectation row{r.property, "(none)", describe(r), true};
    auto it = expects.find(r.property);
    if (it == expects.end()) {
      row.ok = r.verdict != engines::Verdict::Violated;  // unknown claims nothing
    } else {
      const frontend::Decl &e = *it->second;
      row.expected = e.verdict + (e.depth ? " at " + std::to_string(*e.depth) : "");
      if (e.verdict == "violated")
        row.ok = r.verdict == engines::Verdict::Violated && (!e.depth || *e.depth == r.depth);
      else if (e.verdict == "holds")
        row.ok = r.verdict == engines::Verdict::Bounded || r.verdict == engines::Verdict::Proved;
      else
        row.ok = r.verdict == engines::Verdict::Proved;
    }
    rows.push_back(row);
  }
  for (const auto &[name, d] : expects)
    if (!seen.count(name)) {
      bool declared = false;
      for (const ir::Property &p : lm.ts.properties) declared |= p.name == name;
      rows.push_back({name, d->verdict, declared ? "not checked" : "no such property", !declared ? false : true});
    }
  return rows;
}

}  // namespace ctcheck::cli
