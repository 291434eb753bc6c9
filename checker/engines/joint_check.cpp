#include "engines/joint_check.h"

#include <algorithm>

namespace ctcheck::engines {

void check_jointly(SolverSession &s, std::vector<JointItem> pending, const JointHandlers &h) {
  z3::context &ctx = s.ctx();
  bool together = pending.size() > 1;
  while (!pending.empty()) {
    const std::vector<JointItem> batch = together ? pending : std::vector<JointItem>{pending.back()};
    z3::expr_vector bads(ctx);
    for (const JointItem &i : batch) bads.push_back(i.bad);
    // A fresh literal per query: goal -> OR(bad) is asserted once and stays harmless.
    z3::expr goal = ctx.bool_const(("joint." + std::to_string(s.checks())).c_str());
    s.solver().add(z3::implies(goal, z3::mk_or(bads)));
    z3::expr_vector assume(ctx);
    assume.push_back(goal);
    if (h.assumptions) h.assumptions(assume);
    const double share = batch.size() > 1 ? 0.5 : 1.0 / static_cast<double>(pending.size());
    const SolverSession::Answer a = s.check(assume, share);
    std::vector<std::size_t> settled;
    if (a.result == z3::unsat) {
      for (const JointItem &i : batch) settled.push_back(i.id);
      h.unsat(settled);
    } else if (a.result == z3::sat) {
      const z3::model m = s.solver().get_model();
      for (std::size_t b = 0; b < batch.size(); ++b)
        if (m.eval(bads[static_cast<unsigned>(b)], true).is_true()) settled.push_back(batch[b].id);
      if (settled.empty()) {
        for (const JointItem &i : batch) settled.push_back(i.id);
        h.inconsistent(settled);
      } else {
        h.sat(m, settled);
      }
    } else if (batch.size() > 1 && a.cause != UnknownCause::Interrupted) {
      together = false;
      continue;
    } else {
      // A single query gave up, or the run was stopped: nothing else is asked.
      const std::vector<JointItem> give_up = a.cause == UnknownCause::Interrupted ? pending : batch;
      for (const JointItem &i : give_up) {
        h.unknown(i.id, a);
        settled.push_back(i.id);
      }
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [&](const JointItem &q) {
                                   return std::find(settled.begin(), settled.end(), q.id) != settled.end();
                                 }),
                  pending.end());
  }
}

}  // namespace ctcheck::engines
