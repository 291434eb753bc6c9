// Counters explored modulo 2^bits: a declared abstraction (`abstract VAR
// modulo N;` in the model), checked before it is used.
//
// Keeping only the low `bits` bits of a variable is exact -- the abstracted
// system has the same runs, property by property, as the real one -- when no
// value the system computes depends on the dropped high bits: every read of the
// variable reaches a comparison, a guard, a stored value of another variable or
// a property only through operators whose low result bits depend only on low
// argument bits (+ - * ~ & | ^, shifts left by constants, truncation, masks
// with & below 2^bits), and writes to the variable itself keep only its low
// bits. check() proves this syntactically by propagating, from every use, how
// many low bits of each subexpression are needed (demand); a use that needs
// more is reported with the statement it is in. `dynticks & 1`, `dynticks++`
// pass for bits >= 1; `curr >= snap + 2` does not.
//
// The explicit engine then explores the narrowed system; its proofs hold for
// the real one, and its certificate (engines/certificate.h) is checked on the
// real widths.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::ir {

// For every variable, how many of its low bits the system can observe (a
// fixpoint over the stores between variables; a variable whose value is never
// read needs 0).
std::vector<unsigned> demanded_bits(const TransitionSystem &ts);

// Why `abstractions` are not exact for `ts` (one line per offending use), or
// empty when they are.
std::vector<std::string> check_abstraction(const TransitionSystem &ts,
                                           const std::vector<Abstraction> &abstractions);

// The counters nobody declared that the system observes only modulo 2^b:
// model variables (not booleans, not of a relative pair, not declared) whose
// demanded bits are fewer than their width. Exact for the same reason a
// declared abstraction is (checked by the same demand); `loc` is empty.
std::vector<Abstraction> inferred_abstractions(const TransitionSystem &ts);

// What the explicit engine narrows: the declared abstractions, then the
// inferred ones.
std::vector<Abstraction> explored_abstractions(const TransitionSystem &ts);

// The bits each variable keeps under `abstractions` (0: all of them): the
// declared counters, and the variables that copy one and need no more bits.
std::vector<unsigned> narrowed_bits(const TransitionSystem &ts, const std::vector<Abstraction> &abstractions);

// `ts` with each abstracted variable narrowed to its low bits (reads see them
// zero-extended; writes keep the low bits). Variables that copy an abstracted
// one and need no more bits (an old() snapshot of a counter read modulo 2)
// are narrowed to the bits they need as well.
TransitionSystem apply_abstraction(const TransitionSystem &ts, const std::vector<Abstraction> &abstractions);

}  // namespace ctcheck::ir
