// A proof by exhaustion as a certificate Z3 checks. The explicit engine's set
// of reachable states, as a formula Inv over the checked system's variables
// (ir/state_set.h), is an inductive invariant that excludes the bad states:
//
//   initiation   I(s) -> Inv(s)
//   consecution  Inv(s) ∧ a fires in s ∧ s' = a(s) -> Inv(s')   for every action a
//   safety       Inv(s) -> ¬bad(p, s)                             for every proved property p
//
// Each obligation is one query in a fresh Z3 context, Inv specialised to the
// control position of the action (ir/cofactor.h). Nothing here trusts the
// explicit engine: a set that is not closed under the transitions, or that
// contains a bad state, fails a query. With an abstraction (a counter
// explored modulo 2^b: `bits[v]` = b), Inv constrains only the low bits of that
// variable and the queries run on the system at its real widths, so a checked
// certificate proves the property for the unabstracted system.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engines/engine.h"
#include "ir/state_set.h"

namespace ctcheck::engines {

struct CertificateCheck {
  enum class Outcome { Checked, Refuted, Unknown } outcome = Outcome::Unknown;
  std::string why;  // Refuted: the obligation that failed; Unknown: why not decided
  std::size_t formula_nodes = 0;
  int queries = 0;
  double seconds = 0;
};

CertificateCheck check_certificate(const ir::TransitionSystem &ts, ir::StateSetBuilder &states,
                                   const std::vector<std::uint32_t> &properties, const Deadline &deadline,
                                   StopSource &stop);

}  // namespace ctcheck::engines
