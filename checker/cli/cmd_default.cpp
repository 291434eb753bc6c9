// `ctcheck` with no arguments: the 2015 story, on the models embedded in the
// binary. Linux 4.3 lets an IRQ run while context tracking still says USER;
// the Aug-2015 patch and the 4.6 rework close that window. Then one line per
// modern kernel (6.1, 6.12): the same properties on its syscall model.
//
// The proofs here are by exhausting the state space; they are not re-checked
// as Z3 certificates (engines/certificate.h), which costs 1.5-4 s of CPU per
// model and would make the main job take over 10 s instead of about one.
// `ctcheck cases` and `ctcheck check` certify them (cases.all does).
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

#include "cli/case_check.h"
#include "cli/commands.h"
#include "cli/model_io.h"
#include "trace/text_printer.h"

namespace ctcheck::cli {

namespace {

// One line per modern kernel, from checking its embedded syscall case (entry,
// IRQs, NMIs, page faults; cases/linux-6.*-syscall.ct): "every property proved"
// only when every property is proved; otherwise how many, and each other
// verdict on a line of its own ("!!" when it does not meet the case's
// expectation). Returns the number of mismatches, or nullopt when a model does
// not load (diagnostics printed).
std::optional<int> check_modern_kernels(const engines::CheckRequest &req) {
  struct Kernel {
    const char *file, *name;
  };
  const Kernel kernels[] = {
      {"cases/linux-6.1-syscall.ct", "Linux 6.1"},
      {"cases/linux-6.12-syscall.ct", "Linux 6.12"},
  };
  std::cout << "== Modern kernels: SYSCALL entry, IRQs, NMIs, page faults (context tracking with RCU "
               "watching merged in)\n";
  int mismatches = 0;
  for (const Kernel &k : kernels) {
    auto lm = load_or_report(k.file, true);
    if (!lm) return std::nullopt;
    const std::vector<core::PropertyResult> results = engines::check(lm->ts, req);
    std::size_t proved = 0, exhausted = 0;
    int diameter = 0;
    for (const core::PropertyResult &r : results) {
      if (r.verdict != core::Verdict::Proved) continue;
      ++proved;
      if (r.engine == core::EngineKind::Explicit) ++exhausted, diameter = std::max(diameter, r.diameter);
    }
    std::cout << "   " << k.name << ": ";
    if (!results.empty() && proved == results.size())
      std::cout << "every property proved";
    else
      std::cout << proved << " of " << results.size() << " properties proved";
    std::cout << "   (" << results.size() << " properties";
    if (exhausted == results.size()) std::cout << ", all states, diameter " << diameter;
    std::cout << "; " << k.file << ", embedded)\n";
    for (const Judgement &e : judge(*lm, results)) {
      mismatches += !e.ok;
      if (e.ok && e.got.rfind("proved", 0) == 0) continue;
      std::cout << "      " << (e.ok ? "  " : "!!") << " " << e.property << ": " << e.got
                << (e.ok ? "" : "   (expected " + e.expected + ")") << "\n";
    }
  }
  return mismatches;
}

}  // namespace

int run_default() {
  struct Step {
    const char *file, *title;
  };
  const Step story[] = {
      {"cases/linux-4.3.ct", "Linux 4.3: SYSCALL entry enables IRQs before enter_from_user_mode()"},
      {"cases/linux-4.3-patch-2015.ct",
       "Linux 4.3 + \"x86/entry/64: Context-track syscalls before enabling interrupts\""},
      {"cases/linux-4.6.ct", "Linux 4.6: do_syscall_64() calls enter_from_user_mode() with IRQs off"},
  };
  engines::CheckRequest req;
  req.certify_states = 0;
  int mismatches = 0;
  for (const Step &s : story) {
    std::cout << "== " << s.title << "\n   (" << s.file << ", embedded)\n";
    auto lm = load_or_report(s.file, true);
    if (!lm) return kExitUsage;
    const std::vector<core::PropertyResult> results = engines::check(lm->ts, req);
    // Violations and mismatches one per line; the rest grouped by verdict.
    std::map<std::string, int> others;
    const std::vector<Judgement> judgements = judge(*lm, results);
    const int judged = static_cast<int>(judgements.size());
    for (const Judgement &e : judgements) {
      mismatches += !e.ok;
      if (e.ok && e.got.rfind("violated", 0) != 0) {
        ++others[e.got];
        continue;
      }
      std::cout << "   " << (e.ok ? "  " : "!!") << " " << e.property << ": " << e.got
                << (e.ok ? "" : "   (expected " + e.expected + ")") << "\n";
    }
    const bool alone = others.size() == 1 && judged == others.begin()->second;  // nothing listed above
    for (const auto &[got, n] : others)
      std::cout << "      " << n << (alone ? "" : " other") << " propert" << (n == 1 ? "y" : "ies") << ": "
                << got << "\n";
    for (const core::PropertyResult &r : results)
      if (r.trace && r.property == "irq_not_in_user") {
        std::cout << "\n";
        trace::print_text(lm->ts, *r.trace, std::cout);
      }
    std::cout << "\n";
  }
  const std::optional<int> modern = check_modern_kernels(req);
  if (!modern) return kExitUsage;
  mismatches += *modern;
  std::cout << "\n"
            << (mismatches ? "The story does NOT match the expectations above.\n"
                           : "All verdicts match the cases' expectations.\n");
  return mismatches ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
