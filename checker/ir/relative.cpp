#include "ir/relative.h"

namespace ctcheck::ir {

std::uint64_t representative_difference(const RelativeAbstraction &r, unsigned width, std::uint64_t d) {
  d &= mask_of(width);
  if (d < r.up_to) return d;
  return r.up_to + (d & mask_of(r.bits));
}

void to_representative(const TransitionSystem &ts, std::vector<std::uint64_t> &state) {
  for (const RelativeAbstraction &r : ts.relations) {
    const unsigned w = ts.vars[r.counter].sort.width;
    const std::uint64_t snap = state[r.snap] & mask_of(r.bits);
    const std::uint64_t d = representative_difference(r, w, state[r.counter] - state[r.snap]);
    state[r.snap] = snap;
    state[r.counter] = (snap + d) & mask_of(w);
  }
}

std::vector<std::vector<std::uint64_t>> class_witnesses(const TransitionSystem &ts,
                                                        const std::vector<std::uint64_t> &representative) {
  std::vector<std::vector<std::uint64_t>> out{representative};
  for (const RelativeAbstraction &r : ts.relations) {
    const unsigned w = ts.vars[r.counter].sort.width;
    const std::uint64_t d = (representative[r.counter] - representative[r.snap]) & mask_of(w);
    if (d < r.up_to) continue;
    const std::uint64_t low = d & mask_of(r.bits);
    const std::size_t members = out.size();
    for (std::uint64_t j = 1; j <= r.up_to >> r.bits; ++j)
      for (std::size_t m = 0; m < members; ++m) {
        std::vector<std::uint64_t> s = out[m];
        s[r.counter] = (s[r.snap] + (mask_of(w) + 1 - (j << r.bits)) + low) & mask_of(w);
        out.push_back(std::move(s));
      }
  }
  return out;
}

ExprId difference_class(ExprPool &pool, const TransitionSystem &ts, const RelativeAbstraction &r,
                        std::uint64_t d) {
  const Sort sort = ts.vars[r.counter].sort;
  const ExprId diff = pool.binary(Op::Sub, pool.var(r.counter, sort), pool.var(r.snap, sort));
  if (d < r.up_to) return pool.eq(diff, pool.constant(sort, d));
  const Sort low = Sort::bv(r.bits);
  return pool.land(pool.eq(pool.extend(Op::Trunc, diff, r.bits), pool.constant(low, d & mask_of(r.bits))),
                   pool.binary(Op::Ule, pool.constant(sort, r.up_to), diff));
}

}  // namespace ctcheck::ir
