#include "crosscheck.h"

#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>

#include "engines/bmc.h"
#include "engines/explicit.h"
#include "engines/kinduction.h"
#include "ir/reduce.h"
#include "sim/expand.h"

namespace ctcheck::crosscheck {

using core::PropertyResult;
using core::Verdict;

std::unique_ptr<frontend::LoadedModel> load_text(const std::string &text, std::string *errors) {
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  frontend::FileReader reader = [&text](const std::string &path) -> std::optional<std::string> {
    if (path == "gen.ct") return text;
    return std::nullopt;
  };
  if (frontend::load_model("gen.ct", reader, *lm, diags)) return lm;
  if (errors) {
    std::ostringstream s;
    diags.print(s);
    *errors = s.str();
  }
  return nullptr;
}

namespace {

std::string show(const PropertyResult &r) {
  std::string s = std::string(core::to_string(r.verdict)) + " " + std::to_string(r.depth());
  if (r.verdict == Verdict::Unknown) s += " (" + r.reason + ")";
  return s;
}

}  // namespace

std::string Outcome::table() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < expl.size(); ++i)
    out << "  " << expl[i].property << ": explicit " << show(expl[i]) << " | bmc " << show(bmc.at(i))
        << " | kind " << show(kind.at(i)) << " | as written: explicit " << show(plain.at(i)) << ", bmc "
        << (i < plain_bmc.size() ? show(plain_bmc[i]) : "-") << "\n";
  return out.str();
}

Outcome run_engines(const frontend::LoadedModel &lm, const Config &cfg) {
  Outcome o;
  using Clock = std::chrono::steady_clock;
  auto secs = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  const ir::Reduction red = ir::reduce(lm.ts);
  Clock::time_point t = Clock::now();
  engines::Explicit::Options eo;
  eo.max_states = cfg.max_states;
  o.expl = engines::Explicit(red.ts, eo).run();
  o.expl_secs = secs(t);
  t = Clock::now();
  o.plain = engines::Explicit(lm.ts, eo).run();
  engines::Bmc::Options pbo;
  pbo.max_depth = cfg.bmc_depth;
  o.plain_bmc = engines::Bmc(lm.ts, pbo).run();
  o.plain_secs = secs(t);
  t = Clock::now();
  engines::Bmc::Options bo;
  bo.max_depth = cfg.bmc_depth;
  o.bmc = engines::Bmc(red.ts, bo).run();
  o.bmc_secs = secs(t);
  t = Clock::now();
  engines::KInduction::Options ko;
  ko.max_depth = cfg.kind_k;
  ko.verbose = std::getenv("CROSSCHECK_SLOW") != nullptr;
  o.kind = engines::KInduction(red.ts, ko).run();
  o.kind_secs = secs(t);

  auto problem = [&](const std::string &prop, const std::string &what) {
    o.problems.push_back(prop + ": " + what);
  };
  // Every counterexample of the reduced system replays, expanded, on the model as written.
  const sim::Simulator original(lm.ts);
  for (const std::vector<PropertyResult> *rs : {&o.expl, &o.bmc, &o.kind})
    for (const PropertyResult &r : *rs) {
      if (r.verdict != Verdict::Violated || !r.trace) continue;
      core::Trace full;
      std::string why;
      if (!sim::expand_trace(original, red, *r.trace, full, why))
        problem(r.property, "does not expand: " + why);
      else if (std::string e = original.replay(full); !e.empty())
        problem(r.property, "expanded trace: " + e);
      else if (full.depth() != r.trace->depth())
        problem(r.property, "expanded trace has another depth");
    }
  if (o.plain.size() != o.expl.size()) {
    o.problems.push_back("reduced and as written report different numbers of properties");
    return o;
  }
  for (std::size_t i = 0; i < o.expl.size(); ++i) {
    const PropertyResult &e = o.expl[i], &w = o.plain[i];
    if (e.verdict == Verdict::Unknown || w.verdict == Verdict::Unknown) continue;  // a limit
    if (e.verdict != w.verdict)
      problem(e.property, "reduced " + show(e) + ", as written " + show(w));
    else if (e.verdict == Verdict::Violated && e.depth() > w.depth())
      problem(e.property, "violated deeper reduced (" + show(e) + ") than as written (" + show(w) + ")");
  }
  // As written: BMC against the explicit engine, both on the unreduced system.
  if (o.plain_bmc.size() != o.plain.size()) {
    o.problems.push_back("BMC as written reports another number of properties");
    return o;
  }
  for (std::size_t i = 0; i < o.plain.size(); ++i) {
    const PropertyResult &w = o.plain[i], &b = o.plain_bmc[i];
    const std::string &name = w.property;
    if (b.verdict == Verdict::Unknown) problem(name, "bmc as written unknown: " + b.reason);
    const bool bv = b.verdict == Verdict::Violated;
    if (w.verdict == Verdict::Violated) {
      const int d = w.depth();
      if (d <= cfg.bmc_depth && !(bv && b.depth() == d))
        problem(name, "as written: explicit violated at " + std::to_string(d) + ", bmc " + show(b));
      if (d > cfg.bmc_depth && bv)
        problem(name, "as written: explicit violated at " + std::to_string(d) + ", bmc " + show(b));
    } else if (w.verdict == Verdict::Proved || w.verdict == Verdict::Bounded) {
      if (bv)
        problem(name, "as written: explicit " + show(w) + ", bmc violated at " + std::to_string(b.depth()));
    } else if (w.reason.rfind("internal error", 0) != 0) {
      if (bv && b.depth() <= w.depth())
        problem(name, "as written: explicit saw no violation up to " + std::to_string(w.depth()) + ", bmc " +
                          show(b));
    }
    // Reduced and as written: a violation in one is a violation in the other.
    if (bv && i < o.bmc.size() && o.bmc[i].verdict != Verdict::Violated &&
        o.expl[i].verdict == Verdict::Proved)
      problem(name,
              "bmc as written violated at " + std::to_string(b.depth()) + ", reduced explicit proved it");
  }
  if (o.expl.size() != o.bmc.size() || o.expl.size() != o.kind.size()) {
    o.problems.push_back("the engines report different numbers of properties");
    return o;
  }
  for (std::size_t i = 0; i < o.expl.size(); ++i) {
    const PropertyResult &e = o.expl[i], &b = o.bmc[i], &k = o.kind[i];
    const std::string &name = e.property;
    if (b.property != name || k.property != name) {
      problem(name, "property order differs");
      continue;
    }
    if (b.verdict == Verdict::Unknown) problem(name, "bmc unknown: " + b.reason);
    if (k.verdict == Verdict::Unknown) problem(name, "kind unknown: " + k.reason);
    if (e.verdict == Verdict::Unknown && e.reason.rfind("internal error", 0) == 0)
      problem(name, "explicit: " + e.reason);
    const bool bv = b.verdict == Verdict::Violated, kv = k.verdict == Verdict::Violated;
    if (e.verdict == Verdict::Violated) {
      const int d = e.depth();
      if (d <= cfg.bmc_depth && !(bv && b.depth() == d))
        problem(name, "explicit violated at " + std::to_string(d) + ", bmc " + show(b));
      if (d > cfg.bmc_depth && bv)
        problem(name, "explicit violated at " + std::to_string(d) + ", bmc " + show(b));
      if (k.verdict == Verdict::Proved)
        problem(name, "explicit violated at " + std::to_string(d) + ", kind proved it");
      if (d <= cfg.kind_k && k.verdict != Verdict::Unknown && !(kv && k.depth() == d))
        problem(name, "explicit violated at " + std::to_string(d) + ", kind " + show(k));
    } else if (e.verdict == Verdict::Proved || e.verdict == Verdict::Bounded) {
      if (bv) problem(name, "explicit " + show(e) + ", bmc violated at " + std::to_string(b.depth()));
      if (kv) problem(name, "explicit " + show(e) + ", kind violated at " + std::to_string(k.depth()));
    } else if (e.reason.rfind("internal error", 0) != 0) {  // a limit: depths 0..e.depth() were checked
      if (bv && b.depth() <= e.depth())
        problem(name, "explicit saw no violation up to " + std::to_string(e.depth()) + ", bmc " + show(b));
      if (kv && k.depth() <= e.depth())
        problem(name, "explicit saw no violation up to " + std::to_string(e.depth()) + ", kind " + show(k));
    }
    // BMC against k-induction directly (both Z3, but different encodings of the question).
    if (bv && k.verdict == Verdict::Proved)
      problem(name, "bmc violated at " + std::to_string(b.depth()) + ", kind proved it");
    if (bv && b.depth() <= cfg.kind_k && k.verdict != Verdict::Unknown && !(kv && k.depth() == b.depth()))
      problem(name, "bmc violated at " + std::to_string(b.depth()) + ", kind " + show(k));
    if (kv && k.depth() <= cfg.bmc_depth && !(bv && b.depth() == k.depth()))
      problem(name, "kind violated at " + std::to_string(k.depth()) + ", bmc " + show(b));
    if (kv && k.verdict == Verdict::Violated && !k.trace) problem(name, "kind violated without a trace");
  }
  return o;
}

}  // namespace ctcheck::crosscheck
