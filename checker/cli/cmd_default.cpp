// `ctcheck` with no arguments: the 2015 story, on the models embedded in the
// binary. Linux 4.3 lets an IRQ run while context tracking still says USER;
// the Aug-2015 patch and the 4.6 rework close that window.
#include <iostream>
#include <map>

#include "cli/case_check.h"
#include "cli/commands.h"
#include "cli/model_io.h"
#include "trace/text_printer.h"

namespace ctcheck::cli {

int run_default() {
  struct Step {
    const char *file, *title;
  };
  const Step story[] = {
      {"cases/linux-4.3.ct", "Linux 4.3: SYSCALL entry enables IRQs before enter_from_user_mode()"},
      {"cases/linux-4.3-patch-2015.ct", "Linux 4.3 + \"x86/entry/64: Context-track syscalls before enabling interrupts\""},
      {"cases/linux-4.6.ct", "Linux 4.6: do_syscall_64() calls enter_from_user_mode() with IRQs off"},
  };
  int mismatches = 0;
  for (const Step &s : story) {
    std::cout << "== " << s.title << "\n   (" << s.file << ", embedded)\n";
    auto lm = load_or_report(s.file, true);
    if (!lm) return kExitUsage;
    const std::vector<core::PropertyResult> results = engines::check(lm->ts, engines::CheckRequest{});
    // Violations and mismatches one per line; the rest grouped by verdict.
    std::map<std::string, int> others;
    for (const Judgement &e : judge(*lm, results)) {
      mismatches += !e.ok;
      if (e.ok && e.got.rfind("violated", 0) != 0) {
        ++others[e.got];
        continue;
      }
      std::cout << "   " << (e.ok ? "  " : "!!") << " " << e.property << ": " << e.got
                << (e.ok ? "" : "   (expected " + e.expected + ")") << "\n";
    }
    for (const auto &[got, n] : others)
      std::cout << "      " << n << " other propert" << (n == 1 ? "y" : "ies") << ": " << got << "\n";
    for (const core::PropertyResult &r : results)
      if (r.trace && r.property == "irq_not_in_user") {
        std::cout << "\n";
        trace::print_text(lm->ts, *r.trace, std::cout);
      }
    std::cout << "\n";
  }
  std::cout << (mismatches ? "The story does NOT match the expectations above.\n"
                           : "All verdicts match the cases' expectations.\n");
  return mismatches ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
