#include "cli/case_runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <iostream>
#include <map>
#include <thread>

#include "cli/batch.h"
#include "engines/bmc.h"
#include "engines/explicit.h"
#include "engines/kinduction.h"

namespace ctcheck::cli {

namespace {

std::vector<engines::PropertyResult> run_bmc(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  if (opt.jobs > 1) return run_bmc_parallel(lm, opt);
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

engines::KInduction::Options kind_options(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  engines::KInduction::Options o;
  o.max_k = opt.depth >= 0 ? opt.depth : lm.ts.default_depth;
  o.timeout_seconds = opt.timeout;
  o.properties = opt.properties;
  return o;
}

std::vector<engines::PropertyResult> run_kind(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  engines::KInduction::Options o = kind_options(lm, opt);
  if (opt.progress)
    o.progress = [](int k, int open, double secs) {
      std::cerr << "\r[kind] k " << k << ", " << open << " propert" << (open == 1 ? "y" : "ies") << " open, "
                << static_cast<int>(secs) << "s   " << std::flush;
    };
  std::vector<engines::PropertyResult> r = engines::KInduction(lm.ts, o).run();
  if (opt.progress) std::cerr << "\r" << std::string(60, ' ') << "\r";
  return r;
}

// One property's verdict from BMC (b) and k-induction (k): a violation from
// either (BMC's trace when both have one), a proof from kind, else BMC's
// bound. The two contradicting each other is an internal error, never a verdict.
engines::PropertyResult merge_bmc_kind(engines::PropertyResult b, engines::PropertyResult k) {
  using engines::Verdict;
  const bool bv = b.verdict == Verdict::Violated, kv = k.verdict == Verdict::Violated;
  if ((bv && k.verdict == Verdict::Proved) || (bv && kv && b.depth != k.depth)) {
    const std::string why = "internal error: bmc (" + describe(b) + ") and kind (" + describe(k) + ") disagree";
    b.verdict = Verdict::Unknown;
    b.reason = why;
    b.trace.reset();
    return b;
  }
  if (bv) return b;
  if (kv || k.verdict == Verdict::Proved) return k;
  return b;
}

// BMC and k-induction side by side, each in its own thread with its own
// z3::context. k-induction runs to the same depth (as max k), but its step
// cases from arbitrary states can cost far more than BMC on the kernel models:
// once BMC is done, it gets a grace period of a quarter of BMC's time (at
// least 2 s, within --timeout) and is then interrupted, keeping what it has
// proved. Small models finish well inside the grace period, so their verdicts
// do not depend on thread timing. Results in ts property order.
std::vector<engines::PropertyResult> run_bmc_and_kind(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  const auto start = std::chrono::steady_clock::now();
  engines::KInduction kind(lm.ts, kind_options(lm, opt));
  std::vector<engines::PropertyResult> kr;
  std::exception_ptr kind_failed;
  std::promise<void> kind_done;
  std::future<void> kind_finished = kind_done.get_future();
  std::thread worker([&] {
    try {
      kr = kind.run();
    } catch (...) {
      kind_failed = std::current_exception();
    }
    kind_done.set_value();
  });
  std::vector<engines::PropertyResult> br;
  try {
    br = run_bmc(lm, opt);
  } catch (...) {
    kind.interrupt();
    worker.join();
    throw;
  }
  const double bmc_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double grace = std::max(2.0, bmc_secs / 4);
  if (opt.timeout > 0) grace = std::min(grace, std::max(0.0, opt.timeout - bmc_secs));
  kind_finished.wait_for(std::chrono::duration<double>(grace));
  kind.interrupt();
  worker.join();
  if (kind_failed) return br;  // BMC's verdicts stand on their own
  for (engines::PropertyResult &b : br)
    for (engines::PropertyResult &k : kr)
      if (k.property == b.property) b = merge_bmc_kind(std::move(b), std::move(k));
  return br;
}

}  // namespace

// auto: the explicit engine settles small state spaces with proofs and
// shortest counterexamples; what it leaves unknown (state or input limits)
// goes to BMC and k-induction, run side by side (run_bmc_and_kind).
std::vector<engines::PropertyResult> check_model(const frontend::LoadedModel &lm, const EngineOptions &opt) {
  if (opt.engine == "bmc") return run_bmc(lm, opt);
  if (opt.engine == "kind") return run_kind(lm, opt);
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
  std::vector<engines::PropertyResult> b = run_bmc_and_kind(lm, rest);
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
    case engines::Verdict::Proved:
      return s + (r.engine == "explicit" ? " (all states, diameter " : " (k=") + std::to_string(r.depth) + ")";
    case engines::Verdict::Unknown: return s + " (" + r.reason + ")";
  }
  return s;
}

std::vector<Expectation> compare(const frontend::LoadedModel &lm, const std::vector<engines::PropertyResult> &results) {
  std::map<std::string, const frontend::ExpectDecl *> expects;
  std::vector<Expectation> rows;
  for (const frontend::ExpectDecl *d : lm.model.expects) {
    if (expects.count(d->property)) {
      rows.push_back({d->property, "expected twice", "", false});
      continue;
    }
    expects[d->property] = d;
  }
  std::map<std::string, bool> seen;
  for (const engines::PropertyResult &r : results) {
    seen[r.property] = true;
    Expectation row{r.property, "(none)", describe(r), true};
    auto it = expects.find(r.property);
    if (it == expects.end()) {
      row.ok = r.verdict != engines::Verdict::Violated;  // unknown claims nothing
    } else {
      const frontend::ExpectDecl &e = *it->second;
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
