// Snapshots explored relative to their counter: a declared abstraction
// (`abstract SNAP relative to COUNTER modulo 2^bits up to D;`) for a counter
// that grows without bound and is read only through its low bits and through
// comparisons with a snapshot of itself (RCU's dynticks counter and the
// grace-period side's copy of it).
//
// The explicit engine stores each state's pair (counter, snap) as a
// representative of its class:
//   * the low `bits` bits of snap and of counter are kept;
//   * d = counter - snap (mod 2^width) is kept exactly below D, and every
//     d >= D (unsigned) with the same low bits is one class.
// The representative has snap < 2^bits and counter = snap + d (d = D + (d mod
// 2^bits) for the merged class), so the explored space is finite.
//
// This is not exact in general -- nothing checks that the system only looks at
// differences and low bits, and a merged class behaves like its representative
// only -- so its results are never taken on trust: a proof counts only when
// its certificate (the classes of the explored states, as a formula over the
// real variables: engines/certificate.h) is checked by Z3 at the real widths,
// and a violation only when its trace replays on the real system.
// docs/semantics.md, "Relative abstractions".
#pragma once

#include <cstdint>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::ir {

// The class's representative of counter - snap (both `width` bits wide).
std::uint64_t representative_difference(const RelativeAbstraction &r, unsigned width,
                                        std::uint64_t difference);

// Replaces each declared pair of `state` by its class's representative.
void to_representative(const TransitionSystem &ts, std::vector<std::uint64_t> &state);

// The members of the class of `representative` that the explorer expands:
// itself and, for each pair in a merged class, the differences just below
// 2^width with the same low bits (2^width - j*2^bits + r, j = 1 .. D/2^bits).
// A step that adds at most D to counter - snap takes some of those across
// 2^width to a small difference, and they lie above 2^(width-1), where
// unsigned comparisons such as UINT_CMP_GE turn: the representative alone
// would miss both.
std::vector<std::vector<std::uint64_t>> class_witnesses(const TransitionSystem &ts,
                                                        const std::vector<std::uint64_t> &representative);

// The class of the pairs whose difference has representative `difference`,
// given the snap's kept low bits separately: "counter - snap == d" below D,
// else "counter - snap >= D and its low bits are d's".
ExprId difference_class(ExprPool &pool, const TransitionSystem &ts, const RelativeAbstraction &r,
                        std::uint64_t difference);

}  // namespace ctcheck::ir
