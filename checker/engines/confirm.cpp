#include "engines/confirm.h"

#include <exception>
#include <string>

namespace ctcheck::engines {

void confirm_violation(const sim::Simulator &sim, core::Trace t, core::PropertyResult &r) {
  std::string why;
  int failed = -1;
  try {
    why = sim.replay(t, &failed);
  } catch (const std::exception &e) {
    why = std::string("simulator threw: ") + e.what();
  }
  if (!why.empty()) {
    r.verdict = core::Verdict::Unknown;
    r.cause = core::UnknownCause::InternalError;
    r.reason = "internal error: counterexample did not replay: " + why;
    r.trace.reset();
    return;
  }
  t.failed_check = failed;
  r.verdict = core::Verdict::Violated;
  r.cause = core::UnknownCause::None;
  r.trace_length = t.depth();
  r.trace = std::move(t);
}

}  // namespace ctcheck::engines
